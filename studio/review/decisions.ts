/**
 * Every decision the Studio makes about clinical review — who may sign, whether Publish is allowed,
 * what a disabled button says, which badge an article carries — as plain functions of plain data.
 * The action and badge components only gather that data with Sanity hooks and call these.
 */
import {
  isAllowedSigner,
  REVIEW_SIGNERS,
  type ReviewEvaluation,
  type ReviewPolicy,
  type ReviewSigners,
  reviewStatus,
} from '@repo/schemas/review'
import type {Article, ReviewerProfilesQueryResult, ReviewRequest} from '@repo/schemas/types'

/** The review state of a document as the Studio has worked it out so far. */
export type ReviewState =
  /** There is no document yet (a new, unsaved article). */
  | {state: 'none'}
  /** FAQs, reviewer and policy are still being fetched, or the hash is being computed. */
  | {state: 'loading'}
  | {state: 'error'; message: string}
  | {
      state: 'ready'
      evaluation: ReviewEvaluation
      policy: ReviewPolicy
      /** When the newest sign-off of the article was made, attested or not (answers a review request). */
      latestSignedAt?: string | undefined
    }

/** A clinical reviewer profile, as far as signing needs it (the content layer's `reviewerProfilesQuery`). */
export type ReviewerProfile = ReviewerProfilesQueryResult[number]

/** The logged-in Studio user. */
export interface StudioUser {
  id: string
  name?: string | null | undefined
}

/** The review request an editor recorded on the article. */
export type ReviewRequestRecord = Omit<ReviewRequest, '_type'>

/**
 * The review-related fields of an article (draft or published). Sign-offs are their own documents
 * (`clinicalSignoff`): whether one holds is the shared rules' decision (`ReviewState`).
 */
export type ArticleReviewFields = Partial<Pick<Article, 'requiresClinicalReview' | 'reviewRequest'>>

/** What an action button should look like; `hidden` actions are not offered at all. */
export type ActionDecision = {hidden: true; reason: string} | {hidden: false; disabled: boolean; title: string}

/** Whether the user may sign off, and as which reviewer. */
export type Signer =
  | {canSign: true; reviewer: ReviewerProfile}
  /** `offered`: show the action, disabled, because the user looks like a clinician who is not linked. */
  | {canSign: false; offered: boolean; reason: string}

/**
 * Decides who the user signs as. Identity is the only gate (custom roles are an Enterprise
 * feature): the user's Sanity ID must be listed for exactly one published reviewer profile in the
 * repository's signers file (`schemas/review-signers.json`), which no Studio edit can change.
 * A user whose name matches a reviewer they are not linked to is almost always a clinician
 * whose link is missing, so they are shown why instead of seeing nothing.
 */
export function whoMaySign(
  user: StudioUser | null | undefined,
  reviewers: readonly ReviewerProfile[],
  signers: ReviewSigners = REVIEW_SIGNERS,
): Signer {
  if (!user) return {canSign: false, offered: false, reason: 'Log in to sign off clinical reviews.'}
  const linked = reviewers.filter((reviewer) => isAllowedSigner(user.id, reviewer._id, signers))
  const [only] = linked
  if (only && linked.length === 1) return {canSign: true, reviewer: only}
  if (linked.length > 1) {
    return {
      canSign: false,
      offered: true,
      reason: `Your Studio user (${user.id}) is listed for more than one reviewer profile (${linked.map(displayName).join(', ')}) in the repository’s signers file (schemas/review-signers.json). It must be listed for exactly one.`,
    }
  }
  const userName = normaliseName(user.name)
  const namesake = userName ? reviewers.find((reviewer) => normaliseName(reviewer.name) === userName) : undefined
  if (namesake) {
    return {
      canSign: false,
      offered: true,
      reason: `Your Studio user (${user.id}) is not linked to the reviewer profile “${displayName(namesake)}”. Ask the site’s maintainers to add this ID for ${namesake._id} in the repository’s signers file (schemas/review-signers.json).`,
    }
  }
  return {
    canSign: false,
    offered: false,
    reason: `Only clinicians listed in the repository’s signers file can sign off; your Studio user (${user.id}) is not listed for any reviewer profile.`,
  }
}

/** Input of {@link signOffDecision}. */
export interface SignOffInput {
  /** Undefined while the reviewer profiles are loading. */
  signer: Signer | undefined
  article: ArticleReviewFields | null | undefined
  hasValidationErrors: boolean
  /** True while the Studio is still validating the document (it has no verdict yet). */
  validating: boolean
  review: ReviewState
  now: Date
}

/**
 * Whether "Sign off clinical review" is offered and enabled. Hidden from everyone who cannot
 * sign; disabled, saying why, for a signer while the sign-off would be wrong or pointless.
 */
export function signOffDecision({
  signer,
  article,
  hasValidationErrors,
  validating,
  review,
  now,
}: SignOffInput): ActionDecision {
  if (!signer) return {hidden: true, reason: 'Checking whether you can sign off…'}
  if (!signer.canSign) {
    return signer.offered
      ? {hidden: false, disabled: true, title: signer.reason}
      : {hidden: true, reason: signer.reason}
  }
  const disabled = (title: string): ActionDecision => ({hidden: false, disabled: true, title})
  if (!article) return disabled('Write the article before signing it off.')
  if (article.requiresClinicalReview === false)
    return disabled('This article is marked as not needing clinical review.')
  if (hasValidationErrors) {
    return disabled('Fix the validation errors first: a clinician signs off complete content only.')
  }
  // Until validation has a verdict, "no errors" only means "none found yet".
  if (validating) return disabled('Checking the article for validation errors…')
  if (review.state === 'error') return disabled(`The clinical review could not be checked (${review.message}).`)
  const licence = licenceProblem(signer.reviewer, review.state === 'ready' ? review.policy : undefined, now)
  if (licence) return disabled(licence)
  if (review.state === 'ready' && review.evaluation.signoffProblem === 'unattested') {
    return disabled(
      'A sign-off of this article is waiting for its attestation, which normally arrives within seconds. If it does not, ask the site’s maintainers to run `pnpm attestor:pending`.',
    )
  }
  if (review.state === 'ready' && review.evaluation.status === 'valid' && !review.evaluation.expiringSoon) {
    return disabled(
      `Already signed off for this exact content on ${day(review.evaluation.reviewedAt)}; valid until ${day(review.evaluation.expiresAt)}.`,
    )
  }
  return {hidden: false, disabled: false, title: `Sign off as ${displayName(signer.reviewer)}`}
}

/**
 * Why a sign-off by this reviewer would not count (their licence has lapsed), by asking the
 * shared rules about a hypothetical sign-off made now, so the Studio never drifts from the site.
 */
function licenceProblem(reviewer: ReviewerProfile, policy: ReviewPolicy | undefined, now: Date): string | undefined {
  const hypothetical = reviewStatus(
    {
      currentContentHash: 'now',
      clinicalReview: {reviewer: {_ref: reviewer._id}, reviewedAt: now.toISOString(), contentHash: 'now'},
    },
    reviewer,
    policy ?? {validityMonths: 1, warningDays: 0},
    now,
  )
  if (hypothetical.status !== 'reviewer-unverified') return undefined
  return `The licence on your reviewer profile expired on ${hypothetical.licenceExpiredOn ?? 'an earlier date'}, so the site would not show your sign-off. Update the licence on the profile first.`
}

/** Input of {@link publishDecision}. */
export interface PublishInput {
  /** The content being published: the draft (or release version), else the published document. */
  article: ArticleReviewFields | null | undefined
  review: ReviewState
}

/**
 * Whether Publish is allowed by the review rules: for an article that requires review, only
 * when the content being published has a `valid` review. The title says exactly why not.
 */
export function publishDecision({article, review}: PublishInput): {disabled: false} | {disabled: true; title: string} {
  if (!article || article.requiresClinicalReview === false) return {disabled: false}
  switch (review.state) {
    case 'none':
      return {disabled: false}
    case 'loading':
      return {disabled: true, title: 'Checking the clinical review…'}
    case 'error':
      return {disabled: true, title: `Cannot publish: the clinical review could not be checked (${review.message}).`}
  }
  const {evaluation} = review
  switch (evaluation.status) {
    case 'valid':
    case 'not-required':
      return {disabled: false}
    case 'missing':
      return {
        disabled: true,
        title: 'Cannot publish: this article needs a clinical sign-off and has none. Request a clinical review.',
      }
    case 'stale':
      return {
        disabled: true,
        title: `Cannot publish: the review is stale — the content changed after the sign-off of ${day(evaluation.reviewedAt)}. A clinician must sign off this version.`,
      }
    case 'expired':
      return {
        disabled: true,
        title: `Cannot publish: the clinical review expired on ${day(evaluation.expiresAt)}. A clinician must review the article again.`,
      }
    case 'reviewer-unverified':
      return {
        disabled: true,
        title: evaluation.licenceExpiredOn
          ? `Cannot publish: the reviewer is unverified — their licence expired on ${evaluation.licenceExpiredOn}.`
          : 'Cannot publish: the reviewer is unverified — the reviewer profile that signed off no longer exists.',
      }
    case 'unverified':
      return {
        disabled: true,
        title:
          evaluation.signoffProblem === 'unattested'
            ? 'Cannot publish yet: the sign-off is waiting for its attestation, which normally arrives within seconds.'
            : `Cannot publish: the sign-off cannot be trusted. ${evaluation.reason}`,
      }
  }
}

/**
 * True while a review has been requested and nobody has signed off since. A sign-off at the
 * same instant as the request counts as answering it.
 */
export function isAwaitingReview(article: ArticleReviewFields | null | undefined, review?: ReviewState): boolean {
  const requestedAt = instant(article?.reviewRequest?.requestedAt)
  if (requestedAt === undefined) return false
  const reviewedAt = instant(review?.state === 'ready' ? review.latestSignedAt : undefined)
  return reviewedAt === undefined || reviewedAt < requestedAt
}

/** Input of {@link requestReviewDecision}. */
export interface RequestReviewInput {
  article: ArticleReviewFields | null | undefined
  review: ReviewState
}

/**
 * Whether "Request clinical review" is offered. Hidden when there is nothing to ask for (review
 * not required, or a valid review that is not about to expire), so Publish stays the main button.
 */
export function requestReviewDecision({article, review}: RequestReviewInput): ActionDecision & {label?: string} {
  if (!article) return {hidden: false, disabled: true, title: 'Write the article before requesting a review.'}
  if (article.requiresClinicalReview === false) {
    return {hidden: true, reason: 'This article is marked as not needing clinical review.'}
  }
  if (isAwaitingReview(article, review)) {
    const request = article.reviewRequest
    const who = request?.requestedByName || request?.requestedBy || 'someone'
    return {
      hidden: false,
      disabled: true,
      label: 'Review requested',
      title: `Review already requested by ${who} on ${day(request?.requestedAt ?? undefined)}; waiting for a clinician to sign off.`,
    }
  }
  if (review.state === 'ready' && review.evaluation.status === 'valid' && !review.evaluation.expiringSoon) {
    return {hidden: true, reason: review.evaluation.reason}
  }
  return {hidden: false, disabled: false, title: 'Ask a clinician to review and sign off this article.'}
}

/** A document badge, as Sanity's `DocumentBadgeDescription` takes it. */
export interface BadgeDecision {
  label: string
  title: string
  color: 'primary' | 'success' | 'warning' | 'danger'
}

/** The badge for the review status of the content shown in the editor (draft, else published). */
export function reviewStatusBadge(review: ReviewState): BadgeDecision | null {
  if (review.state !== 'ready') return null
  const {evaluation} = review
  switch (evaluation.status) {
    case 'not-required':
      return null
    case 'missing':
      return {label: 'Not reviewed', color: 'danger', title: evaluation.reason}
    case 'stale':
      return {label: 'Review stale', color: 'warning', title: evaluation.reason}
    case 'expired':
      return {label: 'Review expired', color: 'danger', title: evaluation.reason}
    case 'reviewer-unverified':
      return {label: 'Reviewer unverified', color: 'danger', title: evaluation.reason}
    case 'unverified':
      return evaluation.signoffProblem === 'unattested'
        ? {label: 'Awaiting attestation', color: 'warning', title: evaluation.reason}
        : {label: 'Sign-off not trusted', color: 'danger', title: evaluation.reason}
    case 'valid':
      return evaluation.expiringSoon
        ? {label: expiresIn(evaluation.daysUntilExpiry ?? 0), color: 'warning', title: evaluation.reason}
        : {label: `Reviewed ${day(evaluation.reviewedAt)}`, color: 'success', title: evaluation.reason}
  }
}

/** The "Awaiting review" badge, shown next to the status badge while a request is open. */
export function awaitingReviewBadge(
  article: ArticleReviewFields | null | undefined,
  review?: ReviewState,
): BadgeDecision | null {
  if (!isAwaitingReview(article, review)) return null
  const request = article?.reviewRequest
  const who = request?.requestedByName || request?.requestedBy || 'an editor'
  const note = request?.note ? `: “${request.note}”` : ''
  return {
    label: 'Awaiting review',
    color: 'primary',
    title: `Requested by ${who} on ${day(request?.requestedAt ?? undefined)}${note}`,
  }
}

/** `daysUntilExpiry` counts whole days, so 0 means less than a day is left. */
function expiresIn(days: number): string {
  if (days <= 0) return 'Expires within a day'
  return days === 1 ? 'Expires in 1 day' : `Expires in ${days} days`
}

/** The reviewer as the dialog and messages name them: “Dr. Kate Smith, PsyD”. */
export function displayName(reviewer: ReviewerProfile): string {
  const name = reviewer.name?.trim() || reviewer._id
  return reviewer.credentials ? `${name}, ${reviewer.credentials}` : name
}

/** Names compared loosely: case, punctuation, a leading “Dr” and credentials after a comma are ignored. */
function normaliseName(name: string | null | undefined): string {
  const [beforeComma = ''] = (name ?? '').split(',')
  return beforeComma
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/^\s*dr\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The calendar day (UTC) of an ISO instant, as every review message shows dates. */
export function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'an unknown date'
}

function instant(value: string | null | undefined): number | undefined {
  if (!value) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}
