/**
 * Builds the production Studio for a stand-in: `sanity build` with the API host (and title) set
 * through the Studio's documented settings, into a folder of the caller's choosing.
 */
import {spawn} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const STUDIO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface StudioBuildOptions {
  /** `SANITY_STUDIO_API_HOST`, e.g. a stand-in's `apiHost`. */
  apiHost: string
  outDir: string
  /** `SANITY_STUDIO_PROJECT_ID`; `standin` by default. */
  projectId?: string
  /** `SANITY_STUDIO_TITLE`. */
  title?: string
  /** `SANITY_STUDIO_PREVIEW_URL`: the preview server the Presentation tool frames. */
  previewUrl?: string
  /** `SANITY_STUDIO_REVIEW_TRUSTED_KEYS`: attestation public keys the built Studio trusts. */
  reviewTrustedKeys?: string
  /** Where build output goes; discarded by default and shown only when the build fails. */
  onOutput?: (chunk: string) => void
}

/** Runs `sanity build` (about 20 s, 1.4 GB); rejects with the build's output when it fails. */
export function buildStudio(options: StudioBuildOptions): Promise<void> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DO_NOT_TRACK: '1',
    NO_UPDATE_NOTIFIER: '1',
    SANITY_STUDIO_PROJECT_ID: options.projectId ?? 'standin',
    SANITY_STUDIO_DATASET: 'production',
    SANITY_STUDIO_API_HOST: options.apiHost,
  }
  env['SANITY_STUDIO_TITLE'] = options.title
  if (!options.title) delete env['SANITY_STUDIO_TITLE']
  if (options.previewUrl) env['SANITY_STUDIO_PREVIEW_URL'] = options.previewUrl
  env['SANITY_STUDIO_REVIEW_TRUSTED_KEYS'] = options.reviewTrustedKeys
  if (!options.reviewTrustedKeys) delete env['SANITY_STUDIO_REVIEW_TRUSTED_KEYS']
  const sanity = join(STUDIO_ROOT, 'node_modules', '.bin', 'sanity')
  return new Promise((done, fail) => {
    const child = spawn(sanity, ['build', options.outDir, '--yes'], {
      cwd: STUDIO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      options.onOutput?.(chunk.toString())
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => child.kill('SIGTERM'), 5 * 60_000)
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) done()
      else fail(new Error(`sanity build failed (exit ${code}):\n${output.slice(-4000)}`))
    })
  })
}
