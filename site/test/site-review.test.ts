import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {StoredDocument} from '@repo/schemas/content'
import {reference, type ScratchDir, scratchDir, toNdjson} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {BUNDLED_REVIEW_NOW} from './support/global-setup.ts'
import {bundledDocuments, documentById, editBodyText, textBlock} from './support/site-fixtures.ts'
import {builtFiles, jsonLdGraph, nodeOfType, readAllPages, readPage, visibleText} from './support/site-html.ts'

const articleSlug = 'benefits-of-iop-program-addiction-recovery'
const articlePath = `/blog/${articleSlug}/`
const hostilePath = '/blog/hostile-content/'

/** Words that must never reach a built file: each marks a draft or a private field. */
const PRIVATE_MARKERS = ['DRAFTMARKER', 'PRIVATEUSERMARKER', 'SIGNEDBYMARKER', 'LICENCESECRET123']

/**
 * The bundled dataset with one word of the reviewed article changed after sign-off, plus what
 * must never be published (drafts, private reviewer fields) and an article written to attack
 * the pages (script in text, unsafe URL schemes, `</script>` bound for JSON-LD, unknown blocks).
 */
async function changedDataset(): Promise<StoredDocument[]> {
  const documents = await bundledDocuments()
  const article = documentById(documents, 'article-iop-benefits')
  editBodyText(article, 'one-size-fits-all journey', 'one-size-fits-all path')
  // A sign-off nobody may make (its signer is listed for no reviewer), whose user ID is private.
  const forged = {...documentById(documents, 'clinicalSignoff-708d2085a6e9'), _id: 'clinicalSignoff-forged'}
  documents.push({...forged, signer: 'SIGNEDBYMARKER'})
  const reviewer = documentById(documents, 'clinicalReviewer-kate-smith')
  reviewer['sanityUserIds'] = ['PRIVATEUSERMARKER']
  reviewer['licence'] = {
    type: 'LADC I',
    state: 'MA',
    number: 'LICENCESECRET123',
    numberIsPublic: false,
    verifiedAt: '2026-10-01',
  }
  reviewer['sameAs'] = ['javascript:alert(1)', 'https://example.org/kate-smith']
  return [
    ...documents,
    {...article, _id: 'drafts.article-iop-benefits', title: 'DRAFTMARKER title'},
    {...documentById(documents, 'faq-iop-length'), _id: 'drafts.faq-iop-length', question: 'DRAFTMARKER question'},
    hostileArticle(),
    {
      _id: 'image-0a1b2c3d4e-1200x800-png',
      _type: 'sanity.imageAsset',
      url: 'https://cdn.sanity.io/images/proj123/production/0a1b2c3d4e-1200x800.png',
      metadata: {dimensions: {width: 1200, height: 800}},
    },
    {
      _id: 'image-badbadbad-10x10-png',
      _type: 'sanity.imageAsset',
      url: 'javascript:alert(1)//badbadbad-10x10.png',
      metadata: {dimensions: {width: 10, height: 10}},
    },
  ]
}

const HOSTILE_TITLE = 'Hostile <script>window.__pwned=1</script> "</script><img src=x onerror=alert(1)>'

function hostileArticle(): StoredDocument {
  const links = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:msgbox(1)',
  ]
  return {
    _id: 'article-hostile',
    _type: 'article',
    title: HOSTILE_TITLE,
    slug: {_type: 'slug', current: 'hostile-content'},
    excerpt: '<img src=x onerror=alert(1)> in the excerpt',
    publishedAt: '2026-11-02T09:00:00Z',
    category: 'recovery',
    requiresClinicalReview: false,
    citations: [{_key: 'c1', _type: 'citation', title: 'A source with a script URL', url: 'javascript:alert(1)'}],
    body: [
      textBlock(
        'b1',
        links.map((_, index) => ({text: `UNSAFELINK${index} `, marks: [`l${index}`]})),
        links.map((href, index) => ({_type: 'link', _key: `l${index}`, href})),
      ),
      textBlock(
        'b2',
        [
          {text: 'DANGLINGTEXT', marks: ['d1']},
          {text: ' and a cited claim', marks: ['c1']},
          {text: ' with <script>alert(1)</script> typed as text.'},
          {text: ' UNKNOWNMARKTEXT', marks: ['u1']},
        ],
        [
          {_type: 'internalLink', _key: 'd1', reference: reference('programLevel-missing')},
          {_type: 'citationRef', _key: 'c1', citationKey: 'c1'},
          {_type: 'mysteryMark', _key: 'u1'},
        ],
      ),
      {_type: 'mystery', _key: 'm1', children: [{_type: 'span', _key: 'm1s', text: 'MYSTERYTEXT'}]},
      {_type: 'callout', _key: 'co', tone: 'important', text: '<script>alert(1)</script> in a callout'},
      {
        _type: 'comparisonTable',
        _key: 'ct',
        caption: 'A table <img src=x onerror=alert(1)>',
        columns: ['Feature', 'A'],
        rows: [{_key: 'r1', _type: 'comparisonRow', cells: ['<b onclick=alert(1)>x</b>', 'y']}],
      },
      {_type: 'image', _key: 'i1', alt: 'A safe picture', asset: reference('image-0a1b2c3d4e-1200x800-png')},
      {_type: 'image', _key: 'i2', alt: 'An unsafe picture', asset: reference('image-badbadbad-10x10-png')},
    ],
  }
}

let scratch: ScratchDir
let build: BuildResult
let datasetFile: string

beforeAll(async () => {
  scratch = await scratchDir()
  datasetFile = await scratch.write('changed.ndjson', toNdjson(await changedDataset()))
  build = await buildSite({CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW: BUNDLED_REVIEW_NOW})
})

afterAll(async () => {
  await scratch?.remove()
  if (build) await rm(build.outDir, {recursive: true, force: true})
})

describe('an article whose text changed after its clinical sign-off', () => {
  it('is built with no review claim at all', async () => {
    const {document, html} = await readPage(build.outDir, articlePath)
    expect(visibleText(document.querySelector('main'))).toContain('one-size-fits-all path')
    expect(html).not.toMatch(/Clinically reviewed|Dr\. Kate Smith|\/reviewers\//)
  })

  it('carries no reviewedBy or lastReviewed in its JSON-LD', async () => {
    const {document} = await readPage(build.outDir, articlePath)
    const webPage = nodeOfType(jsonLdGraph(document), 'MedicalWebPage')
    expect(webPage).not.toHaveProperty('reviewedBy')
    expect(webPage).not.toHaveProperty('lastReviewed')
  })

  it('is named as stale, with why, in the build’s review report', () => {
    expect(build.output).toMatch(
      /\(valid 0, missing 0, stale 1, expired 0, reviewer-unverified 0, unverified 0, not-required 1\)/,
    )
    expect(build.output).toMatch(
      new RegExp(
        `\\[review\\]\\s+stale\\s+${articleSlug}: The content changed after the sign-off of 2026-11-01 \\(hash mismatch\\)\\.`,
      ),
    )
  })

  it('is not listed among the reviewer’s articles', async () => {
    const {document} = await readPage(build.outDir, '/reviewers/kate-smith/')
    expect(document.querySelector(`main a[href="${articlePath}"]`)).toBeNull()
    expect(visibleText(document.querySelector('main'))).toContain(
      'No article currently carries a review by Dr. Kate Smith.',
    )
  })

  it('fails the build under REVIEW_STRICT=1, naming the article', async () => {
    const failure = await buildSite({
      CONTENT_DATASET_FILE: datasetFile,
      REVIEW_NOW: BUNDLED_REVIEW_NOW,
      REVIEW_STRICT: '1',
    }).then(
      () => undefined,
      (error: {code?: number; stdout?: string; stderr?: string}) => error,
    )
    expect(failure?.code).not.toBe(0)
    expect(`${failure?.stdout}${failure?.stderr}`).toContain(
      `REVIEW_STRICT=1: 1 article cannot show a valid clinical review: ${articleSlug} (stale)`,
    )
  })
})

describe('what must never be published', () => {
  it('appears in no built file: drafts, Studio user IDs, the signer, a private licence number', async () => {
    const leaks: string[] = []
    for (const file of await builtFiles(build.outDir)) {
      const text = await readFile(join(build.outDir, file), 'latin1')
      for (const marker of PRIVATE_MARKERS) if (text.includes(marker)) leaks.push(`${file}: ${marker}`)
    }
    expect(leaks).toEqual([])
  })

  it('leaves the public parts of the licence on the reviewer’s page', async () => {
    const {document} = await readPage(build.outDir, '/reviewers/kate-smith/')
    expect(visibleText(document.querySelector('main'))).toContain('LADC I, issued in MA')
    expect(document.querySelector('time[datetime="2026-10-01"]')).not.toBeNull()
  })
})

describe('an article written to attack the site', () => {
  it('renders every piece of markup in its text as text', async () => {
    const {document} = await readPage(build.outDir, hostilePath)
    expect(visibleText(document.querySelector('h1'))).toBe(HOSTILE_TITLE)
    expect(visibleText(document.querySelector('main'))).toContain('with <script>alert(1)</script> typed as text.')
    expect(visibleText(document.querySelector('caption'))).toBe('A table <img src=x onerror=alert(1)>')
  })

  it('leaves no script, event handler or unsafe address on any page', async () => {
    const problems: string[] = []
    for (const {path, document} of await readAllPages(build.outDir)) {
      for (const script of document.querySelectorAll('script')) {
        const type = script.getAttribute('type')
        const src = script.getAttribute('src')
        if (type !== 'application/ld+json' && !(path === '/search/' && src?.startsWith('/pagefind/'))) {
          problems.push(`${path}: <script ${type ?? ''} ${src ?? ''}>`)
        }
      }
      for (const element of document.querySelectorAll('*')) {
        for (const [name, value] of Object.entries(element.attributes)) {
          if (/^on/i.test(name)) problems.push(`${path}: ${name} on <${element.tagName}>`)
          if (['href', 'src', 'srcset', 'action', 'formaction'].includes(name.toLowerCase())) {
            const urls =
              name.toLowerCase() === 'srcset'
                ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '')
                : [value]
            for (const url of urls) {
              if (!/^(\/(?!\/)|#|https?:\/\/|mailto:|tel:)/.test(url)) problems.push(`${path}: ${name}="${url}"`)
            }
          }
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('keeps `</script>` in its title from ending the JSON-LD block', async () => {
    const {document, html} = await readPage(build.outDir, hostilePath)
    const scripts = document.querySelectorAll('script')
    expect(scripts.map((script) => script.getAttribute('type'))).toEqual(['application/ld+json'])
    expect(scripts[0]?.rawText).not.toMatch(/[<>]/)
    expect(html).toContain('\\u003c/script\\u003e')
    expect(nodeOfType(jsonLdGraph(document), 'BlogPosting')['headline']).toBe(HOSTILE_TITLE)
  })

  it('keeps the text of unsafe links, dangling internal links and unknown marks, unlinked', async () => {
    const {document} = await readPage(build.outDir, hostilePath)
    const body = document.querySelector('.article-body')
    for (const text of ['UNSAFELINK0', 'UNSAFELINK4', 'DANGLINGTEXT', 'UNKNOWNMARKTEXT', 'MYSTERYTEXT']) {
      expect(visibleText(body), text).toContain(text)
      expect(
        body?.querySelectorAll('a').some((link) => link.text.includes(text)),
        text,
      ).toBe(false)
    }
    expect(build.output).toMatch(/article-hostile: .*mystery/)
    expect(build.output).toMatch(/article-hostile: markDefs\[_key=="d1"\]\.reference points at .*no published page/)
  })

  it('shows only images served by Sanity’s CDN over https, with a srcset', async () => {
    const {document} = await readPage(build.outDir, hostilePath)
    const images = document.querySelectorAll('.article-body img')
    expect(images.map((image) => image.getAttribute('alt'))).toEqual(['A safe picture'])
    const srcset = images[0]?.getAttribute('srcset') ?? ''
    expect(srcset.split(', ').length).toBeGreaterThan(2)
    for (const candidate of srcset.split(', ')) {
      expect(candidate).toMatch(
        /^https:\/\/cdn\.sanity\.io\/images\/proj123\/production\/0a1b2c3d4e-1200x800\.png\?\S+ \d+w$/,
      )
    }
  })

  it('links a citation to the sources list but never to its unsafe address', async () => {
    const {document} = await readPage(build.outDir, hostilePath)
    expect(document.querySelector('sup.cite a')?.getAttribute('href')).toBe('#source-1')
    expect(document.querySelector('#source-1 a')).toBeNull()
    expect(visibleText(document.querySelector('#source-1'))).toBe('A source with a script URL')
  })

  it('lists only https profiles of the reviewer', async () => {
    const {document} = await readPage(build.outDir, '/reviewers/kate-smith/')
    const person = nodeOfType(jsonLdGraph(document), 'ProfilePage')['mainEntity'] as {sameAs?: string[]}
    expect(person.sameAs).toEqual(['https://example.org/kate-smith'])
    expect(document.querySelector('main a[href="https://example.org/kate-smith"]')).not.toBeNull()
  })
})
