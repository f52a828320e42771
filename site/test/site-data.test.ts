import {
  buildSiteContent,
  ContentError,
  createLocalSource,
  fetchRawContent,
  type SiteContent,
  type StoredDocument,
} from '@repo/schemas/content'
import {clinicalContentHash} from '@repo/schemas/review'
import {safeExternalHref} from '@repo/schemas/rules'
import {attestWith, newAttestorKey, reference, signoffDocument, testTrust} from '@repo/schemas/testing'
import {describe, expect, it} from 'vitest'
import {printReviewReport, ReviewStrictError} from '../src/data/review-report.ts'
import {formatRangeWithUnit} from '../src/lib/format.ts'
import {headingOutline} from '../src/lib/portable-text.ts'
import {telHref} from '../src/lib/urls.ts'
import {textBlock} from './support/site-fixtures.ts'

const NOW = new Date('2026-12-01T00:00:00Z')
/** The attestor key these builds trust, and the signers file that lets `user-secret` sign as Dr. A. */
const KEY = newAttestorKey()
const TRUST = testTrust([KEY], {'clinicalReviewer-a': ['user-secret']})

const settings = (): StoredDocument => ({
  _id: 'siteSettings',
  _type: 'siteSettings',
  organizationName: 'Test Clinic',
  phone: '617.555.0100',
  crisisLines: [{_key: '988', _type: 'crisisLine', name: '988 Lifeline', phone: '988', text: true}],
  medicalDisclaimer: 'Not medical advice.',
  reviewPolicy: {_type: 'reviewPolicy', validityMonths: 12, warningDays: 30},
})

const reviewer = (fields: Record<string, unknown> = {}): StoredDocument => ({
  _id: 'clinicalReviewer-a',
  _type: 'clinicalReviewer',
  name: 'Dr. A',
  slug: {_type: 'slug', current: 'dr-a'},
  credentials: 'PsyD',
  ...fields,
})

const faq = (id: string, question: string): StoredDocument => ({
  _id: id,
  _type: 'faq',
  question,
  answer: [textBlock(`${id}-a`, [{text: `Answer to ${question}`}])],
  topics: ['programs'],
})

/** An article whose body embeds `faq-1`, signed off at `reviewedAt` for the content it has now. */
async function signedArticle(
  faqs: readonly StoredDocument[],
  fields: Record<string, unknown> = {},
  reviewedAt = '2026-11-01T09:00:00Z',
): Promise<StoredDocument> {
  const content = {
    title: 'An article',
    excerpt: 'About treatment.',
    body: [
      textBlock('b1', [{text: 'Some clinical text.'}]),
      {_type: 'faqList', _key: 'f1', faqs: [{_key: 'r1', ...reference('faq-1')}]},
    ],
  }
  const hash = await clinicalContentHash(
    content,
    faqs.map((doc) => ({_id: doc._id, question: doc['question'] as string, answer: doc['answer']})),
  )
  return {
    _id: 'article-1',
    _type: 'article',
    slug: {_type: 'slug', current: 'an-article'},
    publishedAt: '2026-11-01T09:00:00Z',
    category: 'recovery',
    requiresClinicalReview: true,
    ...content,
    clinicalReview: {
      _type: 'clinicalReview',
      reviewer: reference('clinicalReviewer-a'),
      reviewedAt,
      contentHash: hash,
      signedBy: 'user-secret',
    },
    ...fields,
  }
}

/**
 * The documents as stored: the fixture articles carry their sign-off inline (`clinicalReview`) for
 * brevity; stored, each is its own `clinicalSignoff`, attested as the attestor attests it.
 */
function asStored(documents: readonly StoredDocument[]): StoredDocument[] {
  return documents.flatMap((doc) => {
    const {clinicalReview: review, ...article} = doc as StoredDocument & {
      clinicalReview?: Record<string, unknown> | null
    }
    if (doc._type !== 'article' || review === undefined) return [doc]
    if (!review) return [article]
    const signoff = signoffDocument({
      articleId: doc._id,
      contentHash: String(review['contentHash']),
      reviewerId: (review['reviewer'] as {_ref: string})._ref,
      signer: String(review['signedBy']),
      signedAt: String(review['reviewedAt']),
    })
    return [article, attestWith(signoff, KEY)]
  })
}

async function contentOf(documents: readonly StoredDocument[], now = NOW): Promise<SiteContent> {
  return buildSiteContent(await fetchRawContent(createLocalSource(asStored(documents))), now, TRUST)
}

describe('the site’s content', () => {
  it('names the reviewer of an article whose sign-off holds for its current content', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const content = await contentOf([settings(), reviewer(), ...faqs, await signedArticle(faqs)])
    const [entry] = content.articles
    expect(entry?.review.status).toBe('valid')
    expect(entry?.reviewedBy?.reviewer.name).toBe('Dr. A')
    expect(content.reviewers[0]?.reviewedArticles).toEqual([entry])
  })

  it('claims no review once the article’s text, or an FAQ it embeds, has changed', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const edited = {...(await signedArticle(faqs)), title: 'An edited article'}
    const faqEdited = [faq('faq-1', 'How long, really?')]
    for (const documents of [
      [settings(), reviewer(), ...faqs, edited],
      [settings(), reviewer(), ...faqEdited, await signedArticle(faqs)],
    ]) {
      const [entry] = (await contentOf(documents)).articles
      expect(entry?.review.status).toBe('stale')
      expect(entry?.reviewedBy).toBeUndefined()
    }
  })

  it('claims no review when it has expired, the reviewer’s licence has lapsed, or nobody signed', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const cases: Array<[string, StoredDocument[]]> = [
      ['expired', [settings(), reviewer(), ...faqs, await signedArticle(faqs, {}, '2025-11-01T09:00:00Z')]],
      [
        'reviewer-unverified',
        [
          settings(),
          reviewer({licence: {_type: 'licence', expiresAt: '2026-11-30'}}),
          ...faqs,
          await signedArticle(faqs),
        ],
      ],
      ['reviewer-unverified', [settings(), ...faqs, await signedArticle(faqs)]],
      ['missing', [settings(), reviewer(), ...faqs, {...(await signedArticle(faqs)), clinicalReview: null}]],
      ['not-required', [settings(), reviewer(), ...faqs, await signedArticle(faqs, {requiresClinicalReview: false})]],
    ]
    for (const [status, documents] of cases) {
      const [entry] = (await contentOf(documents)).articles
      expect(entry?.review.status, status).toBe(status)
      expect(entry?.reviewedBy, status).toBeUndefined()
    }
  })

  it('reads the signer only with the sign-offs it verifies, and never Studio user IDs or a private licence number', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const secret = reviewer({
      sanityUserIds: ['user-secret'],
      licence: {_type: 'licence', type: 'LADC I', number: 'number-secret', numberIsPublic: false},
    })
    const raw = await fetchRawContent(
      createLocalSource(asStored([settings(), secret, ...faqs, await signedArticle(faqs)])),
    )
    const {signoffs, ...rendered} = raw
    expect(signoffs.map((signoff) => signoff.signer)).toEqual(['user-secret'])
    expect(JSON.stringify(rendered)).not.toMatch(/user-secret|number-secret/)
    const content = await contentOf([settings(), secret, ...faqs, await signedArticle(faqs)])
    expect(JSON.stringify(content.articles[0]?.review)).not.toMatch(/user-secret/)
    const published = reviewer({licence: {_type: 'licence', type: 'LADC I', number: 'LIC-1', numberIsPublic: true}})
    const shown = await contentOf([settings(), published])
    expect(shown.reviewers[0]?.reviewer.licence?.number).toBe('LIC-1')
  })

  it('orders the continuum by position and links each level to its neighbours', async () => {
    const level = (id: string, position: number): StoredDocument => ({
      _id: id,
      _type: 'programLevel',
      name: id,
      slug: {_type: 'slug', current: id},
      continuumPosition: position,
      summary: id,
    })
    const content = await contentOf([settings(), level('iop', 4), level('detox', 1), level('php', 3)])
    expect(content.programLevels.map((entry) => entry.url)).toEqual([
      '/programs/detox/',
      '/programs/php/',
      '/programs/iop/',
    ])
    expect(content.programLevels[1]?.previous?.level.slug).toBe('detox')
    expect(content.programLevels[1]?.next?.level.slug).toBe('iop')
    expect(content.programLevels[0]?.previous).toBeUndefined()
  })

  it('follows references that form a cycle (a level offering a therapy offered at that level) once each, without looping', async () => {
    const content = await contentOf([
      settings(),
      {
        _id: 'programLevel-iop',
        _type: 'programLevel',
        name: 'IOP',
        slug: {_type: 'slug', current: 'iop'},
        continuumPosition: 4,
        summary: 'IOP',
        therapies: [{_key: 't', ...reference('therapy-cbt')}],
      },
      {
        _id: 'therapy-cbt',
        _type: 'therapy',
        name: 'CBT',
        slug: {_type: 'slug', current: 'cbt'},
        summary: 'CBT',
        programLevels: [{_key: 'l', ...reference('programLevel-iop')}],
      },
    ])
    const [level] = content.programLevels
    const [therapy] = content.therapies
    expect(level?.therapies.map((entry) => entry.url)).toEqual(['/therapies/cbt/'])
    expect(therapy?.programLevels.map((entry) => entry.url)).toEqual(['/programs/iop/'])
    expect(level?.therapies[0]?.programLevels[0]).toBe(level)
  })

  it('finds the page of every linkable document, and none for a missing one', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const content = await contentOf([settings(), reviewer(), ...faqs, await signedArticle(faqs)])
    expect(content.linkTarget('article-1')).toBe('/blog/an-article/')
    expect(content.linkTarget('drafts.article-1')).toBe('/blog/an-article/')
    expect(content.linkTarget('faq-1')).toBe('/faq/#q-faq-1')
    expect(content.linkTarget('clinicalReviewer-a')).toBe('/reviewers/dr-a/')
    expect(content.linkTarget('article-gone')).toBeUndefined()
  })

  it('stops, naming each document and field, on missing settings, duplicate or unsafe slugs', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const article = await signedArticle(faqs)
    const twin = {...article, _id: 'article-2'}
    const unsafe = {...article, _id: 'article-3', slug: {_type: 'slug', current: '../etc'}}
    const error = await contentOf([reviewer(), ...faqs, article, twin, unsafe]).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContentError)
    expect((error as ContentError).problems).toEqual([
      'siteSettings: the settings document (`_id` "siteSettings") is missing.',
      'article-2 (article) slug.current: "an-article" is also the slug of article-1.',
      'article-3 (article) slug.current: "../etc" is not a safe URL segment (lower-case letters, digits and single hyphens, at most 96 characters).',
    ])
  })
})

describe('the review report', () => {
  it('counts articles by status and names each that cannot show its review, with why', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const content = await contentOf([
      settings(),
      reviewer(),
      ...faqs,
      {...(await signedArticle(faqs)), title: 'Edited'},
    ])
    const lines: string[] = []
    printReviewReport(content, {strict: false, log: (line) => lines.push(line)})
    expect(lines).toEqual([
      '[review] Clinical review report at 2026-12-01T00:00:00.000Z: 1 article (valid 0, missing 0, stale 1, expired 0, reviewer-unverified 0, unverified 0, not-required 0)',
      '[review]   stale               an-article: The content changed after the sign-off of 2026-11-01 (hash mismatch).',
      '[review] Next review claim change: none (no article shows a review claim).',
    ])
    expect(() => printReviewReport(content, {strict: true, log: () => {}})).toThrow(ReviewStrictError)
  })

  it('names the next review claim to lapse: the earliest review expiry among the claims it shows', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const later = await signedArticle(faqs, {}, '2026-11-01T09:00:00Z')
    const sooner = {
      ...(await signedArticle(faqs, {}, '2026-02-14T12:30:00Z')),
      _id: 'article-2',
      slug: {_type: 'slug', current: 'signed-in-february'},
    }
    const content = await contentOf([settings(), reviewer(), ...faqs, later, sooner])
    const lines: string[] = []
    printReviewReport(content, {strict: false, log: (line) => lines.push(line)})
    expect(lines.at(-1)).toBe(
      '[review] Next review claim change: 2027-02-14T12:30:00.000Z (in 75 days): signed-in-february (review of 2026-02-14 expires). A build after then no longer shows that claim.',
    )
  })

  it('lets a strict build through when every article that needs review has a valid one', async () => {
    const faqs = [faq('faq-1', 'How long?')]
    const content = await contentOf([settings(), reviewer(), ...faqs, await signedArticle(faqs)])
    expect(() => printReviewReport(content, {strict: true, log: () => {}})).not.toThrow()
  })
})

describe('what pages write into links', () => {
  it('keeps only absolute http, https, mailto and tel addresses', () => {
    const kept = ['https://example.org/a?b#c', 'http://example.org/', 'mailto:help@example.org', 'tel:+16175550100']
    const refused = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//evil.example/',
      '/relative',
      'https:evil',
      '',
      undefined,
    ]
    expect(kept.map(safeExternalHref)).toEqual(kept)
    expect(refused.map(safeExternalHref)).toEqual(refused.map(() => undefined))
  })

  it('dials phone numbers as editors type them', () => {
    expect(['877.920.6583', '1-800-662-4357', '988', '+44 20 7946 0000'].map(telHref)).toEqual([
      'tel:+18779206583',
      'tel:+18006624357',
      'tel:988',
      'tel:+442079460000',
    ])
  })

  it('gives headings unique anchors that avoid the ids a page already uses', () => {
    const body = [
      textBlock('a', [{text: 'Sources'}], [], 'h2'),
      textBlock('b', [{text: 'Why IOP?'}], [], 'h2'),
      textBlock('c', [{text: 'Why IOP?'}], [], 'h3'),
      textBlock('d', [{text: 'Not a heading'}]),
    ]
    expect(headingOutline(body, ['sources']).map(({id, level}) => [id, level])).toEqual([
      ['sources-2', 2],
      ['why-iop', 2],
      ['why-iop-2', 3],
    ])
  })

  it('reads ranges the way the program facts show them', () => {
    expect(formatRangeWithUnit({min: 9, max: 15}, 'hour')).toBe('9–15 hours')
    expect(formatRangeWithUnit({min: 1, max: 1}, 'day')).toBe('1 day')
    expect(formatRangeWithUnit({min: null, max: null}, 'week')).toBeUndefined()
  })
})
