/**
 * How every package's browser tests find and start Chromium: Debian's package (or `CHROME_PATH`),
 * never a downloaded browser, and flags that keep it off the network.
 */
import {existsSync} from 'node:fs'

/** Where Chromium is: `CHROME_PATH`, else Debian's package. */
export const chromiumPath = process.env['CHROME_PATH'] || '/usr/bin/chromium'

/**
 * Whether browser tests can run. Without a Chromium they are skipped with a loud message, except
 * in CI, where a missing browser must fail the run rather than pass it silently.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(chromiumPath)) return true
  const message = `No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROME_PATH.`
  if (process.env['CI']) throw new Error(`${message} ${what} are required in CI.`)
  console.warn(`\n⚠️  ${what.toUpperCase()} SKIPPED. ${message}\n`)
  return false
}

/**
 * Headless Chromium's flags: no sandbox (tests run as root), no background traffic, and every host
 * unreachable except loopback and `reachable` (host-resolver patterns such as `*.localhost`), so a
 * request elsewhere fails fast instead of hanging.
 */
export function chromiumArgs(reachable: readonly string[] = []): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1${reachable.map((host) => ` , EXCLUDE ${host}`).join('')}`,
  ]
}
