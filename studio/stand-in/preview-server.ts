/**
 * The site's preview server on a stand-in, for `pnpm studio:demo` and the end-to-end tests: built
 * and started as the README says (`pnpm --filter @repo/site build:preview`, then its Node entry),
 * reading the stand-in as its live Content Lake with a Viewer's token, as a deployed preview
 * reads a project.
 */
import {execFile, spawn} from 'node:child_process'
import {once} from 'node:events'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import type {StandInUser} from './users.ts'

const run = promisify(execFile)
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

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
  /**
   * Where to build: `site/dist-preview` by default. Another folder must be inside `site/` (e.g.
   * under `site/node_modules/`), where the server's dependencies resolve.
   */
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
  const outDir = options.outDir ?? join(REPO_ROOT, 'site', 'dist-preview')
  const env = {...process.env, NODE_ENV: 'production', DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1'}
  if (options.build !== false) {
    await run('pnpm', ['--filter', '@repo/site', 'build:preview', '--outDir', outDir], {
      cwd: REPO_ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    })
  }
  const serverEnv: Record<string, string | undefined> = {
    ...env,
    HOST: '127.0.0.1',
    PORT: String(options.port),
    // Any project ID: the API host names the stand-in.
    SANITY_PROJECT_ID: 'stand-in',
    SANITY_DATASET: options.dataset,
    SANITY_API_HOST: options.apiHost,
    SANITY_API_READ_TOKEN: options.token,
    SANITY_STUDIO_URL: options.studioUrl,
    REVIEW_TRUSTED_KEYS: options.reviewTrustedKeys,
    REVIEW_TRUST_DEMO_KEY: options.trustDemoKey ? '1' : undefined,
  }
  delete serverEnv['CONTENT_DATASET_FILE']
  delete serverEnv['REVIEW_NOW']
  const child = spawn(process.execPath, [join(outDir, 'server', 'entry.mjs')], {
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const deadline = Date.now() + 30_000
  while (!output.includes('Server listening')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill()
      throw new Error(`The preview server did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    origin: `http://localhost:${options.port}`,
    log: () => output,
    async close() {
      if (child.exitCode === null) {
        child.kill()
        await once(child, 'exit')
      }
    },
  }
}
