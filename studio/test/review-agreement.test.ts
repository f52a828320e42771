/**
 * The three places that judge a clinical review must never disagree: the site build (which claims
 * a review on the page), `pnpm validate` (which editors and CI run) and the Studio (whose Sign off
 * and Publish decisions start from the same facts). A few datasets hold an article for every
 * outcome; each consumer is asked the way it is used, with the repository's own signers and keys
 * files (the demo key counts: none of them is a live build).
 */
import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {buildSiteContent, createLocalSource, fetchRawContent, type StoredDocument} from '@repo/schemas/content'
import {clinicalContentHash, type ReviewStatus, reviewTrust} from '@repo/schemas/review'
import {attestWith, demoAttestorKey, signoffDocument} from '@repo/schemas/testing/signoffs'
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ArticleDocument} from '../review/article.ts'
import {evaluateArticle, fetchReviewFacts, type GroqClient, reviewFactsRequest} from '../review/facts.ts'
import {article, block, faq, faqList, REVIEWER_ID, reviewer, settings} from './fixtures.ts'

const run = promisify(execFile)
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const REVIEW_NOW = '2026-12-01T00:00:00Z'
const NOW = new Date(REVIEW_NOW)
/** A user `schemas/review-signers.json` lists for Dr. Kate Smith (the end-to-end tests' clinician). */
const LISTED_SIGNER = 'e2e-clinician'

type Doc = ArticleDocument & DatasetDocument

/** An article with its own id and slug. */
function articleNamed(id: string, overrides: Record<string, unknown> = {}): Doc {
  return {
    ...article({_id: id, slug: {_type: 'slug', current: id}, publishedAt: '2026-11-01T09:00:00Z'}),
    category: 'recovery',
    ...overrides,
  }
}

/** A sign-off of `doc`'s content as it is now, attested with the demo key unless told otherwise. */
async function signoffOf(
  doc: Doc,
  options: {signedAt?: string; signer?: string; reviewerRef?: string; attested?: boolean} = {},
): Promise<DatasetDocument> {
  const signoff = signoffDocument({
    articleId: doc._id,
    contentHash: await clinicalContentHash(doc, [faq()] as {_id: string}[]),
    reviewerId: options.reviewerRef ?? REVIEWER_ID,
    signer: options.signer ?? LISTED_SIGNER,
    signedAt: options.signedAt ?? '2026-11-01T09:00:00Z',
  })
  return (options.attested === false ? signoff : attestWith(signoff, demoAttestorKey())) as DatasetDocument
}

/** A dataset, and the status all three consumers must give each of its articles. */
interface Variant {
  name: string
  documents: DatasetDocument[]
  expected: Record<string, ReviewStatus>
}

async function variants(): Promise<Variant[]> {
  const valid = articleNamed('valid')
  const stale = articleNamed('stale')
  const expired = articleNamed('expired')
  const draftRef = articleNamed('reviewer-ref-to-draft')
  const unattested = articleNamed('unattested')
  const notListed = articleNamed('signer-not-listed')
  const staleNow = {...stale, body: [block('An edited sentence.'), faqList('faq-iop-length')]}
  const main: DatasetDocument[] = [
    settings({validityMonths: 12, warningDays: 30}),
    faq(),
    // The published FAQ is what counts; an unpublished rewording of it changes nothing.
    faq({_id: 'drafts.faq-iop-length', question: 'An unpublished rewording?'}),
    reviewer({slug: {_type: 'slug', current: 'kate-smith'}}),
    valid,
    await signoffOf(valid),
    staleNow,
    await signoffOf(stale),
    expired,
    await signoffOf(expired, {signedAt: '2025-11-15T09:00:00Z'}),
    articleNamed('missing'),
    articleNamed('not-required', {requiresClinicalReview: false}),
    // A reference made to the reviewer's draft means the reviewer: their published profile counts.
    draftRef,
    await signoffOf(draftRef, {reviewerRef: `drafts.${REVIEWER_ID}`}),
    unattested,
    await signoffOf(unattested, {attested: false}),
    notListed,
    await signoffOf(notListed, {signer: 'pSomeEditor'}),
  ]
  const lapsedArticle = articleNamed('reviewer-licence-lapsed')
  const draftOnlyArticle = articleNamed('reviewer-draft-only')
  return [
    {
      name: 'a reviewer in good standing',
      documents: main,
      expected: {
        valid: 'valid',
        stale: 'stale',
        expired: 'expired',
        missing: 'missing',
        'not-required': 'not-required',
        'reviewer-ref-to-draft': 'valid',
        unattested: 'unverified',
        'signer-not-listed': 'unverified',
      },
    },
    {
      name: 'a reviewer whose licence lapsed',
      documents: [
        settings(),
        faq(),
        reviewer({licence: {expiresAt: '2026-11-15'}}),
        lapsedArticle,
        await signoffOf(lapsedArticle),
      ],
      expected: {'reviewer-licence-lapsed': 'reviewer-unverified'},
    },
    {
      // A reviewer who exists only as a draft is nobody readers can see (as good as deleted).
      name: 'a reviewer who exists only as a draft',
      documents: [
        settings(),
        faq(),
        reviewer({_id: `drafts.${REVIEWER_ID}`}),
        draftOnlyArticle,
        await signoffOf(draftOnlyArticle),
      ],
      expected: {'reviewer-draft-only': 'reviewer-unverified'},
    },
  ]
}

describe('the site, pnpm validate and the Studio judge every review alike', () => {
  let dir: string
  let all: Variant[]

  beforeAll(async () => {
    all = await variants()
    dir = await mkdtemp(join(tmpdir(), 'review-agreement-'))
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  it('covers every review outcome', () => {
    expect(new Set(all.flatMap((variant) => Object.values(variant.expected)))).toEqual(
      new Set(['valid', 'stale', 'expired', 'missing', 'reviewer-unverified', 'unverified', 'not-required']),
    )
  })

  it('gives each article the same status on the site, in `pnpm validate` and in the Studio', async () => {
    for (const [index, {name, documents, expected}] of all.entries()) {
      const dataset = documents as StoredDocument[]
      // The site: the content layer's join, which the site's pages render from.
      const site = await buildSiteContent(await fetchRawContent(createLocalSource(dataset)), NOW)
      const siteStatus = new Map(site.articles.map((entry) => [entry.article._id, entry.review.status]))

      // `pnpm validate <file> --json`, as typed.
      const file = join(dir, `dataset-${index}.ndjson`)
      await writeFile(file, `${dataset.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
      const validated = await run(process.execPath, [join(REPO_ROOT, 'scripts/src/validate.ts'), file, '--json'], {
        cwd: REPO_ROOT,
        env: {...process.env, REVIEW_NOW},
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: {stdout?: string}) => ({stdout: error.stdout ?? ''}))
      const report = JSON.parse(validated.stdout) as {reviews: Array<{documentId: string; status: ReviewStatus}>}
      const validateStatus = new Map(report.reviews.map((review) => [review.documentId, review.status]))

      // The Studio: the facts its Sign off and Publish decisions fetch, evaluated as it evaluates them
      // (a Studio on the stand-in trusts the demo key, as these builds do).
      const client = createDatasetClient(documents) as unknown as GroqClient
      const studioStatus = new Map<string, ReviewStatus>()
      const articles = documents.filter((doc): doc is Doc => doc._type === 'article' && !doc._id.startsWith('drafts.'))
      for (const doc of articles) {
        const facts = await fetchReviewFacts(client, reviewFactsRequest(doc))
        studioStatus.set(doc._id, (await evaluateArticle(doc, facts, NOW, reviewTrust({live: false}))).status)
      }

      expect({name, site: Object.fromEntries(siteStatus)}).toEqual({name, site: expected})
      expect({name, validate: Object.fromEntries(validateStatus)}).toEqual({name, validate: expected})
      expect({name, studio: Object.fromEntries(studioStatus)}).toEqual({name, studio: expected})
    }
  })
})
