/**
 * The preview server's settings, read once from its environment. The read token stays in this
 * process: it is used for queries and for validating the Studio's preview secret, and never
 * written into a page, a header or a log line.
 */
import {randomBytes} from 'node:crypto'

export interface PreviewSettings {
  /** `SANITY_PROJECT_ID`: a live project; unset, the dataset file (`CONTENT_DATASET_FILE` or the bundled one). */
  projectId: string | undefined
  dataset: string
  /** `SANITY_API_READ_TOKEN`: a Viewer token; drafts can be read only with it. */
  token: string | undefined
  /** `SANITY_API_HOST`: where the Content Lake is (a local stand-in in tests and the demo). */
  apiHost: string | undefined
  /** `SANITY_STUDIO_URL`: the Studio the preview links back to. */
  studioUrl: string | undefined
  /**
   * The value of the draft-mode cookie, random for each start of the server. Only a browser that
   * passed the Studio's handshake since then holds it; a restart ends every draft-mode session.
   */
  cookieValue: string
}

/** The name of the cookie that turns draft mode on for one browser. */
export const DRAFT_MODE_COOKIE = 'cr-draft-mode'

let settings: PreviewSettings | undefined

/** The settings, read on first use. */
export function previewSettings(env: NodeJS.ProcessEnv = process.env): PreviewSettings {
  settings ??= {
    projectId: env['SANITY_PROJECT_ID'] || undefined,
    dataset: env['SANITY_DATASET'] || 'production',
    token: env['SANITY_API_READ_TOKEN'] || undefined,
    apiHost: env['SANITY_API_HOST'] || undefined,
    studioUrl: env['SANITY_STUDIO_URL'] || undefined,
    cookieValue: randomBytes(32).toString('base64url'),
  }
  return settings
}
