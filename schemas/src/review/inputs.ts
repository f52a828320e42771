/**
 * What an article's review depends on besides the article itself, gathered one way for every
 * consumer — the site build, the preview, `pnpm validate`, the attestor and the Studio — and the
 * one function that turns it into a claim (or none).
 *
 * References are resolved through their published ID (`drafts.x` and `versions.r.x` mean `x`):
 * a review counts only against published documents, which are what readers see.
 */
import {publishedId} from '../ids.ts'
import {
  checkAttestation,
  type SignoffProblem,
  type SignoffRecord,
  signoffClaim,
  type VerifiedSignatures,
} from './attestation.ts'
import {clinicalContentHash, type EmbeddedFaq, embeddedFaqIds, type ReviewableContent} from './hash.ts'
import {type TrustedKeys, trustedKeys} from './keys.ts'
import type {ReviewPolicy} from './policy.ts'
import {isAllowedSigner, REVIEW_SIGNERS, type ReviewSigners} from './signers.ts'
import {type ReviewableArticle, type ReviewEvaluation, type ReviewerFacts, reviewStatus} from './status.ts'

/** The published documents an article's review reads: embedded FAQs and the article's sign-offs. */
export interface ReviewInputIds {
  /** Published ID of the article, which its sign-offs reference. */
  articleId: string
  /** Published IDs of the FAQs the body embeds, in order of first appearance. */
  faqIds: string[]
}

/** The documents those IDs resolved to; a missing FAQ or reviewer is simply absent. */
export interface ReviewInputs<Faq = EmbeddedFaq, Reviewer = ReviewerFacts> {
  faqs: Faq[]
  /** Every sign-off of the article, in any order. */
  signoffs: SignoffRecord[]
  /** The reviewers the sign-offs name. */
  reviewers: Reviewer[]
}

/** Who may sign as whom, and which attestation keys count: everything a claim is verified against. */
export interface ReviewTrust {
  signers: ReviewSigners
  keys: TrustedKeys
}

/**
 * The trust of one build or Studio. `live`: content from a Sanity project, so the demo key is
 * refused. `extraKeys`: `REVIEW_TRUSTED_KEYS`.
 */
export function reviewTrust(options: {live: boolean; extraKeys?: string | undefined}): ReviewTrust {
  return {signers: REVIEW_SIGNERS, keys: trustedKeys({live: options.live, extra: options.extraKeys})}
}

/** Which documents an article's review depends on. */
export function reviewInputIds(article: (ReviewableArticle & {_id: string}) | null | undefined): ReviewInputIds {
  return {articleId: article ? publishedId(article._id) : '', faqIds: embeddedFaqIds(article?.body)}
}

/**
 * Resolves an article's review inputs ({@link reviewInputIds}) through lookups by published ID (an
 * index of the build's collections, a dataset, or the answer of the Studio's facts query). The
 * lookups may return the consumer's own entries; {@link evaluateArticleReview} takes the documents.
 */
export function gatherReviewInputs<Faq = EmbeddedFaq, Reviewer = ReviewerFacts>(
  {articleId, faqIds}: ReviewInputIds,
  lookup: {
    faq(id: string): Faq | undefined
    signoffs(articleId: string): readonly SignoffRecord[] | undefined
    reviewer(id: string): Reviewer | undefined
  },
): ReviewInputs<Faq, Reviewer> {
  const faqs: Faq[] = []
  for (const id of faqIds) {
    const faq = lookup.faq(id)
    if (faq !== undefined) faqs.push(faq)
  }
  const signoffs = articleId === '' ? [] : [...(lookup.signoffs(articleId) ?? [])]
  const reviewers: Reviewer[] = []
  const seen = new Set<string>()
  for (const signoff of signoffs) {
    const ref = signoff.reviewer?._ref
    if (!ref || seen.has(publishedId(ref))) continue
    seen.add(publishedId(ref))
    const reviewer = lookup.reviewer(publishedId(ref))
    if (reviewer !== undefined) reviewers.push(reviewer)
  }
  return {faqs, signoffs, reviewers}
}

/** One sign-off, checked: its claim when it verifies, else why not. */
export type SignoffVerdict =
  | {signoff: SignoffRecord; ok: true}
  | {signoff: SignoffRecord; ok: false; problem: SignoffProblem; reason: string}

/**
 * Whether a sign-off of `articleId` can carry a claim: complete, naming this article, its signer
 * listed for its reviewer in the signers file, and its attestation verifying with a trusted key
 * over exactly its own fields. The content hash is compared later, against the current content.
 */
export async function verifySignoff(
  signoff: SignoffRecord,
  articleId: string,
  trust: ReviewTrust,
  verified?: VerifiedSignatures,
): Promise<SignoffVerdict> {
  const claim = signoffClaim(signoff)
  if (!claim || claim.articleId !== publishedId(articleId)) {
    return {signoff, ok: false, problem: 'incomplete', reason: 'it lacks its article, hash, reviewer, signer or time'}
  }
  if (!isAllowedSigner(claim.signer, claim.reviewerId, trust.signers)) {
    return {
      signoff,
      ok: false,
      problem: 'signer-not-allowed',
      reason: `its signer is not listed for ${claim.reviewerId} in schemas/review-signers.json`,
    }
  }
  const attestation = await checkAttestation(signoff, trust.keys, verified)
  return attestation.ok ? {signoff, ok: true} : {signoff, ...attestation}
}

/** How the build report and the Studio name each problem. */
export const SIGNOFF_PROBLEM_LABELS: Readonly<Record<SignoffProblem, string>> = {
  incomplete: 'incomplete',
  unattested: 'unattested',
  'untrusted-key': 'untrusted key',
  'signature-invalid': 'signature invalid',
  'signer-not-allowed': 'signer not allowed',
}

/**
 * What a build remembers from the last one, so it need not recompute answers it already has. Each
 * memo answers exactly what computing afresh would; without them everything is computed.
 */
export interface ReviewMemos {
  /** How the current content's hash is had: computed, unless a build remembers it (`digests.ts`). */
  hashContent?: ((content: ReviewableContent, faqs: readonly EmbeddedFaq[]) => Promise<string>) | undefined
  /** Signatures that verified before (`attestation.ts`). */
  verifiedSignatures?: VerifiedSignatures | undefined
}

/**
 * The article's review status at `now`: the claim its sign-offs support, if any. Only a sign-off
 * that verifies ({@link verifySignoff}) counts; among those, the newest for the current content,
 * else the newest (which is then stale). With sign-offs but none that verifies, the status is
 * `unverified` and the reason names the newest one and why it does not count.
 */
export async function evaluateArticleReview(
  article: ReviewableArticle & {_id: string},
  inputs: ReviewInputs<EmbeddedFaq, ReviewerFacts>,
  policy: ReviewPolicy,
  now: Date,
  trust: ReviewTrust,
  memos: ReviewMemos = {},
): Promise<ReviewEvaluation> {
  const currentContentHash = await (memos.hashContent ?? clinicalContentHash)(article, inputs.faqs)
  const subject = {requiresClinicalReview: article.requiresClinicalReview, currentContentHash}
  if (article.requiresClinicalReview === false || inputs.signoffs.length === 0) {
    return reviewStatus({...subject, clinicalReview: null}, null, policy, now)
  }
  const newestFirst = [...inputs.signoffs].sort(
    (a, b) => time(b.signedAt) - time(a.signedAt) || (a._id < b._id ? 1 : -1),
  )
  const verdicts = await Promise.all(
    newestFirst.map((signoff) => verifySignoff(signoff, article._id, trust, memos.verifiedSignatures)),
  )
  const verified = verdicts.filter((verdict) => verdict.ok).map((verdict) => verdict.signoff)
  const chosen = verified.find((signoff) => signoff.contentHash === currentContentHash) ?? verified[0]
  if (!chosen) {
    const [newest] = verdicts
    if (!newest || newest.ok) throw new Error('unreachable: no sign-off verified, yet one did')
    const signedOn = newest.signoff.signedAt ? ` of ${newest.signoff.signedAt.slice(0, 10)}` : ''
    return {
      status: 'unverified',
      expiringSoon: false,
      signoffId: newest.signoff._id,
      signoffProblem: newest.problem,
      reason: `No trusted sign-off: ${newest.signoff._id}${signedOn} does not count — ${SIGNOFF_PROBLEM_LABELS[newest.problem]}: ${newest.reason}.`,
    }
  }
  const reviewerId = publishedId(chosen.reviewer?._ref ?? '')
  const reviewer = inputs.reviewers.find((candidate) => candidate._id === reviewerId) ?? null
  const evaluation = reviewStatus(
    {
      ...subject,
      clinicalReview: {reviewer: {_ref: reviewerId}, reviewedAt: chosen.signedAt, contentHash: chosen.contentHash},
    },
    reviewer,
    policy,
    now,
  )
  return {...evaluation, signoffId: chosen._id, reviewerId}
}

function time(value: string | null | undefined): number {
  const parsed = value ? Date.parse(value) : Number.NaN
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed
}
