import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {chromiumArgs, chromiumAvailable, chromiumPath} from '@repo/schemas/testing'
import {type BrowserContext, chromium} from 'playwright-core'

/** Whether the site's browser tests can run (skipped loudly without Chromium, required in CI). */
export const hasChromium = chromiumAvailable('Browser tests')

// Only the test server is reachable; any request elsewhere fails fast instead of hanging.
const args = chromiumArgs()

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
