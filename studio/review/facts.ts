/**
 * What the review rules need besides the article itself — the embedded FAQs, the reviewer who
 * signed, the policy — fetched the way the site build reads them: published documents only,
 * with the content layer's queries, gathered and evaluated by the same functions the build uses.
 */
import {SITE_SETTINGS_ID} from '@repo/schemas'
import {publishedId} from '@repo/schemas/ids'
import {reviewerProfilesQuery, reviewFactsQuery, reviewPolicyQuery} from '@repo/schemas/queries'
import {
  clinicalContentHash,
  type EmbeddedFaq,
  evaluateArticleReview,
  gatherReviewInputs,
  type ReviewableArticle,
  type ReviewEvaluation,
  type ReviewInputIds,
  type ReviewInputs,
  type ReviewPolicy,
  resolvePolicy,
  reviewInputIds,
} from '@repo/schemas/review'
import type {ClinicalReview, ReviewRequest} from '@repo/schemas/types'
import type {ReviewerProfile, StudioUser} from './decisions.ts'

/** The Content Lake API version every Studio query of this project pins. */
export const STUDIO_API_VERSION = '2025-02-19'

/** What a clinician confirms by ticking the box; stored with the sign-off. */
export const ATTESTATION =
  'I have read the title, excerpt, body and embedded FAQs of this article as they stand now, and I confirm they are clinically accurate and appropriate for readers.'

/** The part of `@sanity/client` these functions use; the Studio's `useClient` provides it. */
export interface GroqClient {
  fetch(query: string, params: Record<string, unknown>, options: {perspective: 'published'}): Promise<unknown>
}

/**
 * Runs one of the content layer's queries with the published perspective. The cast is the one
 * place the answer takes its TypeGen type: the narrow client interface (so tests can pass a
 * groq-js client) does not carry `@sanity/client`'s query-typed overloads.
 */
async function query<const Q extends keyof SanityQueries>(
  client: GroqClient,
  groq: Q,
  params: Record<string, unknown>,
): Promise<SanityQueries[Q]> {
  return (await client.fetch(groq, params, {perspective: 'published'})) as SanityQueries[Q]
}

/** The embedded FAQs and the signing reviewer, as of now, and the policy in force. */
export interface ReviewFacts extends ReviewInputs {
  policy: ReviewPolicy
}

/** Which documents {@link fetchReviewFacts} must read for an article (published IDs). */
export type ReviewFactsRequest = ReviewInputIds

/** The documents an article's review depends on. */
export function reviewFactsRequest(article: ReviewableArticle | null | undefined): ReviewFactsRequest {
  return reviewInputIds(article)
}

/**
 * Fetches the facts in one round trip and gathers them with the shared gatherer, so the Studio
 * resolves an article's FAQs and reviewer exactly as the build does. An unset policy in the
 * settings falls back to the default.
 */
export async function fetchReviewFacts(client: GroqClient, request: ReviewFactsRequest): Promise<ReviewFacts> {
  const result = await query(client, reviewFactsQuery, {
    faqIds: request.faqIds,
    reviewerId: request.reviewerId ?? '',
    settingsId: SITE_SETTINGS_ID,
  })
  const faqs = new Map((result?.faqs ?? []).map((faq) => [faq._id, faq]))
  const reviewer = result?.reviewer ?? undefined
  const inputs = gatherReviewInputs(request, {
    faq: (id) => faqs.get(id),
    reviewer: (id) => (reviewer?._id === id ? reviewer : undefined),
  })
  return {...inputs, policy: resolvePolicy(result?.policy)}
}

/** The review policy in force (settings, else the default). */
export async function fetchReviewPolicy(client: GroqClient): Promise<ReviewPolicy> {
  return resolvePolicy(await query(client, reviewPolicyQuery, {settingsId: SITE_SETTINGS_ID}))
}

/** Every published reviewer profile (for deciding who may sign). */
export async function fetchReviewerProfiles(client: GroqClient): Promise<ReviewerProfile[]> {
  const profiles = await query(client, reviewerProfilesQuery, {})
  return Array.isArray(profiles) ? profiles : []
}

/** The review status of an article's content, with the facts it depends on. */
export function evaluateArticle(article: ReviewableArticle, facts: ReviewFacts, now: Date): Promise<ReviewEvaluation> {
  return evaluateArticleReview(article, facts, facts.policy, now)
}

/** Input of {@link buildClinicalReview}. */
export interface SignOffInput {
  /** The content the clinician approved, exactly as shown to them. */
  article: ReviewableArticle
  faqs: readonly EmbeddedFaq[]
  reviewer: ReviewerProfile
  user: StudioUser
  note: string
  now: Date
}

/** The `clinicalReview` value a sign-off writes, bound to the content by its hash. */
export async function buildClinicalReview({
  article,
  faqs,
  reviewer,
  user,
  note,
  now,
}: SignOffInput): Promise<ClinicalReview> {
  const trimmed = note.trim()
  return {
    _type: 'clinicalReview',
    reviewer: {_type: 'reference', _ref: publishedId(reviewer._id)},
    reviewedAt: now.toISOString(),
    contentHash: await clinicalContentHash(article, faqs),
    signedBy: user.id,
    attestation: ATTESTATION,
    ...(trimmed ? {note: trimmed} : {}),
  }
}

/** The `reviewRequest` value "Request clinical review" writes. */
export function buildReviewRequest(user: StudioUser, note: string, now: Date): ReviewRequest {
  const trimmed = note.trim()
  return {
    _type: 'reviewRequest',
    requestedBy: user.id,
    ...(user.name ? {requestedByName: user.name} : {}),
    requestedAt: now.toISOString(),
    ...(trimmed ? {note: trimmed} : {}),
  }
}
