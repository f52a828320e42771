/**
 * `pnpm attestor`: starts the receiver the Sanity webhook calls when a sign-off is created.
 * `pnpm attestor:pending`: attests the sign-offs still unattested, with the same checks.
 * `pnpm attestor -- --public-key`: prints the key ID and public key to add to schemas/review-keys.json.
 *
 * Settings (environment): ATTESTOR_PRIVATE_KEY_FILE (Ed25519 private key, PEM; or
 * ATTESTOR_DEMO_KEY=1 for the demo key, only with SANITY_API_HOST, the local stand-in),
 * SANITY_WEBHOOK_SECRET, SANITY_PROJECT_ID, SANITY_DATASET (default production),
 * SANITY_ATTESTOR_TOKEN (robot token that may update sign-offs), SANITY_API_HOST (stand-in only),
 * ATTESTOR_HOST (default 127.0.0.1), ATTESTOR_PORT (default 4324).
 */
import {readFileSync} from 'node:fs'
import {commandArgs, runCommand} from '../paths.ts'
import {attestorClient, clientLake, creatorOf} from './lake.ts'
import {attestPending} from './pending.ts'
import {startAttestor} from './server.ts'
import {type AttestorKey, demoAttestorKey, loadAttestorKey} from './sign.ts'

type Env = Record<string, string | undefined>

/** A setting's value, or an error saying which one is missing and what it is for. */
function required(env: Env, name: string, what: string): string {
  const value = env[name]
  if (!value) throw new UsageError(`${name} is not set: ${what}.`)
  return value
}

class UsageError extends Error {}

/** The signing key the settings name. */
export function keyFromEnv(env: Env): AttestorKey {
  if (env['ATTESTOR_DEMO_KEY'] === '1') {
    if (!env['SANITY_API_HOST']) {
      throw new UsageError(
        'ATTESTOR_DEMO_KEY=1 is for the local stand-in only (set SANITY_API_HOST): the demo key is public, and live builds refuse it.',
      )
    }
    return demoAttestorKey()
  }
  const file = required(env, 'ATTESTOR_PRIVATE_KEY_FILE', 'the Ed25519 private key (PEM) the attestor signs with')
  return loadAttestorKey(readFileSync(file, 'utf8'), file)
}

export async function main(argv: string[], env: Env = process.env): Promise<number> {
  try {
    const args = commandArgs(argv)
    const key = keyFromEnv(env)
    if (args.includes('--public-key')) {
      console.log(JSON.stringify({keyId: key.keyId, publicKey: key.publicKeyBase64}, null, 2))
      return 0
    }
    const dataset = env['SANITY_DATASET'] || 'production'
    const client = attestorClient({
      projectId: required(env, 'SANITY_PROJECT_ID', 'the project whose sign-offs are attested'),
      dataset,
      token: required(env, 'SANITY_ATTESTOR_TOKEN', 'a robot token that may update clinicalSignoff documents'),
      apiHost: env['SANITY_API_HOST'],
    })
    const options = {key, lake: clientLake(client), log: (line: string) => console.log(line)}
    if (args.includes('--pending')) {
      const outcomes = await attestPending(client, (id) => creatorOf(client, dataset, id), options)
      for (const outcome of outcomes) console.log(`${outcome.result.padEnd(16)} ${outcome.message}`)
      console.log(
        `${outcomes.filter((outcome) => outcome.result === 'attested').length} of ${outcomes.length} unattested sign-offs attested.`,
      )
      return outcomes.some((outcome) => outcome.result === 'refused') ? 1 : 0
    }
    const attestor = await startAttestor({
      ...options,
      webhookSecret: required(env, 'SANITY_WEBHOOK_SECRET', 'the secret of the Sanity webhook that calls the attestor'),
      host: env['ATTESTOR_HOST'] || '127.0.0.1',
      port: Number(env['ATTESTOR_PORT'] || 4324),
    })
    console.log(
      `Attestor listening on ${attestor.url} (key ${key.keyId}, project ${env['SANITY_PROJECT_ID']}/${dataset})`,
    )
    const stop = () => void attestor.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return await new Promise<number>(() => undefined)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
}

runCommand(import.meta, (argv) => main(argv))
