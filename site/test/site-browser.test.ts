import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {type Browser, hasChromium, launchChromium} from './support/chromium.ts'
import {type StaticServer, serveStatic} from './support/serve.ts'

const articlePath = '/blog/benefits-of-iop-program-addiction-recovery/'
/** WCAG 2.2 AA, as axe-core tags its rules. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const outDir = inject('bundledSite')
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Every URL the sitemap lists, as paths, plus the two pages it leaves out on purpose. */
async function pagesToVisit(): Promise<string[]> {
  const index = await readFile(join(outDir, 'sitemap-index.xml'), 'utf8')
  const files = [...index.matchAll(/<loc>[^<]*\/(sitemap-\d+\.xml)<\/loc>/g)].map((match) => match[1] ?? '')
  const paths: string[] = []
  for (const file of files) {
    const sitemap = await readFile(join(outDir, file), 'utf8')
    for (const match of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(match[1] ?? '').pathname)
  }
  return [...paths, '/search/', '/404.html']
}

interface Visit {
  consoleErrors: string[]
  failedRequests: string[]
  scripts: string[]
}

/** Opens a page and records every console error, failed request and script it loads. */
async function visit(page: Page, url: string): Promise<Visit> {
  const result: Visit = {consoleErrors: [], failedRequests: [], scripts: []}
  page.on('console', (message) => {
    if (message.type() === 'error') result.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => result.consoleErrors.push(error.message))
  page.on('requestfailed', (request) =>
    result.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`),
  )
  page.on('response', (response) => {
    if (response.status() >= 400) result.failedRequests.push(`${response.url()} (${response.status()})`)
  })
  page.on('request', (request) => {
    if (request.resourceType() === 'script') result.scripts.push(new URL(request.url()).pathname)
  })
  await page.goto(url, {waitUntil: 'load'})
  return result
}

interface AxeViolation {
  id: string
  help: string
  nodes: Array<{target: unknown[]}>
}

/**
 * Runs axe-core in the page. Evaluated through the DevTools protocol, which a page's
 * Content-Security-Policy does not govern, so the site's policy stays as strict as it ships.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource)
  const violations = await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as {axe: {run(context: unknown, options: unknown): Promise<{violations: AxeViolation[]}>}}
      ).axe
        .run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
        .then((result) => result.violations),
    AXE_TAGS,
  )
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  )
}

describe.skipIf(!hasChromium)('the built site in a real browser', () => {
  let server: StaticServer
  let browser: Browser
  let paths: string[]

  beforeAll(async () => {
    server = await serveStatic(outDir)
    browser = await launchChromium()
    paths = await pagesToVisit()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('visits every page the sitemap lists, and the search and not-found pages', () => {
    expect(paths).toEqual(expect.arrayContaining(['/', articlePath, '/programs/intensive-outpatient-program/']))
    expect(paths.length).toBeGreaterThan(20)
  })

  it('loads every page with no console error, no failed request and no script but on search', async () => {
    const problems: Record<string, Visit> = {}
    for (const path of paths) {
      const page = await browser.context.newPage()
      const result = await visit(page, server.origin + path)
      if (path === '/search/') {
        // The search UI loads its own script, index reader and worker, all from /pagefind/.
        result.scripts = result.scripts.filter((script) => !script.startsWith('/pagefind/'))
      }
      if (result.consoleErrors.length || result.failedRequests.length || result.scripts.length) problems[path] = result
      await page.close()
    }
    expect(problems).toEqual({})
  })

  it('passes axe-core’s WCAG 2.2 AA rules on every page, in light and dark mode', async () => {
    const problems: Record<string, string[]> = {}
    const page = await browser.context.newPage()
    for (const path of paths) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({colorScheme})
        await page.goto(server.origin + path, {waitUntil: 'load'})
        const violations = await axeViolations(page)
        if (violations.length) problems[`${path} (${colorScheme})`] = violations
      }
    }
    await page.close()
    expect(problems).toEqual({})
  })

  it('fits every page into a 320 px wide screen without sideways scrolling', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({width: 320, height: 640})
    const tooWide: Record<string, number> = {}
    for (const path of paths) {
      await page.goto(server.origin + path, {waitUntil: 'load'})
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      if (width > 320) tooWide[path] = width
    }
    await page.close()
    expect(tooWide).toEqual({})
  })

  it('finds the seed article by a word from its body on the search page', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.origin}/search/`)
    await page.locator('pagefind-input input').fill('accountability')
    const result = page.locator(`pagefind-results a[href="${articlePath}"]`).first()
    await result.waitFor()
    expect(await result.textContent()).toBe('The Benefits of an IOP Program for Addiction Recovery')
    await page.close()
  })

  it('finds an article by a word only its body holds, with the page under its Content-Security-Policy', async () => {
    const page = await browser.context.newPage()
    const refused: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text())
    })
    await page.goto(`${server.origin}/search/`)
    // The policy ships in the page itself: the search runs under it, not beside it.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
      "default-src 'self'",
    )
    // "screenings" is in one paragraph of the seed article: not its title, summary, headings or
    // questions, nor any page indexed whole.
    await page.locator('pagefind-input input').fill('screenings')
    const result = page.locator(`pagefind-results a[href="${articlePath}"]`).first()
    await result.waitFor()
    expect(await result.textContent()).toBe('The Benefits of an IOP Program for Addiction Recovery')
    expect(await page.locator('pagefind-results a').count()).toBe(1)
    expect(refused).toEqual([])
    await page.close()
  })

  it('focuses the skip link on the first Tab, and moves focus to the main content on Enter', async () => {
    const page = await browser.context.newPage()
    await page.goto(server.origin + articlePath)
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute('href'),
      visible: document.activeElement?.getBoundingClientRect().top ?? -1,
    }))
    expect(focused).toMatchObject({text: 'Skip to main content', href: '#main'})
    expect(focused.visible).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
    await page.close()
  })
})
