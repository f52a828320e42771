import {DEFAULT_REVIEW_POLICY} from '@repo/schemas/review'
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {describe, expect, it} from 'vitest'
import {ARTICLE_REVIEW_LISTS, articleListFilter, articleListParams} from '../structure/articleLists.ts'
import {article, reviewRequest} from './fixtures.ts'

const NOW = new Date('2026-12-01T00:00:00Z')

/** A sign-off of the article `id` (by its published ID) made at `at`. */
const signoff = (id: string, at: string): DatasetDocument => ({
  _id: `clinicalSignoff-${id}-${at}`,
  _type: 'clinicalSignoff',
  article: {_type: 'reference', _ref: id.replace(/^drafts\./, ''), _weak: true},
  reviewer: {_type: 'reference', _ref: 'clinicalReviewer-kate-smith'},
  signedAt: at,
  contentHash: 'h',
})
const reviewedAt = (id: string, overrides: Record<string, unknown> = {}) => article({_id: id, ...overrides})

/** One article per situation the lists tell apart, as of 2026-12-01 under a 12-month policy warned 30 days ahead. */
const DATASET: DatasetDocument[] = [
  signoff('fresh', '2026-11-01T09:00:00Z'),
  signoff('expiring', '2025-12-15T09:00:00Z'),
  signoff('expired', '2025-11-15T09:00:00Z'),
  signoff('awaiting', '2026-11-01T09:00:00Z'),
  signoff('answered', '2026-11-01T09:00:00Z'),
  signoff('signed-in-draft', '2026-11-30T09:00:00Z'),
  reviewedAt('fresh'),
  reviewedAt('expiring'),
  reviewedAt('expired'),
  article({_id: 'never'}),
  article({_id: 'drafts.draft-only'}),
  article({_id: 'not-required', requiresClinicalReview: false}),
  reviewedAt('awaiting', {reviewRequest: reviewRequest({requestedAt: '2026-11-20T10:00:00Z'})}),
  article({_id: 'awaiting-first', reviewRequest: reviewRequest({requestedAt: '2026-11-25T10:00:00Z'})}),
  reviewedAt('answered', {reviewRequest: reviewRequest({requestedAt: '2026-10-01T10:00:00Z'})}),
  article({_id: 'signed-in-draft'}),
  article({_id: 'drafts.signed-in-draft'}),
  {_id: 'faq-1', _type: 'faq', question: 'Not an article'},
]

async function listIds(id: string, documents = DATASET, params = articleListParams(DEFAULT_REVIEW_POLICY, NOW)) {
  const list = ARTICLE_REVIEW_LISTS.find((candidate) => candidate.id === id)
  if (!list) throw new Error(`No list ${id}`)
  if (list.publishedIdsQuery) {
    const ids = (await createDatasetClient(documents).fetch(list.publishedIdsQuery, {...params})) as string[]
    const shown = (await createDatasetClient(documents).fetch(`*[${articleListFilter(list)}]._id`, {ids})) as string[]
    return shown.sort()
  }
  const query = `*[${articleListFilter(list)}]._id`
  const ids = (await createDatasetClient(documents).fetch(query, {...params})) as string[]
  return ids.sort()
}

describe('the article review lists', () => {
  it('are the lists the issue asks for, in working order', () => {
    expect(ARTICLE_REVIEW_LISTS.map((list) => list.title)).toEqual([
      'Awaiting review',
      'Review expiring soon',
      'Review expired',
      'Never reviewed',
      'Published without required review',
    ])
  })

  it('compute their dates from the policy, in calendar months', () => {
    expect(articleListParams(DEFAULT_REVIEW_POLICY, NOW)).toEqual({
      expiredBefore: '2025-12-01T00:00:00.000Z',
      expiringBefore: '2025-12-31T00:00:00.000Z',
    })
    expect(articleListParams({validityMonths: 6, warningDays: 14}, NOW)).toEqual({
      expiredBefore: '2026-06-01T00:00:00.000Z',
      expiringBefore: '2026-06-15T00:00:00.000Z',
    })
  })

  it('“Awaiting review” holds articles requested and not signed off since', async () => {
    expect(await listIds('awaiting-review')).toEqual(['awaiting', 'awaiting-first'])
  })

  it('“Review expiring soon” holds sign-offs inside the warning window only', async () => {
    expect(await listIds('review-expiring')).toEqual(['expiring'])
  })

  it('“Review expired” holds sign-offs older than the policy allows', async () => {
    expect(await listIds('review-expired')).toEqual(['expired'])
  })

  it('follows a shorter policy from Settings', async () => {
    const sixMonths = articleListParams({validityMonths: 6, warningDays: 14}, NOW)
    expect(await listIds('review-expired', DATASET, sixMonths)).toEqual(['expired', 'expiring'])
  })

  it('“Never reviewed” holds articles needing review with no sign-off, drafts included', async () => {
    expect(await listIds('never-reviewed')).toEqual(['awaiting-first', 'drafts.draft-only', 'never'])
  })

  it('counts a sign-off made while the article was a draft for the draft and the published article alike', async () => {
    expect(await listIds('never-reviewed')).not.toContain('drafts.signed-in-draft')
    expect(await listIds('published-without-review')).not.toContain('signed-in-draft')
  })

  it('“Published without required review” judges the published documents only', async () => {
    expect(await listIds('published-without-review')).toEqual(['awaiting-first', 'expired', 'never'])
  })

  it('each say what they approximate', () => {
    const published = ARTICLE_REVIEW_LISTS.find((list) => list.id === 'published-without-review')
    expect(published?.description).toContain('GROQ cannot compute the content hash')
    for (const list of ARTICLE_REVIEW_LISTS) expect(list.description.length).toBeGreaterThan(20)
  })
})
