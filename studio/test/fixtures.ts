/** Tiny builders for the documents the review workflow reads; tests override what they are about. */
import {
  clinicalContentHash,
  DEFAULT_REVIEW_POLICY,
  evaluateReview,
  parseReviewSigners,
  type ReviewPolicy,
} from '@repo/schemas/review'
import type {ReviewRequest} from '@repo/schemas/types'
import type {DatasetDocument} from '@repo/schemas/validation'
import type {ArticleDocument} from '../review/article.ts'
import type {ReviewerProfile, ReviewState} from '../review/decisions.ts'

let keySeq = 0
const key = () => `k${++keySeq}`

export const SIGNED_AT = '2026-11-01T09:00:00Z'
export const REVIEWER_ID = 'clinicalReviewer-kate-smith'
export const CLINICIAN = {id: 'pClinician1', name: 'Kate Smith'}
export const EDITOR = {id: 'pEditor1', name: 'Morgan Editor'}

/** A signers file that links the fixture clinician, and only them, to the fixture reviewer. */
export const SIGNERS = parseReviewSigners({signers: {[REVIEWER_ID]: [CLINICIAN.id]}}, 'test signers')

export function block(text: string) {
  return {
    _type: 'block',
    _key: key(),
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: key(), text, marks: []}],
  }
}

export function faqList(...faqIds: string[]) {
  return {_type: 'faqList', _key: key(), faqs: faqIds.map((id) => ({_type: 'reference', _key: key(), _ref: id}))}
}

export function article(
  overrides: Partial<ArticleDocument> & Record<string, unknown> = {},
): ArticleDocument & DatasetDocument {
  return {
    _id: 'article-iop-benefits',
    _type: 'article',
    title: 'The Benefits of an IOP Program for Addiction Recovery',
    slug: {_type: 'slug', current: 'benefits-of-iop-program-addiction-recovery'},
    excerpt: 'What an intensive outpatient program offers.',
    body: [block('An IOP lets you live at home while in treatment.'), faqList('faq-iop-length')],
    requiresClinicalReview: true,
    ...overrides,
  }
}

export function faq(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'faq-iop-length',
    _type: 'faq',
    question: 'How long does an IOP last?',
    answer: [block('Most IOPs run for 8 to 12 weeks.')],
    ...overrides,
  }
}

export function reviewer(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: REVIEWER_ID,
    _type: 'clinicalReviewer',
    name: 'Dr. Kate Smith',
    ...overrides,
  }
}

export function settings(policy?: Partial<ReviewPolicy>): DatasetDocument {
  return {
    _id: 'siteSettings',
    _type: 'siteSettings',
    organizationName: 'Greater Boston Addiction Centers',
    ...(policy ? {reviewPolicy: {_type: 'reviewPolicy', ...policy}} : {}),
  }
}

/** The article as signed off at `reviewedAt` by the fixture reviewer, given the FAQs it embeds. */
export async function signed(
  content: ArticleDocument,
  faqs: DatasetDocument[] = [faq()],
  reviewedAt = SIGNED_AT,
): Promise<ArticleDocument & DatasetDocument> {
  return {
    _type: 'article',
    ...content,
    clinicalReview: {
      reviewer: {_ref: REVIEWER_ID},
      reviewedAt,
      contentHash: await clinicalContentHash(content, faqs as {_id: string}[]),
    },
  }
}

/** The state the Studio computes for `content`, with the fixture FAQs, reviewer and policy. */
export async function reviewState(
  content: ArticleDocument,
  now: Date,
  options: {faqs?: DatasetDocument[]; reviewer?: DatasetDocument | null; policy?: ReviewPolicy} = {},
): Promise<ReviewState> {
  const policy = options.policy ?? DEFAULT_REVIEW_POLICY
  const evaluation = await evaluateReview(
    content,
    (options.faqs ?? [faq()]) as {_id: string}[],
    options.reviewer === undefined ? reviewer() : options.reviewer,
    policy,
    now,
  )
  return {state: 'ready', evaluation, policy}
}

/** A reviewer profile as the Studio reads it (`reviewerProfilesQuery`): Dr. Kate Smith. */
export function reviewerProfile(overrides: Partial<ReviewerProfile> = {}): ReviewerProfile {
  return {
    _id: REVIEWER_ID,
    name: 'Dr. Kate Smith',
    credentials: 'PsyD',
    licence: null,
    ...overrides,
  }
}

/** The review request an editor records with "Request clinical review". */
export function reviewRequest(overrides: Partial<ReviewRequest> = {}): ReviewRequest {
  return {_type: 'reviewRequest', requestedAt: '2026-12-01T10:00:00Z', ...overrides}
}
