/**
 * `pnpm studio:demo`: the production Studio on the local stand-in, preloaded with the bundled
 * dataset and two demo users (an editor and a clinician linked to Dr. Kate Smith). Everything
 * lives in memory: stopping the demo forgets every change. A demo, never a place for content.
 *
 * Options: `--port <n>` (default 3333; the Studio is built for it), `--no-build` (reuse the last
 * demo build, which must have been built for the same port).
 */
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {buildStudio, DEMO_USERS, type StandInUser, startStandIn} from './index.ts'

const STUDIO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DATASET = join(STUDIO_ROOT, '..', 'site', 'content', 'dataset.ndjson')
const OUT_DIR = join(STUDIO_ROOT, 'node_modules', '.stand-in-demo')
export const DEMO_TITLE = 'Clinically Reviewed · DEMO: nothing is saved'

// pnpm passes on the `--` of `pnpm studio:demo -- --port 4000`; both spellings work.
const argv = process.argv.slice(2)
const {values} = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {port: {type: 'string', default: '3333'}, 'no-build': {type: 'boolean', default: false}},
})
const port = Number(values.port)
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`)
  process.exit(1)
}

/** The demo attestor's robot: it writes attestations onto sign-offs (not a user to log in as). */
const ATTESTOR_ROBOT: StandInUser = {
  id: 'demo-attestor',
  name: 'Attestor (robot)',
  email: 'attestor@demo.invalid',
  role: 'editor',
}
const WEBHOOK_SECRET = randomBytes(24).toString('hex')
let attestorUrl = ''

const lake = await startStandIn({
  datasetFile: DATASET,
  users: [...DEMO_USERS, ATTESTOR_ROBOT],
  port,
  projectName: 'Demo (in memory: nothing is saved)',
  // As the README's Sanity webhook: a created sign-off goes to the attestor.
  webhooks: [
    {
      get url() {
        return attestorUrl
      },
      secret: WEBHOOK_SECRET,
      types: ['clinicalSignoff'],
    },
  ],
}).catch((error: unknown) => {
  console.error(`Could not start the demo on port ${port}: ${(error as Error).message}. Try --port <another>.`)
  process.exit(1)
})

if (values['no-build'] && existsSync(join(OUT_DIR, 'index.html'))) {
  console.log('Reusing the last demo build (--no-build).')
} else {
  console.log('Building the Studio for the demo (about 20–60 s)…')
  await buildStudio({apiHost: lake.apiHost, outDir: OUT_DIR, title: DEMO_TITLE, projectId: 'demo'}).catch(
    async (error: unknown) => {
      console.error((error as Error).message)
      await lake.close()
      process.exit(1)
    },
  )
}
lake.serveStudio(OUT_DIR)

// `pnpm attestor` with the demo key (trusted by the demo Studio, refused by any live build).
const attestor = spawn(process.execPath, [join(STUDIO_ROOT, '..', 'scripts', 'src', 'attestor', 'main.ts')], {
  env: {
    ...process.env,
    ATTESTOR_DEMO_KEY: '1',
    SANITY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    SANITY_PROJECT_ID: 'demo',
    SANITY_DATASET: lake.dataset,
    SANITY_ATTESTOR_TOKEN: lake.user(ATTESTOR_ROBOT.id).token,
    SANITY_API_HOST: lake.apiHost,
    ATTESTOR_PORT: '0',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
attestorUrl = await new Promise<string>((resolve, reject) => {
  let output = ''
  attestor.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    const match = /listening on (http:\/\/\S+\/signoff)/.exec(output)
    if (match?.[1]) resolve(match[1])
  })
  attestor.once('exit', (code) => reject(new Error(`The demo attestor stopped (exit ${code}):\n${output}`)))
}).catch(async (error: unknown) => {
  console.error((error as Error).message)
  await lake.close()
  process.exit(1)
})
attestor.stdout?.pipe(process.stdout)

console.log(`
Demo Studio: ${lake.studioUrl}

This is a DEMO. Documents live in memory on this machine: nothing is saved, and stopping the
demo (Ctrl+C) forgets every change. Never use it to write real content.

Log in as either demo user (to switch, use "Sign out" in the avatar menu and pick the other):
  • ${DEMO_USERS[0]?.name} (editor): writes articles, requests reviews, publishes
  • ${DEMO_USERS[1]?.name} (clinician, signs as Dr. Kate Smith): signs off clinical reviews
Sign-offs are attested within seconds by the demo attestor (${attestorUrl}), with the demo key.
`)

const stop = async () => {
  attestor.kill('SIGTERM')
  await lake.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
