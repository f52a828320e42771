/**
 * The clinical review rules, shared by the Studio (sign-off, Publish, badges) and the site build
 * (the "Clinically reviewed by" claim, JSON-LD `reviewedBy`, the build report), so the two can
 * never disagree. Plain TypeScript with no Sanity or Node imports: it runs in the browser too.
 */
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
  reviewInputIds,
} from './inputs.ts'
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
