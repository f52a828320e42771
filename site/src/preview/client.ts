import {API_VERSION, type ContentSource, createContentSource, type Perspective} from '@repo/schemas/content'
import {createClient, type SanityClient} from '@sanity/client'
import {previewSettings} from './settings.ts'

/**
 * The Content Lake client the preview server validates the Studio's secret with; only for a live
 * project (or the local stand-in), since the secret is a document the Studio writes there.
 */
export function secretClient(): SanityClient | undefined {
  const settings = previewSettings()
  if (!settings.projectId || !settings.token) return undefined
  return createClient({
    projectId: settings.projectId,
    dataset: settings.dataset,
    apiVersion: API_VERSION,
    useCdn: false,
    token: settings.token,
    ...(settings.apiHost ? {apiHost: settings.apiHost, useProjectHostname: false} : {}),
  })
}

const sources = new Map<Perspective, Promise<ContentSource>>()

/**
 * The content source for a perspective. A dataset file is read once per perspective and kept; a
 * live project is asked afresh on every request (`useCdn: false`), so an editor's change shows on reload.
 */
export function contentSource(perspective: Perspective): Promise<ContentSource> {
  let source = sources.get(perspective)
  if (!source) {
    source = createContentSource(process.env, import.meta.env.BUNDLED_DATASET, perspective)
    sources.set(perspective, source)
  }
  return source
}
