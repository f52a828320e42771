/**
 * The preview server, as an editor's browser meets it inside the Studio's Presentation tool: the
 * Studio stores a secret, sends the preview to the enable route with it, and the browser then
 * carries the draft-mode cookie. The Content Lake is the local query server, with a Viewer token.
 */
import {readdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {StoredDocument} from '@repo/schemas/content'
import {clinicalContentHash, type SignoffRecord} from '@repo/schemas/review'
import {attestWith, newAttestorKey, type QueryServer, signoffDocument, startQueryServer} from '@repo/schemas/testing'
import {VERCEL_STEGA_REGEX, vercelStegaDecode, vercelStegaSplit} from '@vercel/stega'
import {parse} from 'node-html-parser'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildPreviewServer, type RunningPreviewServer, startPreviewServer} from '../preview-server.ts'
import {buildSite} from './support/build-site.ts'
import {bundledDocuments, documentById, editBodyText, textBlock} from './support/site-fixtures.ts'

const TOKEN = 'sk-viewer-PREVIEWTOKENMARKER-0123456789abcdef'
const SECRET = 'preview-secret-0123456789abcdef'
const DRAFT_SENTENCE = 'DRAFTONLYSENTENCE appears in the draft only.'
const REVIEW_NOW = '2026-12-01T00:00:00Z'
const SEED_SLUG = 'benefits-of-iop-program-addiction-recovery'
const STUDIO_URL = 'http://studio.localhost:3333'

/** Every stega payload (invisible edit links) in a text. */
const stegaIn = (text: string) => text.match(VERCEL_STEGA_REGEX) ?? []

/** The edit link a piece of visible text carries, as `@sanity/visual-editing` decodes it. */
function editLink(text: string): URL | undefined {
  const decoded = vercelStegaDecode(text) as {origin?: string; href?: string} | undefined
  return decoded?.origin === 'sanity.io' && decoded.href ? new URL(decoded.href) : undefined
}

/** What a clinician vouches for in a draft article. */
function draftContent(slug: string) {
  return {
    title: `Draft ${slug}`,
    excerpt: 'A draft.',
    body: [textBlock(`${slug}-b1`, [{text: `The body of ${slug}.`}])],
  }
}

/** A draft-only article: a new post an editor is writing. */
function draftArticle(slug: string, fields: Record<string, unknown> = {}): StoredDocument {
  return {
    _id: `drafts.article-${slug}`,
    _type: 'article',
    ...draftContent(slug),
    slug: {_type: 'slug', current: slug},
    publishedAt: '2026-11-20T09:00:00Z',
    category: 'recovery',
    requiresClinicalReview: true,
    ...fields,
  }
}

/**
 * The project's attestor key. The preview server reads a live project, which never trusts the demo
 * key, so this server is given its own key in `REVIEW_TRUSTED_KEYS`, as a real deployment is.
 */
const KEY = newAttestorKey()

/**
 * A draft, and its sign-off at `reviewedAt` for exactly its content by the seed's reviewer (as the
 * demo clinician), attested with the project's key.
 */
async function signedDraft(slug: string, reviewedAt: string): Promise<StoredDocument[]> {
  const contentHash = await clinicalContentHash(draftContent(slug))
  const signoff = signoffDocument({
    articleId: `article-${slug}`,
    contentHash,
    reviewerId: 'clinicalReviewer-kate-smith',
    signer: 'demo-clinician',
    signedAt: reviewedAt,
  })
  return [draftArticle(slug), attestWith(signoff, KEY)]
}

async function dataset(): Promise<StoredDocument[]> {
  const documents = await bundledDocuments()
  const seedDraft = structuredClone(documentById(documents, 'article-iop-benefits'))
  seedDraft._id = 'drafts.article-iop-benefits'
  editBodyText(seedDraft, 'Intensive Outpatient Program', `${DRAFT_SENTENCE} Intensive Outpatient Program`)
  // The editor also adds a callout of two paragraphs.
  ;(seedDraft['body'] as unknown[]).push({
    _type: 'callout',
    _key: 'draft-callout',
    tone: 'tip',
    text: 'Bring someone you trust to the first session.\n\nAsk about evening groups.',
  })
  return [
    // The seed's sign-off, attested by this project's attestor instead of the demo one.
    ...documents.map((doc) =>
      doc._type === 'clinicalSignoff' ? attestWith(doc as StoredDocument & SignoffRecord, KEY) : doc,
    ),
    seedDraft,
    draftArticle('requested', {
      reviewRequest: {_type: 'reviewRequest', requestedAt: '2026-11-25T10:00:00Z', requestedByName: 'Morgan Editor'},
    }),
    draftArticle('unreviewed'),
    draftArticle('no-review-needed', {requiresClinicalReview: false}),
    // Twelve months' validity, thirty days' warning: signed 2025-12-20, it expires 2026-12-20.
    ...(await signedDraft('expiring', '2025-12-20T09:00:00Z')),
    ...(await signedDraft('expired', '2025-10-01T09:00:00Z')),
    {
      _id: 'sanity-preview-url-secret.test',
      _type: 'sanity.previewUrlSecret',
      _updatedAt: new Date().toISOString(),
      secret: SECRET,
      studioUrl: STUDIO_URL,
    },
  ]
}

interface Reply {
  status: number
  headers: Headers
  body: string
}

describe('the preview server', {timeout: 300_000}, () => {
  let lake: QueryServer
  let preview: RunningPreviewServer
  const replies: Reply[] = []

  async function get(path: string, cookie?: string): Promise<Reply> {
    const response = await fetch(new URL(path, preview.origin), {
      redirect: 'manual',
      headers: cookie ? {cookie} : {},
    })
    const reply = {status: response.status, headers: response.headers, body: await response.text()}
    replies.push(reply)
    return reply
  }

  /** The draft-mode cookie the enable route sets for a valid secret, as a browser would send it back. */
  async function enableDraftMode(pathname = `/blog/${SEED_SLUG}/`): Promise<{reply: Reply; cookie: string}> {
    const reply = await get(
      `/api/draft-mode/enable/?sanity-preview-secret=${SECRET}&sanity-preview-pathname=${encodeURIComponent(pathname)}`,
    )
    const setCookie = reply.headers.get('set-cookie') ?? ''
    return {reply, cookie: setCookie.split(';')[0] ?? ''}
  }

  beforeAll(async () => {
    lake = await startQueryServer({documents: await dataset(), draftTokens: [TOKEN]})
    await buildPreviewServer()
    preview = await startPreviewServer({
      env: {
        SANITY_PROJECT_ID: 'previewtest',
        SANITY_DATASET: 'production',
        SANITY_API_HOST: lake.apiHost,
        SANITY_API_READ_TOKEN: TOKEN,
        SANITY_STUDIO_URL: STUDIO_URL,
        REVIEW_NOW,
        REVIEW_TRUSTED_KEYS: Buffer.from(KEY.trusted.publicKey).toString('base64'),
      },
    })
  })
  afterAll(async () => {
    await preview?.close()
    await lake?.close()
  })

  it('shows the published article, not the draft, without draft mode', async () => {
    const page = await get(`/blog/${SEED_SLUG}/`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Intensive Outpatient Program')
    expect(page.body).not.toContain('DRAFTONLYSENTENCE')
    expect(page.body).toContain('Published version (draft mode is off)')
    expect(page.body).toContain('Signed off for exactly this content')
  })

  it('answers an address it has no page for with the not-found page and a 404', async () => {
    for (const path of ['/blog/no-such-article/', '/no-such-page/', '/programs/no/such/level/']) {
      const page = await get(path)
      expect(page.status, path).toBe(404)
      expect(parse(page.body).querySelector('h1')?.textContent, path).toBe('Page not found')
    }
  })

  it('refuses a wrong secret and sets no cookie', async () => {
    const reply = await get(`/api/draft-mode/enable/?sanity-preview-secret=wrong&sanity-preview-pathname=/`)
    expect(reply.status).toBe(401)
    expect(reply.headers.get('set-cookie')).toBeNull()
    const page = await get(`/blog/${SEED_SLUG}/`, 'cr-draft-mode=guessed-value')
    expect(page.body).not.toContain('DRAFTONLYSENTENCE')
  })

  it('turns on draft mode for a valid secret with a private cookie the Studio’s frame can carry', async () => {
    const {reply, cookie} = await enableDraftMode()
    expect(reply.status).toBe(307)
    expect(reply.headers.get('location')).toBe(`/blog/${SEED_SLUG}/`)
    const flags = (reply.headers.get('set-cookie') ?? '').split(';').map((part) => part.trim().toLowerCase())
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=none', 'path=/']))
    expect(cookie).toMatch(/^cr-draft-mode=[A-Za-z0-9_-]{40,}$/)

    const page = await get(`/blog/${SEED_SLUG}/`, cookie)
    expect(page.body).toContain('DRAFTONLYSENTENCE')
    expect(page.body).toContain('Draft preview')
  })

  it('redirects only to a page of this site, whatever the enable URL asks', async () => {
    for (const target of ['https://evil.example/', '//evil.example/steal', '/\\evil.example/x']) {
      const {reply} = await enableDraftMode(target)
      const location = reply.headers.get('location') ?? ''
      expect(location.startsWith('/'), target).toBe(true)
      expect(location.startsWith('//'), target).toBe(false)
      expect(location, target).not.toContain('evil.example')
    }
  })

  it('ends draft mode with the disable route', async () => {
    const {cookie} = await enableDraftMode()
    const reply = await get(`/api/draft-mode/disable/?redirect=/blog/${SEED_SLUG}/`, cookie)
    expect(reply.status).toBe(307)
    expect(reply.headers.get('set-cookie')).toMatch(/^cr-draft-mode=[^;]*;.*Expires=Thu, 01 Jan 1970/i)
  })

  it('shows the review state of every previewed article, by the shared rules', async () => {
    const {cookie} = await enableDraftMode()
    const banner = async (slug: string) => {
      const page = await get(`/blog/${slug}/`, cookie)
      expect(page.status, slug).toBe(200)
      return /<aside class="review-banner[^"]*"[^>]*data-review-status="([^"]+)"[^>]*>([\s\S]*?)<\/aside>/.exec(
        page.body,
      )
    }
    const stale = await banner(SEED_SLUG)
    expect(stale?.[1]).toBe('stale')
    expect(stale?.[2]).toContain('Review stale')
    expect(stale?.[2]).toContain('Readers still see the published version, which carries its valid review.')
    expect((await banner('requested'))?.[2]).toContain('Review requested')
    expect((await banner('requested'))?.[2]).toContain('Morgan Editor')
    expect((await banner('unreviewed'))?.[2]).toContain('Not reviewed')
    expect((await banner('unreviewed'))?.[2]).toContain('This article is not published yet.')
    expect((await banner('no-review-needed'))?.[2]).toContain('No clinical review needed')
    expect((await banner('expiring'))?.[2]).toContain('Signed off, expiring on December 20, 2026')
    expect((await banner('expired'))?.[2]).toContain('Review expired')
  })

  it('writes click-to-edit links into the draft’s title and body text, each pointing at its field', async () => {
    const {cookie} = await enableDraftMode()
    const page = parse((await get(`/blog/${SEED_SLUG}/`, cookie)).body)
    const title = page.querySelector('h1')?.textContent ?? ''
    expect(vercelStegaSplit(title).cleaned).toBe('The Benefits of an IOP Program for Addiction Recovery')
    const titleLink = editLink(title)
    expect(titleLink?.origin).toBe(STUDIO_URL)
    expect(titleLink?.searchParams.get('id')).toBe('article-iop-benefits')
    expect(titleLink?.searchParams.get('type')).toBe('article')
    expect(titleLink?.searchParams.get('path')).toBe('title')

    const heading = page.querySelectorAll('.article-body h2')[0]
    const headingLink = editLink(heading?.textContent ?? '')
    expect(headingLink?.searchParams.get('path')).toMatch(/^body\[_key=="[^"]+"\]\.children\[_key=="[^"]+"\]\.text$/)
    // The heading's anchor, and the table of contents that links to it, stay clean.
    expect(stegaIn(heading?.getAttribute('id') ?? '')).toEqual([])
    expect(page.querySelector(`.toc a[href="#${heading?.getAttribute('id')}"]`)).not.toBeNull()
    // The page loads the overlays that read these links, from the preview server itself.
    expect(page.querySelector('[data-visual-editing="on"]')).not.toBeNull()
    const scripts = page.querySelectorAll('script[src]').map((script) => script.getAttribute('src') ?? '')
    expect(scripts.length).toBeGreaterThan(0)
    for (const src of scripts) expect(src).toMatch(/^\/_astro\/[\w.-]+\.js$/)
  })

  it('writes click-to-edit links into the draft’s callouts, calls to action and tables, each pointing at its field', async () => {
    const {cookie} = await enableDraftMode()
    const page = parse((await get(`/blog/${SEED_SLUG}/`, cookie)).body)
    const pathOf = (text: string | undefined) => editLink(text ?? '')?.searchParams.get('path')

    const [, first, second] = page.querySelectorAll('.callout p').map((paragraph) => paragraph.textContent)
    expect(vercelStegaSplit(first ?? '').cleaned).toBe('Bring someone you trust to the first session.')
    expect(pathOf(first)).toBe('body[_key=="draft-callout"].text')
    expect(second).toBe('Ask about evening groups.')

    const table = page.querySelector('.table-scroll')
    expect(pathOf(table?.querySelector('caption')?.textContent)).toMatch(/^body\[_key=="[^"]+"\]\.caption$/)
    expect(pathOf(table?.querySelector('thead th')?.textContent)).toMatch(/^body\[_key=="[^"]+"\]\.columns\[0\]$/)
    expect(pathOf(table?.querySelector('tbody td')?.textContent)).toMatch(
      /^body\[_key=="[^"]+"\]\.rows\[_key=="[^"]+"\]\.cells\[1\]$/,
    )
    expect(pathOf(page.querySelector('.cta p')?.textContent)).toMatch(/^body\[_key=="[^"]+"\]\.text$/)
  })

  it('keeps stega out of every href, the head and the JSON-LD of every previewed page', async () => {
    const {cookie} = await enableDraftMode()
    let encoded = 0
    for (const slug of [SEED_SLUG, 'requested', 'unreviewed', 'expiring', 'expired', 'no-review-needed']) {
      const html = (await get(`/blog/${slug}/`, cookie)).body
      encoded += stegaIn(html).length
      const page = parse(html)
      expect(stegaIn(page.querySelector('head')?.toString() ?? 'no head'), slug).toEqual([])
      const jsonLd = page.querySelectorAll('script[type="application/ld+json"]').map((script) => script.textContent)
      expect(jsonLd.length, slug).toBeGreaterThan(0)
      for (const data of jsonLd) expect(stegaIn(data), slug).toEqual([])
      for (const element of page.querySelectorAll('[href], [src], [id], [datetime], [content]')) {
        for (const value of Object.values(element.attributes)) expect(stegaIn(value), `${slug}: ${value}`).toEqual([])
      }
    }
    // Not vacuous: the bodies do carry edit links.
    expect(encoded).toBeGreaterThan(6)
  })

  it('writes no edit links without draft mode', async () => {
    const page = await get(`/blog/${SEED_SLUG}/`)
    expect(stegaIn(page.body)).toEqual([])
    expect(page.body).not.toContain('data-visual-editing')
  })

  it('lets only the configured Studio frame the preview', () => {
    for (const reply of replies) {
      expect(reply.headers.get('content-security-policy')).toBe(`frame-ancestors ${STUDIO_URL}`)
    }
  })

  it('marks every response private, never cached and never indexed', () => {
    expect(replies.length).toBeGreaterThan(10)
    for (const reply of replies) {
      expect(reply.headers.get('cache-control')).toBe('private, no-store')
      expect(reply.headers.get('x-robots-tag')).toBe('noindex, nofollow')
    }
  })

  it('never writes its token into a response body, a header or its log', () => {
    expect(lake.requests.some((request) => request.token === TOKEN)).toBe(true)
    for (const reply of replies) {
      expect(reply.body).not.toContain('PREVIEWTOKENMARKER')
      expect(JSON.stringify([...reply.headers])).not.toContain('PREVIEWTOKENMARKER')
    }
    expect(preview.log()).not.toContain('PREVIEWTOKENMARKER')
  })

  it('leaves the static build without any draft text', async () => {
    const {outDir} = await buildSite({CONTENT_DATASET_FILE: await writeDataset(), REVIEW_NOW})
    try {
      for (const file of await readdir(outDir, {recursive: true})) {
        const path = join(outDir, file)
        if (!/\.(html|xml|json|txt|js|css)$/.test(path)) continue
        expect(await readFile(path, 'utf8'), file).not.toContain('DRAFTONLYSENTENCE')
      }
    } finally {
      await rm(outDir, {recursive: true, force: true})
    }
  })
})

async function writeDataset(): Promise<string> {
  const {scratchDir, toNdjson} = await import('@repo/schemas/testing')
  const dir = await scratchDir()
  return dir.write('dataset.ndjson', toNdjson(await dataset()))
}
