/**
 * The attestor for the end-to-end tests, run as its command (`node scripts/src/attestor/main.ts`,
 * what `pnpm attestor` runs) against the stand-in, with a key of its own: the live-mode site build
 * of these tests refuses the demo key, as every live build does. The key is derived from a fixed
 * seed so the Studio build that trusts it can be reused between runs.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {createHash, createPrivateKey, createPublicKey} from 'node:crypto'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {StandIn, StoredDocument} from '../../../stand-in/index.ts'
import {REPO_ROOT, type StudioOptions, startStudio, USERS} from './studio.ts'

/** The webhook secret the stand-in signs deliveries with. */
export const E2E_WEBHOOK_SECRET = 'e2e-webhook-secret'

/** PKCS#8 DER of an Ed25519 key: this prefix, then the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const privateKey = createPrivateKey({
  key: Buffer.concat([ED25519_PKCS8_PREFIX, createHash('sha256').update('clinically-reviewed e2e attestor').digest()]),
  format: 'der',
  type: 'pkcs8',
})

/** The e2e attestor's public key (base64, raw): what the Studio and the live build are told to trust. */
export const E2E_ATTESTOR_PUBLIC_KEY = Buffer.from(
  String(createPublicKey(privateKey).export({format: 'jwk'}).x),
  'base64url',
).toString('base64')

export interface RunningAttestorProcess {
  /** Where the stand-in's webhook posts. */
  url: string
  output(): string
  close(): Promise<void>
}

/** Starts `pnpm attestor`'s command for `lake`, signing in as `robotId`, and waits until it listens. */
export async function startAttestorProcess(lake: StandIn, robotId: string): Promise<RunningAttestorProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-attestor-'))
  const keyFile = join(dir, 'attestor.pem')
  await writeFile(keyFile, privateKey.export({type: 'pkcs8', format: 'pem'}), {mode: 0o600})
  const child: ChildProcess = spawn(process.execPath, ['scripts/src/attestor/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ATTESTOR_PRIVATE_KEY_FILE: keyFile,
      SANITY_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      SANITY_PROJECT_ID: 'e2e',
      SANITY_DATASET: lake.dataset,
      SANITY_ATTESTOR_TOKEN: lake.user(robotId).token,
      SANITY_API_HOST: lake.apiHost,
      ATTESTOR_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The attestor did not start:\n${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+\/signoff)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => reject(new Error(`The attestor exited (${code}):\n${output}`)))
  })
  return {
    url,
    output: () => output,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, {recursive: true, force: true})
    },
  }
}

/**
 * The stand-in serving the built Studio, wired as the README's Sanity webhook wires a project: a
 * created sign-off is delivered to the attestor (its command, started here), whose key the Studio
 * is built to trust.
 */
export async function startStudioWithAttestor(
  extra: readonly StoredDocument[],
  options: StudioOptions = {},
): Promise<{lake: StandIn; attestor: RunningAttestorProcess}> {
  let attestorUrl = ''
  const lake = await startStudio(extra, {
    ...options,
    webhooks: [
      {
        get url() {
          return attestorUrl
        },
        secret: E2E_WEBHOOK_SECRET,
        types: ['clinicalSignoff'],
      },
    ],
    reviewTrustedKeys: E2E_ATTESTOR_PUBLIC_KEY,
  })
  const attestor = await startAttestorProcess(lake, USERS.attestor.id).catch(async (error: unknown) => {
    await lake.close()
    throw error
  })
  attestorUrl = attestor.url
  return {lake, attestor}
}
