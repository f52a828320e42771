import {execFile} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

const studioRoot = fileURLToPath(new URL('..', import.meta.url))

interface Run {
  code: number
  output: string
}

/** `sanity deploy --yes` as the deploy workflow runs it, with every request sent to a closed local port. */
function deploy(): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'pnpm',
      ['exec', 'sanity', 'deploy', '--yes'],
      {
        cwd: studioRoot,
        timeout: 120_000,
        env: {
          ...process.env,
          SANITY_AUTH_TOKEN: 'sk-not-a-real-token',
          SANITY_STUDIO_HOST: 'deploy-command-test',
          SANITY_STUDIO_PROJECT_ID: 'abc123',
          // Node's fetch honours these with NODE_USE_ENV_PROXY: nothing leaves this machine.
          NODE_USE_ENV_PROXY: '1',
          HTTPS_PROXY: 'http://127.0.0.1:9',
          HTTP_PROXY: 'http://127.0.0.1:9',
          NO_PROXY: '',
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({code, output: `${stdout}${stderr}`})
      },
    )
  })
}

describe('`sanity deploy` in the Studio', () => {
  it('starts and gets as far as asking Sanity about the project (the CLI and its deploy package agree)', async () => {
    const run = await deploy()
    // With the CLI pair this lockfile once resolved, deploy died at start-up on a missing export.
    expect(run.output).not.toMatch(/does not provide an export named/)
    expect(run.output).toContain('Checking project info')
    // No Sanity service is reachable here, so it must stop there, saying so, with a failure code.
    expect(run.output).toMatch(/Failed to resolve deploy target/)
    expect(run.code).not.toBe(0)
  }, 150_000)
})
