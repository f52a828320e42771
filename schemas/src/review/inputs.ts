/**
 * What an article's review depends on besides the article itself, gathered one way for every
 * consumer: the site build, `pnpm validate` and the Studio's sign-off and Publish decisions.
 *
 * References are resolved through their published ID (`drafts.x` and `versions.r.x` mean `x`):
 * a review counts only against published documents, which are what readers see.
 */
import {publishedId} from '../ids.ts'
import {type EmbeddedFaq, embeddedFaqIds} from './hash.ts'
import type {ReviewPolicy} from './policy.ts'
import {evaluateReview, type ReviewableArticle, type ReviewEvaluation, type ReviewerFacts} from './status.ts'

/** The published documents an article's review reads: embedded FAQs and the signing reviewer. */
export interface ReviewInputIds {
  /** Published IDs of the FAQs the body embeds, in order of first appearance. */
  faqIds: string[]
  /** Published ID of the reviewer the sign-off names, or undefined when there is no sign-off. */
  reviewerId: string | undefined
}

/** The documents those IDs resolved to; a missing FAQ or reviewer is simply absent. */
export interface ReviewInputs<Faq = EmbeddedFaq, Reviewer = ReviewerFacts> {
  faqs: Faq[]
  reviewer: Reviewer | null
}

/** Which documents an article's review depends on. */
export function reviewInputIds(article: ReviewableArticle | null | undefined): ReviewInputIds {
  const ref = article?.clinicalReview?.reviewer?._ref
  return {faqIds: embeddedFaqIds(article?.body), reviewerId: ref ? publishedId(ref) : undefined}
}

/**
 * Resolves an article's review inputs ({@link reviewInputIds}) through lookups by published ID (an index of the build's
 * collections, a dataset, or the answer of the Studio's facts query). The lookups may return the
 * consumer's own entries; {@link evaluateArticleReview} takes the documents themselves.
 */
export function gatherReviewInputs<Faq = EmbeddedFaq, Reviewer = ReviewerFacts>(
  {faqIds, reviewerId}: ReviewInputIds,
  lookup: {faq(id: string): Faq | undefined; reviewer(id: string): Reviewer | undefined},
): ReviewInputs<Faq, Reviewer> {
  const faqs: Faq[] = []
  for (const id of faqIds) {
    const faq = lookup.faq(id)
    if (faq !== undefined) faqs.push(faq)
  }
  return {faqs, reviewer: (reviewerId === undefined ? undefined : lookup.reviewer(reviewerId)) ?? null}
}

/** The article's review status at `now`, from its gathered inputs and the policy in force. */
export function evaluateArticleReview(
  article: ReviewableArticle,
  inputs: ReviewInputs,
  policy: ReviewPolicy,
  now: Date,
): Promise<ReviewEvaluation> {
  return evaluateReview(article, inputs.faqs, inputs.reviewer, policy, now)
}
