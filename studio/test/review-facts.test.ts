import {evaluateReview} from '@repo/schemas/review'
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {describe, expect, it} from 'vitest'
import {
  ATTESTATION,
  buildClinicalReview,
  buildReviewRequest,
  fetchReviewerProfiles,
  fetchReviewFacts,
  fetchReviewPolicy,
  type GroqClient,
  reviewFactsRequest,
} from '../review/facts.ts'
import {
  article,
  block,
  CLINICIAN,
  EDITOR,
  faq,
  REVIEWER_ID,
  reviewer,
  reviewerProfile,
  settings,
  signed,
} from './fixtures.ts'

const clientOver = (documents: DatasetDocument[]) => createDatasetClient(documents) as unknown as GroqClient
const NOW = new Date('2026-12-01T00:00:00Z')

describe('the facts a review depends on', () => {
  it('reads the published FAQs the body embeds, never their drafts', async () => {
    const published = faq()
    const draftFaq = faq({_id: 'drafts.faq-iop-length', question: 'Unpublished rewording?'})
    const facts = await fetchReviewFacts(clientOver([published, draftFaq, faq({_id: 'faq-other'})]), {
      faqIds: ['faq-iop-length'],
      reviewerId: '',
    })
    expect(facts.faqs).toEqual([
      {_id: 'faq-iop-length', question: 'How long does an IOP last?', answer: published['answer']},
    ])
  })

  it('reads the signing reviewer’s published profile and licence', async () => {
    const lapsed = reviewer({licence: {_type: 'licence', expiresAt: '2027-01-31', number: 'LADC-1'}})
    const facts = await fetchReviewFacts(clientOver([lapsed, reviewer({_id: `drafts.${REVIEWER_ID}`})]), {
      faqIds: [],
      reviewerId: REVIEWER_ID,
    })
    expect(facts.reviewer).toEqual({_id: REVIEWER_ID, licence: {expiresAt: '2027-01-31'}})
  })

  it('takes the policy from settings, else the default', async () => {
    const request = {faqIds: [], reviewerId: ''}
    expect(
      (await fetchReviewFacts(clientOver([settings({validityMonths: 6, warningDays: 14})]), request)).policy,
    ).toEqual({
      validityMonths: 6,
      warningDays: 14,
    })
    expect((await fetchReviewFacts(clientOver([settings()]), request)).policy).toEqual({
      validityMonths: 12,
      warningDays: 30,
    })
    expect(await fetchReviewPolicy(clientOver([]))).toEqual({validityMonths: 12, warningDays: 30})
  })

  it('asks for the reviewer by published ID even when the sign-off points at a draft', () => {
    const draftRef = article({clinicalReview: {reviewer: {_ref: `drafts.${REVIEWER_ID}`}}})
    expect(reviewFactsRequest(draftRef)).toEqual({faqIds: ['faq-iop-length'], reviewerId: REVIEWER_ID})
  })

  it('lists published reviewer profiles, and no user IDs a profile may still carry', async () => {
    const profiles = await fetchReviewerProfiles(
      clientOver([reviewer({sanityUserIds: [EDITOR.id]}), reviewer({_id: `drafts.${REVIEWER_ID}`})]),
    )
    expect(profiles).toEqual([{_id: REVIEWER_ID, name: 'Dr. Kate Smith', credentials: null, licence: null}])
  })
})

describe('a sign-off', () => {
  it('records reviewer, time, signer, note and attestation, bound to the content by its hash', async () => {
    const review = await buildClinicalReview({
      article: article(),
      faqs: [faq()],
      reviewer: reviewerProfile(),
      user: CLINICIAN,
      note: '  Checked the dosage wording. ',
      now: NOW,
    })
    expect(review).toEqual({
      _type: 'clinicalReview',
      reviewer: {_type: 'reference', _ref: REVIEWER_ID},
      reviewedAt: '2026-12-01T00:00:00.000Z',
      contentHash: (await signed(article())).clinicalReview?.contentHash,
      signedBy: CLINICIAN.id,
      attestation: ATTESTATION,
      note: 'Checked the dosage wording.',
    })
  })

  it('makes the article valid under the same rules the site build applies', async () => {
    const clinicalReview = await buildClinicalReview({
      article: article(),
      faqs: [faq()],
      reviewer: reviewerProfile(),
      user: CLINICIAN,
      note: '',
      now: NOW,
    })
    const evaluation = await evaluateReview(
      {...article(), clinicalReview},
      [faq()],
      reviewer(),
      {validityMonths: 12, warningDays: 30},
      NOW,
    )
    expect(evaluation.status).toBe('valid')
    expect(clinicalReview).not.toHaveProperty('note')
  })

  it('goes stale when a clinician signs one version and the body then changes', async () => {
    const clinicalReview = await buildClinicalReview({
      article: article(),
      faqs: [faq()],
      reviewer: reviewerProfile(),
      user: CLINICIAN,
      note: '',
      now: NOW,
    })
    const edited = {...article({body: [block('Rewritten.')]}), clinicalReview}
    expect((await evaluateReview(edited, [faq()], reviewer(), {validityMonths: 12, warningDays: 30}, NOW)).status).toBe(
      'stale',
    )
  })
})

describe('a review request', () => {
  it('records who asked, when, and the note', () => {
    expect(buildReviewRequest(EDITOR, ' Please check the new insurance section ', NOW)).toEqual({
      _type: 'reviewRequest',
      requestedBy: EDITOR.id,
      requestedByName: EDITOR.name,
      requestedAt: '2026-12-01T00:00:00.000Z',
      note: 'Please check the new insurance section',
    })
  })

  it('leaves out an empty note', () => {
    expect(buildReviewRequest({id: EDITOR.id}, '   ', NOW)).toEqual({
      _type: 'reviewRequest',
      requestedBy: EDITOR.id,
      requestedAt: '2026-12-01T00:00:00.000Z',
    })
  })
})
