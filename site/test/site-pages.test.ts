import {existsSync} from 'node:fs'
import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {gunzipSync, gzipSync} from 'node:zlib'
import {HTMLElement} from 'node-html-parser'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {
  type BuiltPage,
  builtFiles,
  fileOfPath,
  type JsonLdNode,
  jsonLdGraph,
  nodeOfType,
  readAllPages,
  readPage,
  visibleText,
} from './support/site-html.ts'

const articlePath = '/blog/benefits-of-iop-program-addiction-recovery/'
const programSlugs = [
  'detox',
  'inpatient-rehab-residential-care',
  'partial-hospitalization-program',
  'intensive-outpatient-program',
  'outpatient-counseling-aftercare',
]
const therapySlugs = [
  'cognitive-behavioral-therapy',
  'dialectical-behavior-therapy',
  'family-therapy',
  'motivational-interviewing',
  'trauma-informed-therapy',
]

const outDir = inject('bundledSite')
let pages: BuiltPage[]
let article: BuiltPage

beforeAll(async () => {
  pages = await readAllPages(outDir)
  article = await readPage(outDir, articlePath)
})

function page(path: string): BuiltPage {
  const found = pages.find((candidate) => candidate.path === path)
  if (!found) throw new Error(`No page at ${path}`)
  return found
}

describe('the site built from the bundled dataset', () => {
  it('has every page type, feed and support file', async () => {
    const files = new Set(await builtFiles(outDir))
    const expected = [
      '/',
      '/blog/',
      '/blog/category/treatment-programs/',
      articlePath,
      '/programs/',
      ...programSlugs.map((slug) => `/programs/${slug}/`),
      '/therapies/',
      ...therapySlugs.map((slug) => `/therapies/${slug}/`),
      '/faq/',
      '/reviewers/kate-smith/',
      '/editorial-policy/',
      '/search/',
      '/404.html',
      '/rss.xml',
      '/robots.txt',
      '/sitemap-index.xml',
      '/favicon.ico',
      '/favicon.svg',
      '/_headers',
      '/pagefind/pagefind.js',
      '/pagefind/pagefind-component-ui.js',
    ]
    expect(expected.filter((path) => !files.has(fileOfPath(path)))).toEqual([])
  })

  it('prints a review report that counts the seed article as valid', () => {
    expect(inject('bundledBuildOutput')).toMatch(
      /Clinical review report at 2026-12-01T00:00:00\.000Z: 1 article \(valid 1,/,
    )
  })

  it('gives every page a title, description, canonical URL, social tags, one h1 and the policy', () => {
    for (const {path, document} of pages) {
      const head = document.querySelector('head')
      const problems = [
        head?.querySelector('title')?.text ? null : 'title',
        head?.querySelector('meta[name="description"]')?.getAttribute('content') ? null : 'description',
        path === '/404.html' || head?.querySelector('link[rel="canonical"]')?.getAttribute('href')?.endsWith(path)
          ? null
          : 'canonical',
        head?.querySelector('meta[property="og:title"]') ? null : 'og:title',
        head?.querySelector('meta[name="twitter:card"]') ? null : 'twitter:card',
        document.querySelectorAll('h1').length === 1 ? null : 'one h1',
        head?.querySelector('meta[http-equiv="Content-Security-Policy"]') ? null : 'CSP',
      ].filter(Boolean)
      expect(problems, path).toEqual([])
    }
  })

  it('puts the skip link, the crisis lines and the organisation’s phone on every page, in the same place', () => {
    for (const {path, document} of pages) {
      const [skip, crisis, header] = document.querySelector('body')?.children ?? []
      expect(skip?.getAttribute('href'), path).toBe('#main')
      expect(document.querySelector('main')?.id, path).toBe('main')
      const crisisLinks = crisis?.querySelectorAll('a').map((link) => link.getAttribute('href'))
      expect(crisisLinks, path).toEqual(['tel:988', 'tel:+18006624357'])
      expect(visibleText(crisis), path).toMatch(/call or text 988.*SAMHSA National Helpline: call 1-800-662-4357/)
      expect(header?.querySelector('a[href="tel:+18779206583"]')?.text, path).toContain('877.920.6583')
    }
  })

  it('states in JSON-LD only what the page shows', () => {
    // Addresses and types are metadata; every other text must be readable on the page, and every
    // date must be one the page marks up with <time>.
    const notText = new Set(['@type', '@id', '@context', 'url', 'item', 'sameAs', 'credentialCategory'])
    const dates = new Set(['datePublished', 'dateModified', 'lastReviewed'])
    const squash = (text: string) => text.replace(/\s+/g, '')
    for (const {path, document} of pages) {
      const shown = squash(visibleText(document.querySelector('body')))
      const times = new Set(document.querySelectorAll('time').map((time) => time.getAttribute('datetime')))
      const hidden: string[] = []
      const walk = (value: unknown, key: string): void => {
        if (Array.isArray(value)) for (const item of value) walk(item, key)
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
        else if (typeof value === 'string' && !notText.has(key)) {
          if (dates.has(key) ? !times.has(value) : !shown.includes(squash(value))) hidden.push(`${key}: ${value}`)
        }
      }
      walk(jsonLdGraph(document), '')
      expect(hidden, path).toEqual([])
    }
  })

  it('runs no script on any page but search, and search only its own Pagefind files', () => {
    for (const {path, document} of pages) {
      const scripts = document
        .querySelectorAll('script')
        .filter((s) => s.getAttribute('type') !== 'application/ld+json')
      const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? ''
      expect(policy, path).toMatch(/default-src 'self'/)
      expect(policy, path).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/)
      if (path === '/search/') {
        expect(scripts.map((script) => script.getAttribute('src'))).toEqual([
          '/pagefind/pagefind-component-ui.js',
          '/pagefind/merge-shards.js',
        ])
        expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval';/)
      } else {
        expect(scripts, path).toEqual([])
        expect(policy, path).toMatch(/script-src 'self';/)
      }
    }
  })

  it('publishes no script but the search index’s, since no page runs any other', async () => {
    const scripts = (await builtFiles(outDir)).filter((path) => /\.m?js$/.test(path))
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter((path) => !path.startsWith('pagefind/'))).toEqual([])
  })

  it('links only to pages and anchors that exist, and only with safe URL schemes', async () => {
    const files = new Set(await builtFiles(outDir))
    const broken: string[] = []
    for (const {path, document} of pages) {
      const ids = new Set(document.querySelectorAll('[id]').map((element) => element.id))
      for (const element of document.querySelectorAll('[href], [src], [srcset]')) {
        for (const attribute of ['href', 'src'] as const) {
          const value = element.getAttribute(attribute)
          if (value === undefined) continue
          if (/^(https:\/\/|http:\/\/|mailto:|tel:)/.test(value)) continue
          if (value.startsWith('#')) {
            if (!ids.has(value.slice(1))) broken.push(`${path}: ${value}`)
            continue
          }
          if (!value.startsWith('/') || value.startsWith('//')) {
            broken.push(`${path}: unsafe ${attribute} ${value}`)
            continue
          }
          const [target = '/', fragment] = value.split('#')
          if (!files.has(fileOfPath(target))) broken.push(`${path}: ${value} (no such file)`)
          else if (
            fragment &&
            !pages.find((candidate) => candidate.path === target)?.document.getElementById(fragment)
          ) {
            broken.push(`${path}: ${value} (no such anchor)`)
          }
        }
      }
    }
    expect(broken).toEqual([])
  })
})

describe('the seed article', () => {
  it('names Dr. Kate Smith as its clinical reviewer, links to her page and dates the review', () => {
    const byline = article.document.querySelector('.byline-review')
    expect(visibleText(byline?.querySelector('span:not([aria-hidden])'))).toBe(
      'Clinically reviewed by Dr. Kate Smith on November 1, 2026. What this means',
    )
    expect(byline?.querySelector('a')?.getAttribute('href')).toBe('/reviewers/kate-smith/')
    expect(byline?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-01T09:00:00.000Z')
  })

  it('names no author, because the seed names none, and shows no update date, because none is set', () => {
    expect(article.html).not.toContain('Written by')
    expect(visibleText(article.document.querySelector('.byline-dates'))).toBe('Published November 1, 2026')
  })

  it('describes itself in JSON-LD with exactly the facts the page shows', () => {
    const graph = jsonLdGraph(article.document)
    const webPage = nodeOfType(graph, 'MedicalWebPage')
    const posting = nodeOfType(graph, 'BlogPosting')
    const reviewer = webPage['reviewedBy'] as JsonLdNode
    const byline = article.document.querySelector('.byline-review')
    expect(reviewer).toMatchObject({'@type': 'Person', name: visibleText(byline?.querySelector('a'))})
    expect(new URL(String(reviewer['url'])).pathname).toBe(byline?.querySelector('a')?.getAttribute('href'))
    expect(webPage['lastReviewed']).toBe(byline?.querySelector('time')?.getAttribute('datetime'))
    expect(posting['headline']).toBe(visibleText(article.document.querySelector('h1')))
    expect(posting['datePublished']).toBe(
      article.document.querySelector('.byline-dates time')?.getAttribute('datetime'),
    )
    expect(posting).not.toHaveProperty('author')
    const clinic = nodeOfType(graph, 'MedicalClinic')
    expect(clinic['telephone']).toBe('877.920.6583')
    expect(visibleText(article.document.querySelector('header'))).toContain(String(clinic['name']))
    const crumbs = (nodeOfType(graph, 'BreadcrumbList')['itemListElement'] as Array<{name: string}>).map(
      (item) => item.name,
    )
    expect(crumbs).toEqual(
      article.document.querySelectorAll('nav[aria-label="Breadcrumb"] li').map((item) => visibleText(item)),
    )
    const faq = nodeOfType(graph, 'FAQPage')
    const questions = (faq['mainEntity'] as Array<{name: string}>).map((question) => question.name)
    const shown = article.document.querySelectorAll('.faq-list h3').map((heading) => visibleText(heading))
    expect(questions).toEqual(shown)
    expect(questions).toHaveLength(4)
  })

  it('shows the comparison table as a real table with a caption and header cells', () => {
    const table = article.document.querySelector('.article-body table')
    expect(visibleText(table?.querySelector('caption'))).toBe('IOP vs. PHP')
    expect(table?.querySelectorAll('thead th[scope="col"]').map((cell) => visibleText(cell))).toEqual([
      'Feature',
      'PHP Program Massachusetts',
      'IOP Program Massachusetts',
    ])
    expect(table?.querySelectorAll('tbody th[scope="row"]').map((cell) => visibleText(cell))).toEqual([
      'Hours per week',
      'Setting',
      'Medical monitoring',
      'Ideal for',
    ])
  })

  it('has a table of contents whose links lead to the h2 and h3 headings of the body', () => {
    const links = article.document.querySelectorAll('nav.toc a')
    const headings = article.document.querySelectorAll('.article-body h2[id], .article-body h3[id]')
    expect(links.length).toBeGreaterThan(5)
    expect(links.map((link) => link.getAttribute('href'))).toEqual(headings.map((heading) => `#${heading.id}`))
    expect(links.map((link) => visibleText(link))).toEqual(headings.map((heading) => visibleText(heading)))
  })

  it('nests each section’s sub-sections inside its entry of the table of contents, 11 sections at the top level', () => {
    const children = (element: HTMLElement | null | undefined, tag: string) =>
      (element?.childNodes ?? []).filter(
        (node): node is HTMLElement => node instanceof HTMLElement && node.tagName === tag.toUpperCase(),
      )
    const topLevel = children(article.document.querySelector('nav.toc > ol'), 'li')
    const entry = (item: HTMLElement) => ({
      section: visibleText(children(item, 'a')[0]),
      subsections: children(children(item, 'ol')[0], 'li').map((sub) => visibleText(sub)),
    })
    expect(topLevel).toHaveLength(11)
    expect(topLevel.map(entry).slice(1, 4)).toEqual([
      {section: 'Where Does IOP Fit in the Continuum of Care?', subsections: []},
      {
        section: 'Key Benefits of an IOP Program in Massachusetts',
        subsections: [
          '1. Flexible Scheduling for Real-Life Integration',
          '2. Cost-Effective Care',
          '3. Immediate Application of Skills',
        ],
      },
      {section: 'Therapies Used in IOP Programs', subsections: []},
    ])
  })

  it('links its internal links to the pages they name', () => {
    const body = article.document.querySelector('.article-body')
    const href = (text: string) =>
      body
        ?.querySelectorAll('a')
        .find((link) => visibleText(link) === text)
        ?.getAttribute('href')
    expect(href('Detox')).toBe('/programs/detox/')
    expect(href('Cognitive Behavioral Therapy (CBT)')).toBe('/therapies/cognitive-behavioral-therapy/')
  })

  it('calls the organisation from its call to action, and lists related care and the disclaimer', () => {
    expect(article.document.querySelector('.cta a')?.getAttribute('href')).toBe('tel:+18779206583')
    const related = article.document.querySelector('.related')
    expect(related?.querySelectorAll('a').map((link) => link.getAttribute('href'))).toEqual(
      expect.arrayContaining(['/programs/intensive-outpatient-program/', '/therapies/family-therapy/']),
    )
    expect(visibleText(article.document.querySelector('.disclaimer'))).toMatch(
      /^Medical disclaimer: .*not medical advice/,
    )
  })

  it('weighs under 20 KB of HTML and CSS, gzipped', async () => {
    const stylesheets = article.document
      .querySelectorAll('link[rel="stylesheet"]')
      .map((link) => link.getAttribute('href') ?? '')
    const css = await Promise.all(stylesheets.map((href) => readFile(join(outDir, href), 'utf8')))
    const html = gzipSync(article.html).length
    const styles = css.reduce((total, text) => total + gzipSync(text).length, 0)
    console.log(`article page gzip: HTML ${html} B + CSS ${styles} B = ${html + styles} B`)
    expect(html + styles).toBeLessThan(20 * 1024)
  })

  it('is listed in the sitemap and the RSS feed', async () => {
    const index = await readFile(join(outDir, 'sitemap-index.xml'), 'utf8')
    const sitemaps = [...index.matchAll(/<loc>[^<]*\/(sitemap-\d+\.xml)<\/loc>/g)].map((match) => match[1] ?? '')
    const urls = (await Promise.all(sitemaps.map((file) => readFile(join(outDir, file), 'utf8')))).join('')
    expect(urls).toContain(`<loc>http://localhost:4321${articlePath}</loc>`)
    expect(urls).not.toContain('/search/')
    const rss = await readFile(join(outDir, 'rss.xml'), 'utf8')
    expect(rss).toContain(`<link>http://localhost:4321${articlePath}</link>`)
    expect(rss).toContain('<title>The Benefits of an IOP Program for Addiction Recovery</title>')
  })
})

describe('the continuum of care', () => {
  it('lists the five levels in order, each linking to its page and on to the next step', () => {
    const steps = page('/programs/').document.querySelectorAll('ol.continuum > li')
    expect(steps.map((step) => step.querySelector('h2 a')?.getAttribute('href'))).toEqual(
      programSlugs.map((slug) => `/programs/${slug}/`),
    )
    expect(steps.slice(0, -1).map((step) => step.querySelector('.next a')?.getAttribute('href'))).toEqual(
      programSlugs.slice(1).map((slug) => `/programs/${slug}/`),
    )
  })

  it('links each level to the previous and next step', () => {
    const steps = page('/programs/intensive-outpatient-program/').document.querySelector('nav.steps')
    expect(steps?.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(
      '/programs/partial-hospitalization-program/',
    )
    expect(steps?.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(
      '/programs/outpatient-counseling-aftercare/',
    )
    expect(page('/programs/detox/').document.querySelector('nav.steps a[rel="prev"]')).toBeNull()
  })

  it('shows on the PHP and IOP pages the facts the article’s comparison table states', () => {
    const rows = article.document.querySelectorAll('.article-body tbody tr').map((row) => ({
      label: visibleText(row.querySelector('th')),
      php: visibleText(row.querySelectorAll('td')[0]),
      iop: visibleText(row.querySelectorAll('td')[1]),
    }))
    const facts = (path: string) =>
      Object.fromEntries(
        page(path)
          .document.querySelectorAll('dl.facts > div')
          .map((fact) => [visibleText(fact.querySelector('dt')), visibleText(fact.querySelector('dd'))]),
      )
    const php = facts('/programs/partial-hospitalization-program/')
    const iop = facts('/programs/intensive-outpatient-program/')
    expect(rows).toHaveLength(4)
    for (const row of rows) {
      expect(php[row.label], row.label).toBe(row.php)
      expect(iop[row.label], row.label).toBe(row.iop)
    }
    expect(iop).toMatchObject({
      'Days per week': '3–5 days',
      'Hours per session': '3–4 hours',
      'Typical length': '8–12 weeks',
    })
  })

  it('shows each level’s questions with answers, marked up as an FAQPage', () => {
    const iop = page('/programs/intensive-outpatient-program/').document
    const shown = iop.querySelectorAll('#questions ~ .faqs h3, .faqs h3').map((heading) => visibleText(heading))
    expect(shown).toContain('How long does the IOP last?')
    const faq = nodeOfType(jsonLdGraph(iop), 'FAQPage')
    expect((faq['mainEntity'] as Array<{name: string}>).map((question) => question.name)).toEqual(shown)
  })
})

describe('the other pages', () => {
  it('groups the FAQ by topic, each question with its own anchor', () => {
    const faq = page('/faq/').document
    expect(faq.querySelectorAll('h2').map((heading) => visibleText(heading))).toEqual(
      expect.arrayContaining(['Programs']),
    )
    const anchors = faq.querySelectorAll('.faq[id]').map((question) => question.id)
    expect(anchors).toHaveLength(4)
    expect(new Set(anchors).size).toBe(4)
    expect(nodeOfType(jsonLdGraph(faq), 'FAQPage')['mainEntity']).toHaveLength(4)
  })

  it('shows the reviewer’s profile with the articles she validly reviewed, as a ProfilePage', () => {
    const profile = page('/reviewers/kate-smith/').document
    expect(visibleText(profile.querySelector('h1'))).toBe('Dr. Kate Smith')
    expect(profile.querySelector(`main a[href="${articlePath}"]`)).not.toBeNull()
    const node = nodeOfType(jsonLdGraph(profile), 'ProfilePage')
    expect(node['mainEntity']).toMatchObject({'@type': 'Person', name: 'Dr. Kate Smith'})
  })

  it('explains on the editorial policy page how review works and what the mark means', () => {
    const policy = page('/editorial-policy/').document
    expect(policy.getElementById('clinical-review')).not.toBeNull()
    expect(visibleText(policy.querySelector('main'))).toMatch(/Clinically reviewed by.*never typed/)
    expect(visibleText(policy.querySelector('main'))).toContain('Articles about treatment are signed off')
  })

  it('lists therapies, each with its page and where it is offered', () => {
    const cbt = page('/therapies/cognitive-behavioral-therapy/').document
    expect(cbt.querySelector('a[href="/programs/intensive-outpatient-program/"]')).not.toBeNull()
    expect(page('/therapies/').document.querySelectorAll('main .card h2 a')).toHaveLength(5)
  })

  it('sends search engines to the sitemap, keeps them off search results, and sends a strict policy header', async () => {
    const robots = await readFile(join(outDir, 'robots.txt'), 'utf8')
    expect(robots).toContain('Sitemap: http://localhost:4321/sitemap-index.xml')
    expect(robots).toContain('Disallow: /search/')
    const headers = await readFile(join(outDir, '_headers'), 'utf8')
    expect(headers).toMatch(/^\/\*\n {2}Content-Security-Policy: default-src 'self';.*frame-ancestors 'none'/)
    expect(page('/404.html').document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex')
  })

  it('indexes program and therapy pages whole, and every paragraph of every article from its data', async () => {
    for (const path of ['/programs/detox/', '/therapies/family-therapy/']) {
      expect(page(path).document.querySelector('[data-pagefind-body]'), path).not.toBeNull()
    }
    expect(existsSync(join(outDir, 'pagefind', 'pagefind-entry.json'))).toBe(true)
    // The records the index was built from are not part of the site.
    expect((await builtFiles(outDir)).filter((file) => file.includes('search-records'))).toEqual([])
    const fragmentDir = join(outDir, 'pagefind', 'fragment')
    const fragments = await Promise.all(
      (await readdir(fragmentDir)).map(async (file) => gunzipSync(await readFile(join(fragmentDir, file))).toString()),
    )
    const article = fragments.find((fragment) => fragment.includes(`"url":"${articlePath}"`))
    expect(article).toContain('The Role of Accountability in IOP Success')
    expect(article).toContain('How long does the IOP last?')
    expect(article).toContain('Accountability is a critical factor in lasting recovery')
    expect(article).toContain('Many IOPs include scheduled or random drug screenings')
  })
})
