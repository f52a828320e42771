/** How long a sign-off lasts and how early the Studio warns; stored in site settings. */
export interface ReviewPolicy {
  /** Months after `reviewedAt` that a review stays valid. */
  validityMonths: number
  /** Days before expiry that the Studio starts warning. */
  warningDays: number
}

/** Used when site settings hold no policy: a yearly review, with a month's warning. */
export const DEFAULT_REVIEW_POLICY: Readonly<ReviewPolicy> = {validityMonths: 12, warningDays: 30}

/** The policy in force, filling unset values from the default. */
export function resolvePolicy(
  policy?: {validityMonths?: number | null; warningDays?: number | null} | null,
): ReviewPolicy {
  return {
    validityMonths: policy?.validityMonths ?? DEFAULT_REVIEW_POLICY.validityMonths,
    warningDays: policy?.warningDays ?? DEFAULT_REVIEW_POLICY.warningDays,
  }
}

/**
 * The instant review status is decided for: the ISO 8601 instant in `pinned` (`REVIEW_NOW`) when
 * set, so tests and reproducible builds never rot; otherwise the current time.
 */
export function reviewClock(pinned: string | undefined): Date {
  if (pinned === undefined || pinned === '') return new Date()
  const date = new Date(pinned)
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`REVIEW_NOW="${pinned}" is not an ISO 8601 instant (e.g. 2026-12-01T00:00:00Z).`)
  }
  return date
}
