/**
 * Builds and starts the site's preview server, the standalone Node server `pnpm preview:drafts`
 * runs, for everything that needs a running one: the site's tests, the Studio's demo and
 * end-to-end tests (`@repo/studio/stand-in`), and `pnpm bench:preview`. One way to do it, so each
 * runs the server exactly as the README says: `astro build --config astro.preview.config.ts`,
 * then `node <outDir>/server/entry.mjs` with `HOST` and `PORT`.
 *
 * Exported as `@repo/site/preview-server`.
 */
import {execFile, spawn} from 'node:child_process'
import {once} from 'node:events'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const run = promisify(execFile)
const SITE_ROOT = fileURLToPath(new URL('.', import.meta.url))

/** Where `pnpm --filter @repo/site build:preview` writes the server. */
export const PREVIEW_SERVER_DIR = join(SITE_ROOT, 'dist-preview')

/** A production build and run, whatever NODE_ENV the caller runs under (vitest sets `test`), with no telemetry. */
const BASE_ENV = {NODE_ENV: 'production', DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'}

/**
 * Builds the preview server into `outDir` (`site/dist-preview` by default) and returns the build's
 * log. Another folder must be inside `site/` (for example under `site/node_modules/`), where the
 * server's own dependencies resolve.
 */
export async function buildPreviewServer(outDir: string = PREVIEW_SERVER_DIR): Promise<string> {
  const {stdout, stderr} = await run(
    join(SITE_ROOT, 'node_modules', '.bin', 'astro'),
    ['build', '--config', 'astro.preview.config.ts', '--outDir', outDir],
    {cwd: SITE_ROOT, env: {...process.env, ...BASE_ENV}, maxBuffer: 64 * 1024 * 1024, timeout: 240_000},
  )
  return stdout + stderr
}

export interface PreviewServerOptions {
  /**
   * The server's settings (`SANITY_*`, `CONTENT_DATASET_FILE`, `REVIEW_*`…), over this process's
   * environment; a key set to undefined is removed from it.
   */
  env: Record<string, string | undefined>
  /** A free port of 127.0.0.1 when not given. */
  port?: number
  /** The built server; `site/dist-preview` by default. */
  outDir?: string
  /** How long to wait for the server to listen; 30 s by default (the first request reads the content, not the start). */
  startTimeoutMs?: number
}

export interface RunningPreviewServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string
  port: number
  /** Everything the server printed so far. */
  log(): string
  close(): Promise<void>
}

/** Starts the built preview server on 127.0.0.1 and waits until it listens. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<RunningPreviewServer> {
  const port = options.port ?? (await freePort())
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...BASE_ENV,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...options.env,
  }
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key]
  const child = spawn(process.execPath, [join(options.outDir ?? PREVIEW_SERVER_DIR, 'server', 'entry.mjs')], {
    cwd: SITE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill()
      await once(child, 'exit')
    }
  }
  const timeout = options.startTimeoutMs ?? 30_000
  const deadline = Date.now() + timeout
  while (!output.includes('Server listening')) {
    if (child.exitCode !== null) throw new Error(`The preview server exited before it listened:\n${output}`)
    if (Date.now() > deadline) {
      await close()
      throw new Error(`The preview server did not listen within ${timeout / 1000} s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {origin: `http://127.0.0.1:${port}`, port, log: () => output, close}
}

/** A port of 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (typeof address !== 'object' || address === null) throw new Error('No free port')
  return address.port
}
