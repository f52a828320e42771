/**
 * The clinical review rules, shared by the Studio (sign-off, Publish, badges) and the site build
 * (the "Clinically reviewed by" claim, JSON-LD `reviewedBy`, the build report), so the two can
 * never disagree. Plain TypeScript with no Sanity or Node imports: it runs in the browser too.
 */

export {
  type AttestationCheck,
  type AttestedClaim,
  attestationPayload,
  checkAttestation,
  type SignoffProblem,
  type SignoffRecord,
  signoffClaim,
  type VerifiedSignatures,
} from './attestation.ts'
export {
  canonicalClinicalContent,
  clinicalContentHash,
  type EmbeddedFaq,
  embeddedFaqIds,
  type ReviewableContent,
} from './hash.ts'
export {
  evaluateArticleReview,
  gatherReviewInputs,
  type ReviewInputIds,
  type ReviewInputs,
  type ReviewMemos,
  type ReviewTrust,
  reviewInputIds,
  reviewTrust,
  SIGNOFF_PROBLEM_LABELS,
  type SignoffVerdict,
  verifySignoff,
} from './inputs.ts'
export {
  decodePublicKey,
  keyIdOf,
  parseKeysFile,
  REVIEW_KEYS,
  type TrustedKey,
  type TrustedKeys,
  trustedKeys,
} from './keys.ts'
export {DEFAULT_REVIEW_POLICY, type ReviewPolicy, resolvePolicy, reviewClock} from './policy.ts'
export {
  isAllowedSigner,
  parseReviewSigners,
  REVIEW_SIGNERS,
  type ReviewSigners,
  reviewersSignableBy,
} from './signers.ts'
export {
  addMonths,
  claimEndsAt,
  evaluateReview,
  REVIEW_STATUSES,
  type ReviewableArticle,
  type ReviewEvaluation,
  type ReviewerFacts,
  type ReviewRecord,
  type ReviewStatus,
  type ReviewSubject,
  reviewStatus,
} from './status.ts'
