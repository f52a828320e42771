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
  type ReviewTrust,
  resolvePolicy,
  reviewInputIds,
  reviewTrust,
} from '@repo/schemas/review'
import type {ClinicalSignoff, ReviewRequest} from '@repo/schemas/types'
import {studioEnv} from '../env.ts'
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

/**
 * The Studio's review trust. A Studio on a real project (no `SANITY_STUDIO_API_HOST`) refuses the
 * demo key, as a live build does; the demo Studio and the end-to-end tests, on the local
 * stand-in, trust it; `SANITY_STUDIO_REVIEW_TRUSTED_KEYS` adds keys. Public keys only: nothing here is secret.
 */
export const STUDIO_TRUST: ReviewTrust = reviewTrust({
  live: !studioEnv.apiHost,
  extraKeys: studioEnv.reviewTrustedKeys,
})

/** The embedded FAQs, the article's sign-offs and their reviewers, as of now, and the policy in force. */
export interface ReviewFacts extends ReviewInputs {
  policy: ReviewPolicy
}

/** Which documents {@link fetchReviewFacts} must read for an article (published IDs). */
export type ReviewFactsRequest = ReviewInputIds

/** The documents an article's review depends on. */
export function reviewFactsRequest(
  article: (ReviewableArticle & {_id: string}) | null | undefined,
): ReviewFactsRequest {
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
    articleId: request.articleId,
    settingsId: SITE_SETTINGS_ID,
  })
  const faqs = new Map((result?.faqs ?? []).map((faq) => [faq._id, faq]))
  const reviewers = new Map((result?.reviewers ?? []).map((reviewer) => [reviewer._id, reviewer]))
  const inputs = gatherReviewInputs(request, {
    faq: (id) => faqs.get(id),
    signoffs: () => result?.signoffs ?? [],
    reviewer: (id) => reviewers.get(id),
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

/** The review status of an article's content, with the facts it depends on, judged as the build judges it. */
export function evaluateArticle(
  article: ReviewableArticle & {_id: string},
  facts: ReviewFacts,
  now: Date,
  trust: ReviewTrust = STUDIO_TRUST,
): Promise<ReviewEvaluation> {
  return evaluateArticleReview(article, facts, facts.policy, now, trust)
}

/** When the newest of the article's sign-offs was made, attested or not. */
export function latestSignedAt(facts: ReviewFacts): string | undefined {
  let latest: string | undefined
  for (const {signedAt} of facts.signoffs) if (signedAt && (!latest || signedAt > latest)) latest = signedAt
  return latest
}

/** A sign-off as the Studio creates it: the Content Lake adds the system fields, the attestor the signature. */
export type NewSignoff = Omit<
  ClinicalSignoff,
  '_createdAt' | '_updatedAt' | '_rev' | 'signature' | 'signatureKeyId' | 'attestedAt'
>

/** Input of {@link buildSignoff}. */
export interface SignOffInput {
  /** The content the clinician approved, exactly as shown to them. */
  article: ReviewableArticle & {_id: string}
  faqs: readonly EmbeddedFaq[]
  reviewer: ReviewerProfile
  user: StudioUser
  note: string
  now: Date
}

/**
 * The `clinicalSignoff` document a sign-off creates, bound to the content by its hash. Created
 * once, with the clinician's own client, and never patched: a re-review is a new one. Its ID is
 * random so that nobody can pre-create it.
 */
export async function buildSignoff({article, faqs, reviewer, user, note, now}: SignOffInput): Promise<NewSignoff> {
  const trimmed = note.trim()
  return {
    _id: `clinicalSignoff-${globalThis.crypto.randomUUID()}`,
    _type: 'clinicalSignoff',
    article: {_type: 'reference', _ref: publishedId(article._id), _weak: true},
    contentHash: await clinicalContentHash(article, faqs),
    reviewer: {_type: 'reference', _ref: publishedId(reviewer._id)},
    signer: user.id,
    signedAt: now.toISOString(),
    attestationText: ATTESTATION,
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
