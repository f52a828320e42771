/**
 * `pnpm build [--dist <folder>]`: builds the site into a fresh folder beside `site/dist` (or the
 * given folder) and swaps it in only when the build succeeded. A failed build (bad content, an
 * unreachable Content Lake, REVIEW_STRICT) leaves the previous site untouched; a deploy can never
 * pick up half a site.
 *
 * The search index is built as a second step, in its own process, once Astro has exited: at
 * 10,000 articles Astro holds about 1.2 GB until it exits and the indexer about 0.4 GB, so run one
 * after the other the build never needs both at once.
 */
import {spawn} from 'node:child_process'
import {rename, rm} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {commandArgs} from './paths.ts'

const SITE_ROOT = fileURLToPath(new URL('../../site/', import.meta.url))
const SEARCH_INDEX_SCRIPT = join(SITE_ROOT, 'src', 'integrations', 'search-index.ts')

export interface AtomicBuildOptions {
  /** Where the finished site goes; `site/dist` by default. */
  distDir?: string
  env?: NodeJS.ProcessEnv
  /** Where the build's output goes; the console by default. */
  stdio?: 'inherit' | 'pipe'
}

/** Runs `astro build` into a temporary folder, then replaces `distDir` with it. Returns the exit code. */
export async function buildAtomically(options: AtomicBuildOptions = {}): Promise<{code: number; output: string}> {
  const distDir = resolve(options.distDir ?? join(SITE_ROOT, 'dist'))
  const stamp = `${process.pid}-${Date.now()}`
  const building = join(dirname(distDir), `.${basename(distDir)}-building-${stamp}`)
  const retired = join(dirname(distDir), `.${basename(distDir)}-old-${stamp}`)
  const astro = join(SITE_ROOT, 'node_modules', '.bin', 'astro')

  // A production build whatever NODE_ENV the caller runs under (vitest sets it to test).
  const env = {...process.env, NODE_ENV: 'production', DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', ...options.env}
  const stdio = options.stdio ?? 'inherit'
  const built = await run(astro, ['build', '--outDir', building], {
    cwd: SITE_ROOT,
    // The site-finish integration's signal (`SEARCH_INDEX_AFTER_BUILD` in search-index.ts) to leave
    // the index to the step below.
    env: {...env, SITE_SEARCH_INDEX: 'after-build'},
    stdio,
  })
  const indexed =
    built.code === 0
      ? await run(process.execPath, [SEARCH_INDEX_SCRIPT, building], {cwd: SITE_ROOT, env, stdio})
      : {code: 0, output: ''}
  const code = built.code !== 0 ? built.code : indexed.code
  const output = built.output + indexed.output
  if (code !== 0) {
    await rm(building, {recursive: true, force: true})
    return {code, output}
  }
  await rename(distDir, retired).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  await rename(building, distDir)
  await rm(retired, {recursive: true, force: true})
  return {code, output}
}

function run(
  command: string,
  args: string[],
  options: {cwd: string; env: NodeJS.ProcessEnv; stdio: 'inherit' | 'pipe'},
): Promise<{code: number; output: string}> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', options.stdio, options.stdio],
    })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolvePromise({code: code ?? (signal ? 1 : 0), output}))
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({args: commandArgs(), options: {dist: {type: 'string'}}})
  const {code} = await buildAtomically(values.dist === undefined ? {} : {distDir: values.dist})
  if (code !== 0) console.error('\nThe build failed; site/dist still holds the previous build.')
  process.exit(code)
}
