import type {SanityQueries} from '@sanity/client'

/** GROQ parameters, as `@sanity/client` takes them. */
export type QueryParams = Record<string, unknown>

/** The TypeGen result type of a `defineQuery` query, by its text. */
export type QueryResult<Q extends string> = Q extends keyof SanityQueries ? SanityQueries[Q] : unknown

/** Where the build reads content from: the bundled dataset or a live Sanity project. */
export interface ContentSource {
  /**
   * Runs a query. A paged query (one using `$lastId`, see `paging.ts`) asked for without `lastId`
   * answers with the whole collection in its final order, however many pages that takes; with
   * `lastId` it answers with that one page, as the Content Lake does.
   */
  fetch<const Q extends string>(query: Q, params?: QueryParams): Promise<QueryResult<Q>>
}
