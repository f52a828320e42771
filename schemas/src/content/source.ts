/**
 * Opening a content source from settings. By default the bundled dataset (or the file named by
 * `CONTENT_DATASET_FILE`) through groq-js; with `SANITY_PROJECT_ID` set, a live Sanity project.
 */
import {readDataset} from './dataset.ts'
import {createLocalSource} from './local-source.ts'
import {type ContentSource, PERSPECTIVES, type Perspective} from './source-types.ts'

/** The settings a source is chosen by, as environment variables name them. */
export type ContentEnv = Record<string, string | undefined>

/**
 * Picks the source from the environment. `bundledDataset` is the file read when neither
 * `SANITY_PROJECT_ID` nor `CONTENT_DATASET_FILE` is set.
 */
export async function createContentSource(
  env: ContentEnv,
  bundledDataset: string,
  perspective: Perspective = 'published',
): Promise<ContentSource> {
  if (!PERSPECTIVES.includes(perspective)) throw new Error(`Unknown perspective "${String(perspective)}"`)
  const projectId = env['SANITY_PROJECT_ID']
  if (projectId) {
    // Loaded only for a live project: `@sanity/client` and what it pulls in (rxjs among them) took
    // 0.14 s of every build and of the preview server's start from the bundled dataset.
    const {createLiveSource} = await import('./live-source.ts')
    return createLiveSource({
      projectId,
      dataset: env['SANITY_DATASET'] || 'production',
      token: env['SANITY_API_READ_TOKEN'],
      apiHost: env['SANITY_API_HOST'],
      perspective,
    })
  }
  const {documents} = await readDataset(env['CONTENT_DATASET_FILE'] || bundledDataset)
  return createLocalSource(documents, perspective)
}
