import {execFile, spawn} from 'node:child_process'
import {once} from 'node:events'
import {createServer} from 'node:net'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const run = promisify(execFile)
const siteRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Builds the preview server (`astro build --config astro.preview.config.ts`) into `site/dist-preview`. */
export async function buildPreviewServer(): Promise<string> {
  const astro = `${siteRoot}node_modules/.bin/astro`
  const {stdout, stderr} = await run(astro, ['build', '--config', 'astro.preview.config.ts'], {
    cwd: siteRoot,
    env: {...process.env, NODE_ENV: 'production', DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1'},
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout + stderr
}

export interface RunningPreview {
  origin: string
  /** Everything the server printed so far. */
  log(): string
  close(): Promise<void>
}

/** Starts the built preview server on a free port of 127.0.0.1 with `env`, and waits until it listens. */
export async function startPreviewServer(env: Record<string, string>): Promise<RunningPreview> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist-preview/server/entry.mjs'], {
    cwd: siteRoot,
    env: {...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env},
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
    if (child.exitCode !== null) throw new Error(`The preview server exited:\n${output}`)
    if (Date.now() > deadline) throw new Error(`The preview server did not start in 30 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    log: () => output,
    async close() {
      if (child.exitCode === null) {
        child.kill()
        await once(child, 'exit')
      }
    },
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (typeof address !== 'object' || address === null) throw new Error('No free port')
  return address.port
}
