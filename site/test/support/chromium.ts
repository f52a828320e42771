import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {type BrowserContext, chromium} from 'playwright-core'

/** Where Chromium is: `CHROME_PATH`, else Debian's package. Never a downloaded browser. */
export const chromiumPath = process.env['CHROME_PATH'] || '/usr/bin/chromium'

/**
 * Whether browser tests can run. Without a Chromium they are skipped with a loud message, except
 * in CI, where a missing browser must fail the run rather than pass it silently.
 */
export const hasChromium = existsSync(chromiumPath)
if (!hasChromium) {
  const message = `No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROME_PATH.`
  if (process.env['CI']) throw new Error(`${message} Browser tests are required in CI.`)
  console.warn(`\n⚠️  BROWSER TESTS SKIPPED. ${message}\n`)
}

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Only the test server is reachable; any request elsewhere fails fast instead of hanging.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
]

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** Starts a fresh headless Chromium with its own throwaway profile. */
export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'))
  const context = await chromium.launchPersistentContext(profile, {executablePath: chromiumPath, args, headless: true})
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, {recursive: true, force: true})
    },
  }
}
