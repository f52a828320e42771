import {createClient} from '@sanity/client'
import type {ContentSource, QueryParams, QueryResult} from './source-types.ts'

/** The API version every live query is pinned to, so a Content Lake change cannot alter results. */
export const API_VERSION = '2025-02-19'

export interface LiveSourceOptions {
  projectId: string
  dataset: string
  /** A read token, for private datasets. Used at build time on the server only. */
  token?: string | undefined
  /** Where the Content Lake is; tests point this at a local server. */
  apiHost?: string | undefined
}

/** A content source over a live Sanity project, published perspective only. */
export function createLiveSource(options: LiveSourceOptions): ContentSource {
  const client = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: API_VERSION,
    // A build wants the freshest published content, not a cached edge copy.
    useCdn: false,
    perspective: 'published',
    ...(options.token ? {token: options.token} : {}),
    ...(options.apiHost ? {apiHost: options.apiHost, useProjectHostname: false} : {}),
  })
  return {
    fetch: <const Q extends string>(query: Q, params: QueryParams = {}) => client.fetch<QueryResult<Q>>(query, params),
  }
}
