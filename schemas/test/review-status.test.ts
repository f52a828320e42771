import {describe, expect, it} from 'vitest'
import {addMonths, claimEndsAt, DEFAULT_REVIEW_POLICY, type ReviewSubject, reviewStatus} from '../src/review/index.ts'

const HASH = 'sha256:aaaa'
const policy = DEFAULT_REVIEW_POLICY // 12 months, warn 30 days before
const reviewer = {_id: 'reviewer-1'}

function signed(overrides: Partial<ReviewSubject> = {}): ReviewSubject {
  return {
    requiresClinicalReview: true,
    clinicalReview: {reviewer: {_ref: 'reviewer-1'}, reviewedAt: '2026-01-15T10:00:00.000Z', contentHash: HASH},
    currentContentHash: HASH,
    ...overrides,
  }
}
const at = (iso: string) => new Date(iso)

describe('the review status of an article', () => {
  it('is valid when signed for this content, within the policy, by a reviewer in good standing', () => {
    const result = reviewStatus(signed(), reviewer, policy, at('2026-06-01T00:00:00Z'))
    expect(result).toMatchObject({status: 'valid', expiringSoon: false, expiresAt: '2027-01-15T10:00:00.000Z'})
  })

  it('is not-required when editors marked the article as needing no review', () => {
    expect(reviewStatus(signed({requiresClinicalReview: false}), reviewer, policy, at('2026-06-01')).status).toBe(
      'not-required',
    )
  })

  it('is missing when nobody signed', () => {
    expect(reviewStatus(signed({clinicalReview: null}), reviewer, policy, at('2026-06-01')).status).toBe('missing')
    expect(
      reviewStatus(signed({clinicalReview: {reviewer: {_ref: 'reviewer-1'}}}), reviewer, policy, at('2026-06-01'))
        .status,
    ).toBe('missing')
  })

  it('is stale when the content changed after the sign-off', () => {
    const result = reviewStatus(signed({currentContentHash: 'sha256:bbbb'}), reviewer, policy, at('2026-06-01'))
    expect(result.status).toBe('stale')
    expect(result.reason).toContain('2026-01-15')
  })

  it('is reviewer-unverified when the reviewer document is gone', () => {
    expect(reviewStatus(signed(), null, policy, at('2026-06-01')).status).toBe('reviewer-unverified')
  })

  it('is reviewer-unverified from the day after the licence expiry date, not on it', () => {
    const licensed = {...reviewer, licence: {expiresAt: '2026-05-31'}}
    expect(reviewStatus(signed(), licensed, policy, at('2026-05-31T23:59:59Z')).status).toBe('valid')
    const lapsed = reviewStatus(signed(), licensed, policy, at('2026-06-01T00:00:00Z'))
    expect(lapsed).toMatchObject({status: 'reviewer-unverified', licenceExpiredOn: '2026-05-31'})
  })

  it('expires exactly at the end of the validity period', () => {
    expect(reviewStatus(signed(), reviewer, policy, at('2027-01-15T09:59:59.999Z')).status).toBe('valid')
    const expired = reviewStatus(signed(), reviewer, policy, at('2027-01-15T10:00:00.000Z'))
    expect(expired).toMatchObject({status: 'expired', daysUntilExpiry: 0})
    expect(expired.reason).toContain('2027-01-15')
  })

  it('warns within the policy’s warning window before expiry', () => {
    const before = reviewStatus(signed(), reviewer, policy, at('2026-12-16T09:59:59Z'))
    expect(before).toMatchObject({status: 'valid', expiringSoon: false})
    const inside = reviewStatus(signed(), reviewer, policy, at('2026-12-16T10:00:00Z'))
    expect(inside).toMatchObject({status: 'valid', expiringSoon: true, daysUntilExpiry: 30})
  })

  it('follows a shorter policy set in site settings', () => {
    const result = reviewStatus(signed(), reviewer, {validityMonths: 6, warningDays: 14}, at('2026-07-15T10:00:00Z'))
    expect(result.status).toBe('expired')
  })

  it('counts months on the calendar, clamping to the end of shorter months', () => {
    expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z')
    expect(addMonths(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z')
  })
})

describe('when a valid review claim ends', () => {
  const now = at('2026-06-01T00:00:00Z')
  /** The status one millisecond before and at the instant `claimEndsAt` names. */
  const around = (subject: ReviewSubject, facts: typeof reviewer & {licence?: {expiresAt: string}}) => {
    const ends = claimEndsAt(reviewStatus(subject, facts, policy, now), facts)
    if (!ends) throw new Error('no end')
    return {
      ends: ends.toISOString(),
      before: reviewStatus(subject, facts, policy, new Date(ends.getTime() - 1)).status,
      at: reviewStatus(subject, facts, policy, ends).status,
    }
  }

  it('is the review’s expiry when the reviewer’s licence outlasts it', () => {
    expect(around(signed(), {...reviewer, licence: {expiresAt: '2028-01-01'}})).toEqual({
      ends: '2027-01-15T10:00:00.000Z',
      before: 'valid',
      at: 'expired',
    })
  })

  it('is the midnight after the licence expires when that comes first', () => {
    expect(around(signed(), {...reviewer, licence: {expiresAt: '2026-09-30'}})).toEqual({
      ends: '2026-10-01T00:00:00.000Z',
      before: 'valid',
      at: 'reviewer-unverified',
    })
  })

  it('does not exist for a review the site does not show', () => {
    const stale = reviewStatus(signed({currentContentHash: 'sha256:bbbb'}), reviewer, policy, now)
    expect(claimEndsAt(stale, reviewer)).toBeUndefined()
  })
})
