/**
 * The production Studio on the local stand-in, in real Chromium: one stand-in per test file,
 * the Studio built for its port, and one browser profile per user, logged in by token the way
 * the Studio stores a login.
 */
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {chromiumArgs, chromiumAvailable, chromiumPath} from '@repo/schemas/testing'
import {type BrowserContext, chromium, type Page} from 'playwright-core'
import {beforeEach, onTestFailed} from 'vitest'
import {
  buildStudio,
  type StandIn,
  type StandInUser,
  type StandInWebhook,
  type StoredDocument,
  startStandIn,
} from '../../../stand-in/index.ts'

const STUDIO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const REPO_ROOT = join(STUDIO_ROOT, '..')
export const BUNDLED_DATASET = join(REPO_ROOT, 'site', 'content', 'dataset.ndjson')
/** Screenshots of every step (gitignored). */
export const SCREENSHOTS = join(STUDIO_ROOT, 'test-results', 'e2e')
const BUILD_DIR = join(STUDIO_ROOT, 'node_modules', '.e2e-studio')
export const PROJECT_ID = 'e2e'

/** Whether the Studio's end-to-end tests can run (skipped loudly without Chromium, required in CI). */
export const hasChromium = chromiumAvailable("The Studio's end-to-end tests")

/** The users of the end-to-end tests. */
export const USERS = {
  editor: {id: 'e2e-editor', name: 'Erin Editor', email: 'editor@e2e.invalid', role: 'editor'},
  clinician: {
    id: 'e2e-clinician',
    name: 'Kate Smith',
    email: 'clinician@e2e.invalid',
    role: 'editor',
    signsAs: 'clinicalReviewer-kate-smith',
  },
  // Same name as the reviewer profile, but not linked to it: a clinician whose link is missing.
  unlinked: {id: 'e2e-unlinked', name: 'Dr. Kate Smith', email: 'unlinked@e2e.invalid', role: 'editor'},
  // The attestor's robot token: it writes attestations onto sign-offs.
  attestor: {id: 'e2e-attestor', name: 'Attestor robot', email: 'attestor@e2e.invalid', role: 'editor'},
} as const satisfies Record<string, StandInUser>

/**
 * The newest modification time of the Studio's and the schemas' sources: a build made after it
 * (for the same API host) is reused, so running the suite twice does not rebuild.
 */
async function sourcesChangedAt(): Promise<number> {
  let newest = 0
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, {withFileTypes: true})) {
      if (['node_modules', 'dist', 'test', 'test-results', 'stand-in', 'docs'].includes(entry.name)) continue
      const path = join(directory, entry.name)
      if (entry.isDirectory()) await walk(path)
      else newest = Math.max(newest, (await stat(path)).mtimeMs)
    }
  }
  await walk(STUDIO_ROOT)
  await walk(join(REPO_ROOT, 'schemas', 'src'))
  return newest
}

/**
 * Builds the Studio for `apiHost` (and a preview server, in its own folder) unless the last build
 * there was for the same host, preview, trusted keys and sources.
 */
async function studioBuildFor(apiHost: string, previewUrl?: string, reviewTrustedKeys = ''): Promise<string> {
  const outDir = previewUrl ? `${BUILD_DIR}-preview` : BUILD_DIR
  const stampFile = join(outDir, 'e2e-build.json')
  const stamp = JSON.stringify({
    apiHost,
    sources: await sourcesChangedAt(),
    reviewTrustedKeys,
    ...(previewUrl ? {previewUrl} : {}),
  })
  const previous = await readFile(stampFile, 'utf8').catch(() => '')
  if (previous === stamp && existsSync(join(outDir, 'index.html'))) return outDir
  await buildStudio({apiHost, outDir, projectId: PROJECT_ID, reviewTrustedKeys, ...(previewUrl ? {previewUrl} : {})})
  await writeFile(stampFile, stamp)
  return outDir
}

/** What a test file adds to the standard stand-in. */
export interface StudioOptions {
  /** The preview server the Studio's Presentation tool frames (`SANITY_STUDIO_PREVIEW_URL`). */
  previewUrl?: string
  /** Users besides {@link USERS}, e.g. the preview server's Viewer. */
  users?: readonly StandInUser[]
  /** Webhooks the stand-in calls on creation (the attestor's). */
  webhooks?: readonly StandInWebhook[]
  /** Attestation public keys the built Studio trusts (`SANITY_STUDIO_REVIEW_TRUSTED_KEYS`). */
  reviewTrustedKeys?: string
}

/**
 * Starts the stand-in with the bundled dataset and the test users, builds the Studio for it and
 * serves it. `STUDIO_E2E_PORT` pins the port so a second run can reuse the build.
 */
export async function startStudio(
  extra: readonly StoredDocument[] = [],
  options: StudioOptions = {},
): Promise<StandIn> {
  const lake = await startStandIn({
    datasetFile: BUNDLED_DATASET,
    documents: extra,
    users: [...Object.values(USERS), ...(options.users ?? [])],
    port: Number(process.env['STUDIO_E2E_PORT'] ?? 0),
    maxRequests: 5_000,
    webhooks: options.webhooks ?? [],
  })
  try {
    lake.serveStudio(await studioBuildFor(lake.apiHost, options.previewUrl, options.reviewTrustedKeys))
  } catch (error) {
    await lake.close()
    throw error
  }
  await mkdir(SCREENSHOTS, {recursive: true})
  return lake
}

// Only the stand-in on loopback is reachable; Sanity's CDN (bridge script, fonts) fails fast.
const CHROMIUM_ARGS = chromiumArgs(['localhost', '*.localhost'])

/** A user's browser: its own profile, logged in to the Studio. */
export interface UserBrowser {
  page: Page
  context: BrowserContext
  /** Saves a screenshot of the page as `<name>.png` in {@link SCREENSHOTS}. */
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

/**
 * Saves what each user's browser shows when a test of the enclosing `describe` fails, as
 * `failed-<test>-<user>.png` beside the steps' screenshots. `browsers` is asked when a test
 * fails, so it may name browsers opened later.
 */
export function screenshotOnFailure(browsers: () => Record<string, UserBrowser | undefined>): void {
  beforeEach((context) => {
    onTestFailed(async () => {
      const name = context.task.name.slice(0, 40).replace(/\W+/g, '-')
      for (const [user, browser] of Object.entries(browsers())) {
        await browser?.screenshot(`failed-${name}-${user}`).catch(() => {})
      }
    }, 60_000)
  })
}

/** Opens the Studio as `userId` in a fresh Chromium profile. */
export async function openStudioAs(lake: StandIn, userId: string): Promise<UserBrowser> {
  const {token} = lake.user(userId)
  const profile = await mkdtemp(join(tmpdir(), 'studio-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: {width: 1366, height: 860},
    timezoneId: 'UTC',
    locale: 'en-US',
  })
  // A loaded two-core machine takes tens of seconds to boot the Studio.
  context.setDefaultTimeout(60_000)
  // The Studio keeps a token login in localStorage under this key.
  await context.addInitScript(({key, value}) => window.localStorage.setItem(key, value), {
    key: `__studio_auth_token_${PROJECT_ID}`,
    value: JSON.stringify({token, time: new Date().toISOString()}),
  })
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(lake.studioUrl)
  await page.getByRole('link', {name: 'Structure'}).first().waitFor({timeout: 120_000})
  return {
    page,
    context,
    async screenshot(name) {
      await page.screenshot({path: join(SCREENSHOTS, `${name}.png`)})
    },
    async close() {
      await context.close()
      await rm(profile, {recursive: true, force: true})
    },
  }
}
