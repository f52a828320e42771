/**
 * The three places that judge a clinical review must never disagree: the site build (which claims
 * a review on the page), `pnpm validate` (which editors and CI run) and the Studio (whose Sign off
 * and Publish decisions start from the same facts). One dataset holds an article for every
 * outcome; each consumer is asked the way it is used.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {buildSiteContent, createLocalSource, fetchRawContent, type StoredDocument} from '@repo/schemas/content'
import type {ReviewStatus} from '@repo/schemas/review'
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ArticleDocument} from '../review/article.ts'
import {evaluateArticle, fetchReviewFacts, type GroqClient, reviewFactsRequest} from '../review/facts.ts'
import {article, block, faq, faqList, REVIEWER_ID, reviewer, settings, signed} from './fixtures.ts'

const run = promisify(execFile)
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const REVIEW_NOW = '2026-12-01T00:00:00Z'
const NOW = new Date(REVIEW_NOW)
const LAPSED_REVIEWER = 'clinicalReviewer-lapsed'
const DRAFT_ONLY_REVIEWER = 'clinicalReviewer-draft-only'

/** An article with its own id and slug, signed off as the fixture reviewer unless told otherwise. */
async function signedArticle(id: string, overrides: Record<string, unknown> = {}, reviewedAt?: string) {
  const content = article({_id: id, slug: {_type: 'slug', current: id}, publishedAt: '2026-11-01T09:00:00Z'})
  return {...(await signed(content, [faq()], reviewedAt)), category: 'recovery', ...overrides}
}

/** Every outcome, and the status all three consumers must give it. */
async function cases(): Promise<Array<{doc: ArticleDocument & DatasetDocument; expected: ReviewStatus}>> {
  const valid = await signedArticle('valid')
  const onDraftRef = await signedArticle('reviewer-ref-to-draft')
  const onDraftOnly = await signedArticle('reviewer-draft-only')
  const onLapsed = await signedArticle('reviewer-licence-lapsed')
  const onDeleted = await signedArticle('reviewer-deleted')
  const withReviewer = (doc: ArticleDocument & DatasetDocument, ref: string): ArticleDocument & DatasetDocument => ({
    ...doc,
    clinicalReview: {...doc.clinicalReview, reviewer: {_ref: ref}},
  })
  return [
    {doc: valid, expected: 'valid'},
    {
      doc: {...(await signedArticle('stale')), body: [block('An edited sentence.'), faqList('faq-iop-length')]},
      expected: 'stale',
    },
    {doc: await signedArticle('expired', {}, '2025-11-15T09:00:00Z'), expected: 'expired'},
    {doc: article({_id: 'missing', slug: {_type: 'slug', current: 'missing'}}), expected: 'missing'},
    {doc: withReviewer(onLapsed, LAPSED_REVIEWER), expected: 'reviewer-unverified'},
    {doc: withReviewer(onDeleted, 'clinicalReviewer-deleted'), expected: 'reviewer-unverified'},
    {
      doc: article({
        _id: 'not-required',
        slug: {_type: 'slug', current: 'not-required'},
        requiresClinicalReview: false,
      }),
      expected: 'not-required',
    },
    // A reference made to the reviewer's draft means the reviewer: their published profile counts.
    {doc: withReviewer(onDraftRef, `drafts.${REVIEWER_ID}`), expected: 'valid'},
    // A reviewer who exists only as a draft is nobody readers can see.
    {doc: withReviewer(onDraftOnly, `drafts.${DRAFT_ONLY_REVIEWER}`), expected: 'reviewer-unverified'},
  ]
}

describe('the site, pnpm validate and the Studio judge every review alike', () => {
  let dir: string
  let dataset: StoredDocument[]
  let articles: Array<ArticleDocument & DatasetDocument>
  let expected: Map<string, ReviewStatus>

  beforeAll(async () => {
    const outcomes = await cases()
    expected = new Map(outcomes.map(({doc, expected: status}) => [doc._id, status]))
    articles = outcomes.map(({doc}) => doc)
    dataset = [
      settings({validityMonths: 12, warningDays: 30}),
      faq(),
      // The published FAQ is what counts; an unpublished rewording of it changes nothing.
      faq({_id: 'drafts.faq-iop-length', question: 'An unpublished rewording?'}),
      reviewer({slug: {_type: 'slug', current: 'kate-smith'}}),
      reviewer({_id: LAPSED_REVIEWER, name: 'Dr. Lapsed', licence: {expiresAt: '2026-11-15'}}),
      reviewer({_id: `drafts.${DRAFT_ONLY_REVIEWER}`, name: 'Dr. Draft'}),
      ...articles,
    ]
    dir = await mkdtemp(join(tmpdir(), 'review-agreement-'))
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  it('covers every review outcome', () => {
    expect(new Set(expected.values())).toEqual(
      new Set(['valid', 'stale', 'expired', 'missing', 'reviewer-unverified', 'not-required']),
    )
  })

  it('gives each article the same status on the site, in `pnpm validate` and in the Studio', async () => {
    // The site: the content layer's join, which the site's pages render from.
    const site = await buildSiteContent(await fetchRawContent(createLocalSource(dataset)), NOW)
    const siteStatus = new Map(site.articles.map((entry) => [entry.article._id, entry.review.status]))

    // `pnpm validate <file> --json`, as typed.
    const file = join(dir, 'dataset.ndjson')
    await writeFile(file, `${dataset.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
    const validated = await run(process.execPath, [join(REPO_ROOT, 'scripts/src/validate.ts'), file, '--json'], {
      cwd: REPO_ROOT,
      env: {...process.env, REVIEW_NOW},
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: {stdout?: string}) => ({stdout: error.stdout ?? ''}))
    const report = JSON.parse(validated.stdout) as {reviews: Array<{documentId: string; status: ReviewStatus}>}
    const validateStatus = new Map(report.reviews.map((review) => [review.documentId, review.status]))

    // The Studio: the facts its Sign off and Publish decisions fetch, evaluated as it evaluates them.
    const client = createDatasetClient(dataset as DatasetDocument[]) as unknown as GroqClient
    const studioStatus = new Map<string, ReviewStatus>()
    for (const doc of articles) {
      const facts = await fetchReviewFacts(client, reviewFactsRequest(doc))
      studioStatus.set(doc._id, (await evaluateArticle(doc, facts, NOW)).status)
    }

    expect(Object.fromEntries(siteStatus)).toEqual(Object.fromEntries(expected))
    expect(Object.fromEntries(validateStatus)).toEqual(Object.fromEntries(expected))
    expect(Object.fromEntries(studioStatus)).toEqual(Object.fromEntries(expected))
  })
})
