/**
 * The one place the build gets content from. By default the bundled dataset (or the file named
 * by `CONTENT_DATASET_FILE`) through groq-js; with `SANITY_PROJECT_ID` set, a live Sanity project.
 */
import {readDataset} from './dataset.ts'
import {createLiveSource} from './live-source.ts'
import {createLocalSource} from './local-source.ts'
import type {ContentSource, QueryParams, QueryResult} from './source-types.ts'

export type {ContentSource, QueryParams, QueryResult} from './source-types.ts'

/**
 * Picks the source from the environment. `bundledDataset` is the file read when neither
 * `SANITY_PROJECT_ID` nor `CONTENT_DATASET_FILE` is set.
 */
export async function createContentSource(
  env: Record<string, string | undefined>,
  bundledDataset: string,
): Promise<ContentSource> {
  const projectId = env['SANITY_PROJECT_ID']
  if (projectId) {
    return createLiveSource({
      projectId,
      dataset: env['SANITY_DATASET'] || 'production',
      token: env['SANITY_API_READ_TOKEN'],
      apiHost: env['SANITY_API_HOST'],
    })
  }
  return createLocalSource(await readDataset(env['CONTENT_DATASET_FILE'] || bundledDataset))
}

let source: Promise<ContentSource> | undefined

/** Runs a query against this build's content source, which is opened once per build. */
export async function fetchContent<const Q extends string>(query: Q, params?: QueryParams): Promise<QueryResult<Q>> {
  source ??= createContentSource(process.env, import.meta.env.BUNDLED_DATASET)
  return (await source).fetch(query, params)
}
