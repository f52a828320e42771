import {readFile, rm} from 'node:fs/promises'
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  type FixtureDocument,
  HOSTILE_ARTICLE_PATH,
  HOSTILE_DATASET_FILE,
  HOSTILE_MARKER,
  HOSTILE_REVIEW_NOW,
  HOSTILE_REVIEWER_ID,
  hostileDocuments,
  hostileNdjson,
  PROTOTYPE_ARTICLE_PATH,
  TRAP,
} from './fixtures/hostile/generate.ts'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {type Browser, hasChromium, launchChromium} from './support/chromium.ts'
import {type StaticServer, serveStatic} from './support/serve.ts'
import {builtFiles, jsonLdGraph, nodeOfType, pathOfFile, readPage, visibleText} from './support/site-html.ts'

/** Schemes a page may point anywhere at; anything else (javascript:, data:, vbscript:…) is an attack. */
const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:']
const IMAGE_CDN = 'https://cdn.sanity.io'
/** A 1×1 PNG, served for every image the pages ask Sanity's CDN for: the test has no network. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

/**
 * Runs before any script of every document: a trap on `window.__pwned` (every payload sets it)
 * and a listener for Content-Security-Policy violations, both reporting to the test through a
 * binding that outlives navigations, so a payload that runs and then navigates is still seen.
 */
const INIT_SCRIPT = `(() => {
  const report = (kind, detail) => window.__securityReport(kind, String(detail));
  Object.defineProperty(window, ${JSON.stringify(TRAP)}, {
    configurable: false,
    get: () => undefined,
    set: (value) => report('trap', value),
  });
  document.addEventListener('securitypolicyviolation', (event) =>
    report('csp', event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sample), true);
})()`

let build: BuildResult
let pages: string[]
let documents: FixtureDocument[]

beforeAll(async () => {
  build = await buildSite({CONTENT_DATASET_FILE: HOSTILE_DATASET_FILE, REVIEW_NOW: HOSTILE_REVIEW_NOW})
  pages = (await builtFiles(build.outDir))
    .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind/'))
    .map(pathOfFile)
  documents = await hostileDocuments()
})

afterAll(async () => {
  if (build) await rm(build.outDir, {recursive: true, force: true})
})

function field(id: string, name: string): string {
  const value = documents.find((document) => document._id === id)?.[name]
  if (typeof value !== 'string') throw new Error(`The fixture has no string ${id}.${name}`)
  return value
}

describe('the hostile fixture', () => {
  it('is exactly what its generator writes, so README and payloads describe the checked-in file', async () => {
    expect(await readFile(HOSTILE_DATASET_FILE, 'utf8')).toBe(await hostileNdjson())
  })

  it('builds every page type, with its article’s review valid so the reviewer’s name reaches the article', async () => {
    expect(build.output).toMatch(/2 articles \(valid 1, .*not-required 1\)/)
    for (const path of [
      '/',
      '/blog/',
      HOSTILE_ARTICLE_PATH,
      PROTOTYPE_ARTICLE_PATH,
      '/programs/hostile-program/',
      '/therapies/hostile-therapy/',
      '/reviewers/hostile-reviewer/',
      '/faq/',
      '/editorial-policy/',
      '/search/',
    ]) {
      expect(pages).toContain(path)
    }
  })

  it('keeps categories and callout tones named after Object.prototype keys as plain values', async () => {
    const {document} = await readPage(build.outDir, PROTOTYPE_ARTICLE_PATH)
    expect(visibleText(document.querySelector('.eyebrow'))).toBe('Constructor')
    const callouts = document.querySelectorAll('.callout')
    expect(callouts.map((callout) => callout.getAttribute('class'))).toEqual([
      'callout callout-note',
      'callout callout-note',
      'callout callout-note',
    ])
    expect(callouts.map((callout) => visibleText(callout.querySelector('.callout-label')))).toEqual([
      'Note',
      'Note',
      'Note',
    ])
  })
})

describe('JSON-LD written from text that tries to end its script element', () => {
  it('is one block per page that parses and holds no `<` or `>`', async () => {
    for (const path of pages) {
      const {document} = await readPage(build.outDir, path)
      expect(() => jsonLdGraph(document), path).not.toThrow()
      expect(document.querySelector('script[type="application/ld+json"]')?.rawText, path).not.toMatch(/[<>]/)
    }
  })

  it('gives back the title, reviewer, FAQ answer and program summary exactly as written', async () => {
    const article = jsonLdGraph((await readPage(build.outDir, HOSTILE_ARTICLE_PATH)).document)
    expect(nodeOfType(article, 'BlogPosting')['headline']).toBe(field('article-hostile', 'title'))
    const reviewedBy = nodeOfType(article, 'MedicalWebPage')['reviewedBy'] as {name?: string}
    expect(reviewedBy.name).toBe(field(HOSTILE_REVIEWER_ID, 'name'))
    expect(nodeOfType(article, 'MedicalClinic')['name']).toBe(field('siteSettings', 'organizationName'))

    const faq = nodeOfType(jsonLdGraph((await readPage(build.outDir, '/faq/')).document), 'FAQPage')
    const [question] = faq['mainEntity'] as Array<{name: string; acceptedAnswer: {text: string}}>
    expect(question?.name).toBe(field('faq-hostile', 'question'))
    expect(question?.acceptedAnswer.text).toContain('"</script><script>window.__pwned=1</script>')

    const program = jsonLdGraph((await readPage(build.outDir, '/programs/hostile-program/')).document)
    expect(nodeOfType(program, 'MedicalWebPage')['description']).toBe(field('programLevel-hostile', 'summary'))
  })
})

describe('the RSS feed', () => {
  it('carries excerpts that, read as the HTML RSS descriptions are, are text without markup', async () => {
    const feed = await readFile(`${build.outDir}/rss.xml`, 'utf8')
    const descriptions = [...feed.matchAll(/<item>[\s\S]*?<description>([\s\S]*?)<\/description>/g)].map(
      (match) => match[1] ?? '',
    )
    expect(descriptions.length).toBe(2)
    for (const description of descriptions) {
      // One XML decode gives the description's HTML; hostile text must still be escaped in it.
      const html = description
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
      expect(html).not.toMatch(/<[a-z/!]/i)
    }
    expect(feed).toContain('&amp;lt;script&amp;gt;')
  })
})

describe.skipIf(!hasChromium)('every built page of the hostile fixture, in Chromium', {timeout: 180_000}, () => {
  let server: StaticServer
  let browser: Browser
  let context: BrowserContext
  /** A page with the site's Content-Security-Policy in force, as it ships. */
  let enforced: Page
  /** A page with the policy switched off: only the markup's own escaping stands between payload and script. */
  let bypassed: Page
  /** Everything a page reported: trapped scripts, dialogs, policy violations, errors. */
  let findings: string[] = []
  /** Off-site addresses the browser was sent to (served a blank page; the test has no network). */
  let offsite: string[] = []

  beforeAll(async () => {
    server = await serveStatic(build.outDir)
    browser = await launchChromium()
    context = browser.context
    await context.exposeBinding('__securityReport', ({page}, kind: string, detail: string) => {
      findings.push(`${kind} on ${new URL(page.url()).pathname}: ${detail}`)
    })
    await context.addInitScript(INIT_SCRIPT)
    await context.route(
      (url) => url.origin !== server.origin,
      async (route) => {
        const request = route.request()
        if (request.resourceType() === 'image' && request.url().startsWith(`${IMAGE_CDN}/`)) {
          return route.fulfill({status: 200, contentType: 'image/png', body: PIXEL})
        }
        if (request.isNavigationRequest()) {
          offsite.push(request.url())
          return route.fulfill({status: 200, contentType: 'text/html', body: '<!doctype html><title>Off-site</title>'})
        }
        findings.push(`request to ${request.url()} (${request.resourceType()})`)
        return route.abort()
      },
    )
    const watch = (page: Page) => {
      page.on('dialog', (dialog) => {
        findings.push(`dialog on ${new URL(page.url()).pathname}: ${dialog.type()} ${dialog.message()}`)
        void dialog.dismiss()
      })
      page.on('console', (message) => {
        if (message.type() === 'error')
          findings.push(`console error on ${new URL(page.url()).pathname}: ${message.text()}`)
      })
      page.on('pageerror', (error) => findings.push(`page error on ${new URL(page.url()).pathname}: ${error.message}`))
      return page
    }
    enforced = watch(await context.newPage())
    bypassed = watch(await context.newPage())
    const session = await context.newCDPSession(bypassed)
    await session.send('Page.setBypassCSP', {enabled: true})
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const reset = () => {
    findings = []
    offsite = []
  }

  it('notices a script that sets the trap, a dialog and a policy violation (the harness can fail)', async () => {
    reset()
    const inject = (code: string) =>
      ((script) => {
        script.textContent = code
        document.head.append(script)
      })(document.createElement('script'))
    await enforced.goto(`${server.origin}/`)
    await enforced.evaluate(inject, "window.__pwned = 'canary-enforced'")
    await bypassed.goto(`${server.origin}/`)
    await bypassed.evaluate(inject, "window.__pwned = 'canary-bypassed'; alert('canary')")
    const inlineScriptBlocked = (line: string) => /^csp on \/: script-src-elem inline/.test(line)
    await expect
      .poll(() => findings.filter((line) => line.includes('canary') || inlineScriptBlocked(line)))
      .toEqual([
        expect.stringMatching(/^csp on \/: script-src-elem inline/),
        'trap on /: canary-bypassed',
        'dialog on /: alert canary',
      ])
    expect(findings).not.toContain('trap on /: canary-enforced')
  })

  it('run no script and open no dialog under the policy the site ships, and break none of its rules', async () => {
    reset()
    for (const path of pages) await enforced.goto(`${server.origin}${path}`, {waitUntil: 'load'})
    expect(findings).toEqual([])
  })

  it('run no script and open no dialog with the policy switched off: the markup itself is inert', async () => {
    reset()
    for (const path of pages) await bypassed.goto(`${server.origin}${path}`, {waitUntil: 'load'})
    expect(findings).toEqual([])
  })

  it('link to, load and submit to nothing but http(s), mailto and tel addresses; images only from the site and Sanity’s CDN', async () => {
    const problems: string[] = []
    for (const path of pages) {
      await enforced.goto(`${server.origin}${path}`)
      const urls = await enforced.$$eval(
        'a, area, form, iframe, img, source, link, button, input, object, embed, video, audio, track, use, image',
        (elements) =>
          elements.flatMap((element) => {
            const values: string[] = []
            for (const name of ['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href']) {
              const value = element.getAttribute(name)
              if (value !== null) values.push(value)
            }
            const srcset = element.getAttribute('srcset')
            if (srcset) values.push(...srcset.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''))
            // The browser's own URL parser: it strips the tabs, newlines and leading controls that
            // hide a scheme from a naive check, exactly as it would before following the link.
            return values.map((value) => {
              const url = new URL(value, document.baseURI)
              return {tag: element.tagName.toLowerCase(), value, protocol: url.protocol, origin: url.origin}
            })
          }),
      )
      for (const url of urls) {
        if (!SAFE_PROTOCOLS.includes(url.protocol)) problems.push(`${path}: <${url.tag}> ${JSON.stringify(url.value)}`)
        if ((url.tag === 'img' || url.tag === 'source') && ![server.origin, IMAGE_CDN].includes(url.origin)) {
          problems.push(`${path}: <${url.tag}> from ${url.origin}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('carry the CSP meta tag before anything it governs, and no script but JSON-LD and Pagefind’s', async () => {
    const problems: string[] = []
    for (const path of pages) {
      await enforced.goto(`${server.origin}${path}`)
      const state = await enforced.evaluate(() => {
        const meta = document.querySelector('head meta[http-equiv="Content-Security-Policy"]')
        const governed = [...document.querySelectorAll('script, link, style, img')]
        return {
          policy: meta?.getAttribute('content') ?? null,
          first: governed.every(
            (element) =>
              meta !== null && (meta.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
          ),
          scripts: [
            ...document.querySelectorAll('script:not([type="application/ld+json"]):not([src^="/pagefind/"])'),
          ].map((script) => script.outerHTML.slice(0, 120)),
          jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => {
            try {
              JSON.parse(script.textContent ?? '')
              return 'parses'
            } catch {
              return 'broken'
            }
          }),
        }
      })
      if (!state.policy) problems.push(`${path}: no CSP meta tag`)
      else if (!/(^|; )script-src 'self'( 'wasm-unsafe-eval')?(;|$)/.test(state.policy)) {
        problems.push(`${path}: script-src is not the site alone: ${state.policy}`)
      }
      if (!state.first) problems.push(`${path}: the CSP meta tag comes after content it should govern`)
      for (const script of state.scripts) problems.push(`${path}: ${script}`)
      if (state.jsonLd.join() !== 'parses') problems.push(`${path}: JSON-LD blocks ${state.jsonLd.join()}`)
      if (path !== '/search/' && (await enforced.$$('script[src]')).length > 0) problems.push(`${path}: loads a script`)
    }
    expect(problems).toEqual([])
  })

  it('have no inline event handler, style attribute or style element: no content reaches markup or CSS', async () => {
    const problems: string[] = []
    for (const path of pages) {
      await enforced.goto(`${server.origin}${path}`)
      const found = await enforced.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((element) => [
          ...[...element.attributes]
            .filter((attribute) => /^on/i.test(attribute.name) || attribute.name === 'style')
            .map((attribute) => `${attribute.name} on <${element.tagName.toLowerCase()}>`),
          ...(element.tagName === 'STYLE' ? ['<style> element'] : []),
        ]),
      )
      problems.push(...found.map((problem) => `${path}: ${problem}`))
    }
    expect(problems).toEqual([])
  })

  it('keep every link whose text is hostile harmless when clicked, with the policy switched off', async () => {
    reset()
    const clicked = new Set<string>()
    const landed: string[] = []
    for (const path of pages) {
      await bypassed.goto(`${server.origin}${path}`)
      const links = bypassed.locator('a').filter({hasText: HOSTILE_MARKER})
      const count = await links.count()
      for (let index = 0; index < count; index++) {
        if (bypassed.url() !== `${server.origin}${path}`) await bypassed.goto(`${server.origin}${path}`)
        const link = links.nth(index)
        const href = (await link.getAttribute('href')) ?? ''
        if (clicked.has(href)) continue
        clicked.add(href)
        const target = new URL(href, bypassed.url())
        // mailto: and tel: hand off to another application (their addresses are checked above);
        // headless Chromium then stops following clicks on the page, so they are not clicked.
        if (['mailto:', 'tel:'].includes(target.protocol)) continue
        if (['http:', 'https:'].includes(target.protocol)) {
          // A link navigates, to a fragment of the page too: wait for exactly that address.
          await Promise.all([bypassed.waitForURL(target.href), link.click()])
        } else {
          await link.click()
        }
        landed.push(bypassed.url())
      }
    }
    // The fixture makes many links (article, program, therapy, reviewer, an external link) hostile.
    expect(clicked.size).toBeGreaterThan(5)
    expect(landed.filter((url) => !['http:', 'https:'].includes(new URL(url).protocol))).toEqual([])
    expect(offsite.length).toBeGreaterThan(0)
    expect(offsite.filter((url) => !url.startsWith('https://'))).toEqual([])
    expect(findings).toEqual([])
  })

  it('show hostile text found by search as text, with the policy switched off', async () => {
    reset()
    await bypassed.goto(`${server.origin}/search/`)
    await bypassed.locator('pagefind-input input').fill(HOSTILE_MARKER.toLowerCase())
    await bypassed.waitForFunction(() => document.querySelector('pagefind-results')?.textContent?.includes('<script>'))
    const injected = await bypassed.evaluate(
      () =>
        document.querySelectorAll('pagefind-results script, pagefind-results svg, pagefind-results [onerror]').length,
    )
    expect(injected).toBe(0)
    expect(findings).toEqual([])
  })
})
