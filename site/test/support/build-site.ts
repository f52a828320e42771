import {execFile} from 'node:child_process'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const run = promisify(execFile)
const siteRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface BuildResult {
  outDir: string
  /** Everything the build printed, for assertions on its report and for leak checks. */
  output: string
}

/**
 * Builds the site as `pnpm build` would, into a fresh temporary folder, in a child process so
 * that each build reads its own environment (dataset file, tokens) from scratch.
 */
export async function buildSite(env: Record<string, string> = {}): Promise<BuildResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'site-build-'))
  const astro = join(siteRoot, 'node_modules', '.bin', 'astro')
  const {stdout, stderr} = await run(astro, ['build', '--outDir', outDir], {
    cwd: siteRoot,
    // vitest sets NODE_ENV=test, which would make Astro build React's development bundle.
    env: {...process.env, NODE_ENV: 'production', DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', ...env},
    maxBuffer: 64 * 1024 * 1024,
  })
  return {outDir, output: stdout + stderr}
}
