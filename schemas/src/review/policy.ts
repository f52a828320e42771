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
