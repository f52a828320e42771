import type {SanityQueries} from '@sanity/client'

/** GROQ parameters, as `@sanity/client` takes them. */
export type QueryParams = Record<string, unknown>

/** The TypeGen result type of a `defineQuery` query, by its text. */
export type QueryResult<Q extends string> = Q extends keyof SanityQueries ? SanityQueries[Q] : unknown

/**
 * Which documents a source shows, as the Content Lake's perspectives do:
 * - `published`: published documents only; drafts and release versions are invisible. What the
 *   static site is built from.
 * - `drafts`: each document as its draft if it has one, else as published, under the published
 *   `_id` (the draft's own ID in `_originalId`); release versions are invisible. For previews.
 * - `raw`: every document under its own ID, drafts and versions included. Only for reading what
 *   the Studio stores for itself (the preview secret); never for rendering.
 */
export type Perspective = 'published' | 'drafts' | 'raw'

/** The API version every live query is pinned to, so a Content Lake change cannot alter results. */
export const API_VERSION = '2025-02-19'

/** The perspectives content may be rendered in; anything else is refused, never passed on. */
export const PERSPECTIVES: readonly Perspective[] = ['published', 'drafts']

/** Where content is read from: a dataset file (groq-js) or a live Sanity project (`@sanity/client`). */
export interface ContentSource {
  /** The perspective every query of this source is answered with. */
  readonly perspective: Perspective
  /** Runs one query, answered as the Content Lake answers it: one request, one response. */
  fetch<const Q extends string>(query: Q, params?: QueryParams): Promise<QueryResult<Q>>
  /**
   * Reads a paged query whole (see `paging.ts`): every page from `lastId: ""` on, in the
   * collection's final order, however many requests that takes. A query that is not a paged query
   * is refused with an error naming it.
   */
  fetchAll<const Q extends string>(query: Q, params?: QueryParams): Promise<QueryResult<Q>>
}
