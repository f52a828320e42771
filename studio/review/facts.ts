/**
 * What the review rules need besides the article itself — the embedded FAQs, the reviewer who
 * signed, the policy — fetched the way the site build reads them: published documents only.
 */
import {SITE_SETTINGS_ID} from '@repo/schemas'
import {
  clinicalContentHash,
  type EmbeddedFaq,
  embeddedFaqIds,
  evaluateReview,
  type ReviewableArticle,
  type ReviewEvaluation,
  type ReviewerFacts,
  type ReviewPolicy,
  resolvePolicy,
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

/** The embedded FAQs, the signing reviewer and the policy, as of now. */
export interface ReviewFacts {
  faqs: EmbeddedFaq[]
  reviewer: ReviewerFacts | null
  policy: ReviewPolicy
}

/** Which documents {@link fetchReviewFacts} must read for an article. */
export interface ReviewFactsRequest {
  faqIds: string[]
  /** Published ID of the reviewer the sign-off references; empty when there is no sign-off. */
  reviewerId: string
}

// Drafts are excluded in the filter as well as by the perspective, so the query means the same
// against the Content Lake and against an in-memory dataset (groq-js has no perspectives).
const PUBLISHED = '!(_id in path("drafts.**")) && !(_id in path("versions.**"))'

/** The facts for one article, in one round trip. */
export const REVIEW_FACTS_QUERY = `{
  "faqs": *[_type == "faq" && _id in $faqIds && ${PUBLISHED}]{_id, question, answer},
  "reviewer": *[_type == "clinicalReviewer" && _id == $reviewerId && ${PUBLISHED}][0]{_id, licence{expiresAt}},
  "policy": *[_id == $settingsId][0].reviewPolicy{validityMonths, warningDays}
}`

/** Every published reviewer profile, with the Studio users linked to it. */
export const REVIEWER_PROFILES_QUERY = `*[_type == "clinicalReviewer" && ${PUBLISHED}] | order(name asc) {
  _id, name, credentials, licence{expiresAt}, sanityUserIds
}`

/** The site settings' review policy (or null). */
export const REVIEW_POLICY_QUERY = '*[_id == $settingsId][0].reviewPolicy{validityMonths, warningDays}'

/** The documents an article's review depends on. */
export function reviewFactsRequest(article: ReviewableArticle | null | undefined): ReviewFactsRequest {
  return {
    faqIds: embeddedFaqIds(article?.body),
    reviewerId: (article?.clinicalReview?.reviewer?._ref ?? '').replace(/^drafts\./, ''),
  }
}

/** Fetches the facts; an unset policy in the settings falls back to the default. */
export async function fetchReviewFacts(client: GroqClient, request: ReviewFactsRequest): Promise<ReviewFacts> {
  const result = (await client.fetch(
    REVIEW_FACTS_QUERY,
    {...request, settingsId: SITE_SETTINGS_ID},
    {perspective: 'published'},
  )) as {
    faqs?: EmbeddedFaq[] | null
    reviewer?: ReviewerFacts | null
    policy?: {validityMonths?: number | null; warningDays?: number | null} | null
  } | null
  return {faqs: result?.faqs ?? [], reviewer: result?.reviewer ?? null, policy: resolvePolicy(result?.policy)}
}

/** The review policy in force (settings, else the default). */
export async function fetchReviewPolicy(client: GroqClient): Promise<ReviewPolicy> {
  const policy = (await client.fetch(
    REVIEW_POLICY_QUERY,
    {settingsId: SITE_SETTINGS_ID},
    {perspective: 'published'},
  )) as {
    validityMonths?: number | null
    warningDays?: number | null
  } | null
  return resolvePolicy(policy)
}

/** Every published reviewer profile (for deciding who may sign). */
export async function fetchReviewerProfiles(client: GroqClient): Promise<ReviewerProfile[]> {
  const profiles = await client.fetch(REVIEWER_PROFILES_QUERY, {}, {perspective: 'published'})
  return Array.isArray(profiles) ? (profiles as ReviewerProfile[]) : []
}

/** The review status of an article's content, with the facts it depends on. */
export function evaluateArticle(article: ReviewableArticle, facts: ReviewFacts, now: Date): Promise<ReviewEvaluation> {
  return evaluateReview(article, facts.faqs, facts.reviewer, facts.policy, now)
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
    reviewer: {_type: 'reference', _ref: reviewer._id.replace(/^drafts\./, '')},
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
