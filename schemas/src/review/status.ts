import {publishedId} from '../ids.ts'
import type {SignoffProblem} from './attestation.ts'
import {clinicalContentHash, type EmbeddedFaq, type ReviewableContent} from './hash.ts'
import type {ReviewPolicy} from './policy.ts'

/**
 * What the site may say about an article's clinical review.
 * - `valid`: signed, content unchanged since, within the policy, reviewer in good standing.
 * - `missing`: the article requires review and nobody has signed it.
 * - `stale`: signed, but the vouched content has changed since (hash mismatch).
 * - `expired`: signed for this content, but longer ago than the policy allows.
 * - `reviewer-unverified`: the reviewer's document is missing or their licence has expired.
 * - `unverified`: there are sign-offs, but none this build can trust (unattested, signature invalid,
 *   signer not allowed, untrusted key): forged, or not attested yet.
 * - `not-required`: the article is marked as needing no clinical review.
 */
export type ReviewStatus =
  | 'valid'
  | 'missing'
  | 'stale'
  | 'expired'
  | 'reviewer-unverified'
  | 'unverified'
  | 'not-required'

export const REVIEW_STATUSES: readonly ReviewStatus[] = [
  'valid',
  'missing',
  'stale',
  'expired',
  'reviewer-unverified',
  'unverified',
  'not-required',
]

/** What the rules read of a sign-off that verified (see `inputs.ts`); tests build it directly. */
export interface ReviewRecord {
  reviewer?: {_ref: string} | null | undefined
  reviewedAt?: string | null | undefined
  contentHash?: string | null | undefined
}

/** The review-relevant part of an article, plus the hash of its current content. */
export interface ReviewSubject {
  requiresClinicalReview?: boolean | null | undefined
  clinicalReview?: ReviewRecord | null | undefined
  /** `clinicalContentHash` of the content as it is now. */
  currentContentHash: string
}

/** What the rules need to know of the reviewer who signed. */
export interface ReviewerFacts {
  _id: string
  licence?: {expiresAt?: string | null | undefined} | null | undefined
}

/** The outcome, with the dates that explain it. Dates are ISO 8601 strings. */
export interface ReviewEvaluation {
  status: ReviewStatus
  reviewedAt?: string
  /** The instant the review lapses under the policy. */
  expiresAt?: string
  /** From this instant the Studio warns that the review is about to lapse. */
  warnFrom?: string
  /** Whole days from `now` until `expiresAt` (negative once expired). */
  daysUntilExpiry?: number
  /** True while a valid review is inside the policy's warning window. */
  expiringSoon: boolean
  /** The last day the reviewer's licence was valid, when that is why the review is not shown. */
  licenceExpiredOn?: string
  /** One sentence for editors, the build report and the Publish button's title. */
  reason: string
  /** The `clinicalSignoff` the status rests on: the one that verified, or the newest that did not. */
  signoffId?: string
  /** The reviewer the verified sign-off names (published `_id`). */
  reviewerId?: string
  /** For `unverified`: why the newest sign-off carries no claim. */
  signoffProblem?: SignoffProblem
}

const DAY = 24 * 60 * 60 * 1000

/**
 * Decides the review status of an article. Pure and synchronous: the caller supplies the current
 * content hash, the reviewer document the sign-off references (or null), the policy and `now`.
 *
 * Boundaries: a review signed at instant T with a validity of M months expires at T + M calendar
 * months (clamped to the month's last day) and is `expired` from that instant on. A licence with
 * `expiresAt` D is good through the whole of day D (UTC) and lapsed from the next midnight.
 */
export function reviewStatus(
  article: ReviewSubject,
  reviewer: ReviewerFacts | null | undefined,
  policy: ReviewPolicy,
  now: Date,
): ReviewEvaluation {
  if (article.requiresClinicalReview === false) {
    return {
      status: 'not-required',
      expiringSoon: false,
      reason: 'This article is marked as not needing clinical review.',
    }
  }
  const record = article.clinicalReview
  const reviewedAt = parseInstant(record?.reviewedAt)
  if (!record || !reviewedAt || !record.contentHash || !record.reviewer?._ref) {
    return {status: 'missing', expiringSoon: false, reason: 'No clinician has signed off this article.'}
  }

  const expiresAt = addMonths(reviewedAt, policy.validityMonths)
  const warnFrom = new Date(expiresAt.getTime() - policy.warningDays * DAY)
  const dates = {
    reviewedAt: reviewedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    warnFrom: warnFrom.toISOString(),
    daysUntilExpiry: Math.floor((expiresAt.getTime() - now.getTime()) / DAY),
  }

  if (!reviewer || reviewer._id !== publishedId(record.reviewer._ref)) {
    return {
      ...dates,
      status: 'reviewer-unverified',
      expiringSoon: false,
      reason: 'The reviewer who signed no longer exists.',
    }
  }
  const licenceEnd = reviewer.licence?.expiresAt ? endOfUtcDay(reviewer.licence.expiresAt) : undefined
  if (licenceEnd && now.getTime() >= licenceEnd.getTime()) {
    const day = reviewer.licence?.expiresAt ?? ''
    return {
      ...dates,
      status: 'reviewer-unverified',
      expiringSoon: false,
      licenceExpiredOn: day,
      reason: `The reviewer’s licence expired on ${day}.`,
    }
  }
  if (record.contentHash !== article.currentContentHash) {
    return {
      ...dates,
      status: 'stale',
      expiringSoon: false,
      reason: `The content changed after the sign-off of ${dates.reviewedAt.slice(0, 10)} (hash mismatch).`,
    }
  }
  if (now.getTime() >= expiresAt.getTime()) {
    return {
      ...dates,
      status: 'expired',
      expiringSoon: false,
      reason: `The review expired on ${dates.expiresAt.slice(0, 10)}.`,
    }
  }
  const expiringSoon = now.getTime() >= warnFrom.getTime()
  return {
    ...dates,
    status: 'valid',
    expiringSoon,
    reason: expiringSoon
      ? `Reviewed ${dates.reviewedAt.slice(0, 10)}; expires in ${dates.daysUntilExpiry} days (${dates.expiresAt.slice(0, 10)}).`
      : `Reviewed ${dates.reviewedAt.slice(0, 10)}; valid until ${dates.expiresAt.slice(0, 10)}.`,
  }
}

/** An article as the Studio or a query holds it: vouched content plus its sign-off. */
export interface ReviewableArticle extends ReviewableContent {
  requiresClinicalReview?: boolean | null | undefined
  clinicalReview?: ReviewRecord | null | undefined
}

/** Hashes the article's current content, then decides its status. */
export async function evaluateReview(
  article: ReviewableArticle,
  embeddedFaqs: readonly EmbeddedFaq[],
  reviewer: ReviewerFacts | null | undefined,
  policy: ReviewPolicy,
  now: Date,
): Promise<ReviewEvaluation> {
  const currentContentHash = await clinicalContentHash(article, embeddedFaqs)
  return reviewStatus({...article, currentContentHash}, reviewer, policy, now)
}

/**
 * The instant a `valid` review stops being valid if nothing is edited: its expiry under the policy,
 * or the midnight (UTC) after the reviewer's licence expires, whichever comes first. Undefined for
 * any other status: a claim that is not shown cannot lapse. A build decides claims at one instant,
 * so this is when the next build must run for the site to stop showing it.
 */
export function claimEndsAt(
  review: Pick<ReviewEvaluation, 'status' | 'expiresAt'>,
  reviewer: ReviewerFacts | null | undefined,
): Date | undefined {
  if (review.status !== 'valid') return undefined
  const ends = [
    parseInstant(review.expiresAt),
    reviewer?.licence?.expiresAt ? endOfUtcDay(reviewer.licence.expiresAt) : undefined,
  ]
  const times = ends.filter((date): date is Date => date !== undefined).map((date) => date.getTime())
  return times.length > 0 ? new Date(Math.min(...times)) : undefined
}

/** `date` plus whole calendar months in UTC; the 31st plus one month is the last day of the next month. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime())
  const day = target.getUTCDate()
  target.setUTCDate(1)
  target.setUTCMonth(target.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target
}

function endOfUtcDay(day: string): Date | undefined {
  const start = parseInstant(`${day.slice(0, 10)}T00:00:00Z`)
  return start ? new Date(start.getTime() + DAY) : undefined
}

function parseInstant(value: string | null | undefined): Date | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}
