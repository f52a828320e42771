/**
 * `pnpm studio:demo`: the production Studio on the local stand-in, preloaded with the bundled
 * dataset and two demo users (an editor and a clinician linked to Dr. Kate Smith). Everything
 * lives in memory: stopping the demo forgets every change. A demo, never a place for content.
 *
 * Options: `--port <n>` (default 3333; the Studio is built for it), `--no-build` (reuse the last
 * demo build, which must have been built for the same port).
 *
 * The site's preview server starts alongside on `--preview-port <n>` (default 4322), reading the
 * stand-in's drafts, so the Studio's Presentation tool shows them; `--no-preview` leaves it out.
 */
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {
  buildStudio,
  DEMO_USERS,
  PREVIEW_VIEWER,
  type RunningPreviewServer,
  readNdjson,
  type StandInUser,
  type StoredDocument,
  startPreviewServer,
  startStandIn,
} from './index.ts'

const STUDIO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DATASET = join(STUDIO_ROOT, '..', 'site', 'content', 'dataset.ndjson')
const OUT_DIR = join(STUDIO_ROOT, 'node_modules', '.stand-in-demo')
export const DEMO_TITLE = 'Clinically Reviewed · DEMO: nothing is saved'

// pnpm passes on the `--` of `pnpm studio:demo -- --port 4000`; both spellings work.
const argv = process.argv.slice(2)
const {values} = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    port: {type: 'string', default: '3333'},
    'no-build': {type: 'boolean', default: false},
    'preview-port': {type: 'string', default: '4322'},
    'no-preview': {type: 'boolean', default: false},
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`)
  process.exit(1)
}
const previewPort = Number(values['preview-port'])
if (!Number.isInteger(previewPort) || previewPort <= 0 || previewPort > 65535 || previewPort === port) {
  console.error(`--preview-port must be a port number other than --port, not "${values['preview-port']}"`)
  process.exit(1)
}

/**
 * A demo draft, so the Presentation tool has one to show: the seed article with a new excerpt,
 * whose sign-off is therefore stale while readers still see the reviewed, published version.
 */
function demoDrafts(): StoredDocument[] {
  const seed = readNdjson(DATASET).find((document) => document._id === 'article-iop-benefits')
  if (!seed) return []
  const {_rev, _createdAt, _updatedAt, ...fields} = seed
  return [
    {
      ...fields,
      _id: 'drafts.article-iop-benefits',
      excerpt: 'DEMO DRAFT: what an intensive outpatient program offers, who it suits, and how it fits around work.',
    },
  ]
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
  documents: demoDrafts(),
  users: values['no-preview'] ? [...DEMO_USERS, ATTESTOR_ROBOT] : [...DEMO_USERS, ATTESTOR_ROBOT, PREVIEW_VIEWER],
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
  await buildStudio({
    apiHost: lake.apiHost,
    outDir: OUT_DIR,
    title: DEMO_TITLE,
    projectId: 'demo',
    previewUrl: `http://localhost:${previewPort}`,
  }).catch(async (error: unknown) => {
    console.error((error as Error).message)
    await lake.close()
    process.exit(1)
  })
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

let preview: RunningPreviewServer | undefined
if (!values['no-preview']) {
  const outDir = join(STUDIO_ROOT, '..', 'site', 'dist-preview')
  const reuse = values['no-build'] && existsSync(join(outDir, 'server', 'entry.mjs'))
  console.log(reuse ? 'Reusing the last preview server build.' : 'Building the preview server (about 10–30 s)…')
  preview = await startPreviewServer({
    apiHost: lake.apiHost,
    dataset: lake.dataset,
    studioUrl: lake.studioUrl,
    token: lake.user(PREVIEW_VIEWER.id).token,
    port: previewPort,
    outDir,
    build: !reuse,
    // The demo attestor signs with the demo key, which the demo Studio trusts: so does its preview.
    trustDemoKey: true,
  }).catch(async (error: unknown) => {
    console.error(`The preview server did not start (${(error as Error).message}); the Studio runs without it.`)
    return undefined
  })
}

console.log(`
Demo Studio: ${lake.studioUrl}

This is a DEMO. Documents live in memory on this machine: nothing is saved, and stopping the
demo (Ctrl+C) forgets every change. Never use it to write real content.

${preview ? `Preview server: ${preview.origin} (the Studio's Preview tool shows its drafts)\n\n` : ''}Log in as either demo user (to switch, use "Sign out" in the avatar menu and pick the other):
  • ${DEMO_USERS[0]?.name} (editor): writes articles, requests reviews, publishes
  • ${DEMO_USERS[1]?.name} (clinician, signs as Dr. Kate Smith): signs off clinical reviews
Sign-offs are attested within seconds by the demo attestor (${attestorUrl}), with the demo key.
`)

const stop = async () => {
  await preview?.close()
  attestor.kill('SIGTERM')
  await lake.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
