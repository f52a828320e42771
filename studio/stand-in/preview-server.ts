/**
 * The site's preview server on a stand-in, for `pnpm studio:demo` and the end-to-end tests: built
 * and started as the README says (`pnpm --filter @repo/site build:preview`, then its Node entry),
 * reading the stand-in as its live Content Lake with a Viewer's token, as a deployed preview
 * reads a project.
 */
import {buildPreviewServer, PREVIEW_SERVER_DIR, startPreviewServer as startServer} from '@repo/site/preview-server'
import type {StandInUser} from './users.ts'

/** The preview server's Content Lake user: a robot with the Viewer role, as the README asks. */
export const PREVIEW_VIEWER = {
  id: 'preview-server',
  name: 'Preview server (Viewer token)',
  email: 'preview@stand-in.invalid',
  role: 'viewer',
} as const satisfies StandInUser

export interface PreviewServerOptions {
  /** The stand-in's `apiHost`, dataset and Studio address. */
  apiHost: string
  dataset: string
  studioUrl: string
  /** The Viewer's token on the stand-in. */
  token: string
  port: number
  /** Where to build: `site/dist-preview` by default (see `buildPreviewServer`). */
  outDir?: string
  /** Reuse the last build in `outDir` instead of building. */
  build?: boolean
  /** Attestation public keys the server trusts besides the repository's (`REVIEW_TRUSTED_KEYS`). */
  reviewTrustedKeys?: string
  /** Trust the demo key, as the demo Studio does (`REVIEW_TRUST_DEMO_KEY=1`, the stand-in only). */
  trustDemoKey?: boolean
}

export interface RunningPreviewServer {
  /** `http://localhost:<port>`: what the Studio's Presentation tool frames. */
  origin: string
  /** Everything the server printed. */
  log(): string
  close(): Promise<void>
}

/** Builds (unless told not to) and starts the preview server on 127.0.0.1:`port`. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<RunningPreviewServer> {
  const outDir = options.outDir ?? PREVIEW_SERVER_DIR
  if (options.build !== false) await buildPreviewServer(outDir)
  const server = await startServer({
    port: options.port,
    outDir,
    env: {
      // Any project ID: the API host names the stand-in.
      SANITY_PROJECT_ID: 'stand-in',
      SANITY_DATASET: options.dataset,
      SANITY_API_HOST: options.apiHost,
      SANITY_API_READ_TOKEN: options.token,
      SANITY_STUDIO_URL: options.studioUrl,
      REVIEW_TRUSTED_KEYS: options.reviewTrustedKeys,
      REVIEW_TRUST_DEMO_KEY: options.trustDemoKey ? '1' : undefined,
      // The stand-in is the content: never a dataset file, never a clock other than the real one.
      CONTENT_DATASET_FILE: undefined,
      REVIEW_NOW: undefined,
    },
  })
  // The address the Studio was built to frame (the preview's frame-ancestors name the Studio's).
  return {origin: `http://localhost:${options.port}`, log: server.log, close: server.close}
}
