import {clinicalContentHash} from '@repo/schemas/review'
import {attestWith, newAttestorKey, signoffDocument, testTrust} from '@repo/schemas/testing'
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {describe, expect, it} from 'vitest'
import {
  ATTESTATION,
  buildReviewRequest,
  buildSignoff,
  evaluateArticle,
  fetchReviewerProfiles,
  fetchReviewFacts,
  fetchReviewPolicy,
  type GroqClient,
  reviewFactsRequest,
} from '../review/facts.ts'
import {article, block, CLINICIAN, EDITOR, faq, REVIEWER_ID, reviewer, reviewerProfile, settings} from './fixtures.ts'

const clientOver = (documents: DatasetDocument[]) => createDatasetClient(documents) as unknown as GroqClient
const NOW = new Date('2026-12-01T00:00:00Z')

describe('the facts a review depends on', () => {
  it('reads the published FAQs the body embeds, never their drafts', async () => {
    const published = faq()
    const draftFaq = faq({_id: 'drafts.faq-iop-length', question: 'Unpublished rewording?'})
    const facts = await fetchReviewFacts(clientOver([published, draftFaq, faq({_id: 'faq-other'})]), {
      articleId: 'article-iop-benefits',
      faqIds: ['faq-iop-length'],
    })
    expect(facts.faqs).toEqual([
      {_id: 'faq-iop-length', question: 'How long does an IOP last?', answer: published['answer']},
    ])
  })

  it('reads the article’s sign-offs and the published profile and licence of the reviewer they name', async () => {
    const lapsed = reviewer({licence: {_type: 'licence', expiresAt: '2027-01-31', number: 'LADC-1'}})
    const mine = signoffDocument({
      articleId: 'article-iop-benefits',
      contentHash: 'h',
      reviewerId: REVIEWER_ID,
      signer: 'u1',
    })
    const other = signoffDocument({articleId: 'article-other', contentHash: 'h', reviewerId: REVIEWER_ID, signer: 'u1'})
    const facts = await fetchReviewFacts(clientOver([lapsed, reviewer({_id: `drafts.${REVIEWER_ID}`}), mine, other]), {
      articleId: 'article-iop-benefits',
      faqIds: [],
    })
    expect(facts.signoffs.map((signoff) => signoff._id)).toEqual([mine._id])
    expect(facts.reviewers).toEqual([{_id: REVIEWER_ID, licence: {expiresAt: '2027-01-31'}}])
  })

  it('takes the policy from settings, else the default', async () => {
    const request = {articleId: 'article-iop-benefits', faqIds: []}
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

  it('asks for the sign-offs of the published article while the draft is being edited', () => {
    expect(reviewFactsRequest(article({_id: 'drafts.article-iop-benefits'}))).toEqual({
      articleId: 'article-iop-benefits',
      faqIds: ['faq-iop-length'],
    })
  })

  it('lists published reviewer profiles, and no user IDs a profile may still carry', async () => {
    const profiles = await fetchReviewerProfiles(
      clientOver([reviewer({sanityUserIds: [EDITOR.id]}), reviewer({_id: `drafts.${REVIEWER_ID}`})]),
    )
    expect(profiles).toEqual([{_id: REVIEWER_ID, name: 'Dr. Kate Smith', credentials: null, licence: null}])
  })
})

describe('a sign-off', () => {
  const sign = (note = '') =>
    buildSignoff({article: article(), faqs: [faq()], reviewer: reviewerProfile(), user: CLINICIAN, note, now: NOW})

  it('is a new document naming article, hash, reviewer, signer, time, note and what was confirmed', async () => {
    const signoff = await sign('  Checked the dosage wording. ')
    expect(signoff._id).toMatch(/^clinicalSignoff-[0-9a-f-]{36}$/)
    expect(signoff).toEqual({
      _id: signoff._id,
      _type: 'clinicalSignoff',
      article: {_type: 'reference', _ref: 'article-iop-benefits', _weak: true},
      contentHash: await clinicalContentHash(article(), [faq()]),
      reviewer: {_type: 'reference', _ref: REVIEWER_ID},
      signer: CLINICIAN.id,
      signedAt: '2026-12-01T00:00:00.000Z',
      attestationText: ATTESTATION,
      note: 'Checked the dosage wording.',
    })
    expect((await sign())._id).not.toBe(signoff._id)
  })

  it('makes the article valid under the build’s rules once attested, and not before', async () => {
    const key = newAttestorKey()
    const trust = testTrust([key], {[REVIEWER_ID]: [CLINICIAN.id]})
    const signoff = await sign()
    const facts = (signoffs: object[]) => ({
      faqs: [faq()] as never[],
      signoffs: signoffs as never[],
      reviewers: [reviewer()] as never[],
      policy: {validityMonths: 12, warningDays: 30},
    })
    expect((await evaluateArticle(article(), facts([signoff]), NOW, trust)).status).toBe('unverified')
    expect((await evaluateArticle(article(), facts([attestWith(signoff, key)]), NOW, trust)).status).toBe('valid')
    expect(signoff).not.toHaveProperty('note')
  })

  it('goes stale when a clinician signs one version and the body then changes', async () => {
    const key = newAttestorKey()
    const trust = testTrust([key], {[REVIEWER_ID]: [CLINICIAN.id]})
    const facts = {
      faqs: [faq()] as never[],
      signoffs: [attestWith(await sign(), key)],
      reviewers: [reviewer()] as never[],
      policy: {validityMonths: 12, warningDays: 30},
    }
    const edited = article({body: [block('Rewritten.')]})
    expect((await evaluateArticle(edited, facts, NOW, trust)).status).toBe('stale')
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
