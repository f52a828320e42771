import type {SanityQueries} from '@sanity/client'

/** GROQ parameters, as `@sanity/client` takes them. */
export type QueryParams = Record<string, unknown>

/** The TypeGen result type of a `defineQuery` query, by its text. */
export type QueryResult<Q extends string> = Q extends keyof SanityQueries ? SanityQueries[Q] : unknown

/** Where the build reads content from: the bundled dataset or a live Sanity project. */
export interface ContentSource {
  fetch<const Q extends string>(query: Q, params?: QueryParams): Promise<QueryResult<Q>>
}
