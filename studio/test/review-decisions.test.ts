import {parseReviewSigners} from '@repo/schemas/review'
import {describe, expect, it} from 'vitest'
import {
  awaitingReviewBadge,
  isAwaitingReview,
  publishDecision,
  requestReviewDecision,
  reviewStatusBadge,
  type Signer,
  signOffDecision,
  whoMaySign,
} from '../review/decisions.ts'
import {
  article,
  block,
  CLINICIAN,
  EDITOR,
  faq,
  faqList,
  reviewer,
  reviewerProfile,
  reviewRequest,
  reviewState,
  SIGNERS,
  signed,
} from './fixtures.ts'

const AFTER_SIGNING = new Date('2026-12-01T00:00:00Z')
const kate = reviewerProfile()
const linked: Signer = {canSign: true, reviewer: kate}

describe('who may sign', () => {
  it('lets a user listed for a reviewer in the signers file sign as that reviewer', () => {
    expect(whoMaySign(CLINICIAN, [kate], SIGNERS)).toEqual({canSign: true, reviewer: kate})
  })

  it('gives no Sign off to an editor who adds their user ID to a reviewer profile', () => {
    const edited = {...kate, sanityUserIds: [EDITOR.id]} as typeof kate
    expect(whoMaySign(EDITOR, [edited], SIGNERS)).toMatchObject({canSign: false, offered: false})
  })

  it('does not offer signing to an editor who is not linked to any reviewer', () => {
    expect(whoMaySign(EDITOR, [kate], SIGNERS)).toEqual({
      canSign: false,
      offered: false,
      reason:
        'Only clinicians listed in the repository’s signers file can sign off; your Studio user (pEditor1) is not listed for any reviewer profile.',
    })
  })

  it('tells a clinician whose profile exists but is not linked how to get linked', () => {
    expect(whoMaySign({id: 'pKate2', name: 'kate smith'}, [kate], SIGNERS)).toEqual({
      canSign: false,
      offered: true,
      reason:
        'Your Studio user (pKate2) is not linked to the reviewer profile “Dr. Kate Smith, PsyD”. Ask the site’s maintainers to add this ID for clinicalReviewer-kate-smith in the repository’s signers file (schemas/review-signers.json).',
    })
  })

  it('refuses a user linked to two reviewer profiles rather than guessing which one signs', () => {
    const other = reviewerProfile({_id: 'clinicalReviewer-other', name: 'Dr. Lee', credentials: null})
    const signers = parseReviewSigners({signers: {[kate._id]: [CLINICIAN.id], [other._id]: [CLINICIAN.id]}})
    const signer = whoMaySign(CLINICIAN, [kate, other], signers)
    expect(signer).toMatchObject({canSign: false, offered: true})
    expect(signer.canSign || signer.reason).toContain('more than one reviewer profile (Dr. Kate Smith, PsyD, Dr. Lee)')
  })

  it('does not offer signing to nobody', () => {
    expect(whoMaySign(null, [kate], SIGNERS)).toMatchObject({canSign: false, offered: false})
  })
})

describe('the sign-off action', () => {
  const base = {
    article: article(),
    hasValidationErrors: false,
    validating: false,
    review: {state: 'loading'} as const,
    now: AFTER_SIGNING,
  }

  it('is enabled for a linked clinician and says whom they sign as', () => {
    expect(signOffDecision({...base, signer: linked})).toEqual({
      hidden: false,
      disabled: false,
      title: 'Sign off as Dr. Kate Smith, PsyD',
    })
  })

  it('is hidden from an editor', () => {
    expect(signOffDecision({...base, signer: whoMaySign(EDITOR, [kate], SIGNERS)})).toMatchObject({hidden: true})
  })

  it('is shown disabled to an unlinked clinician, with the reason as its title', () => {
    const decision = signOffDecision({
      ...base,
      signer: whoMaySign({id: 'pKate2', name: 'Kate Smith'}, [kate], SIGNERS),
    })
    expect(decision).toMatchObject({hidden: false, disabled: true})
    expect(!decision.hidden && decision.title).toMatch(/^Your Studio user \(pKate2\) is not linked/)
  })

  it('stays hidden until the reviewer profiles have loaded', () => {
    expect(signOffDecision({...base, signer: undefined})).toMatchObject({hidden: true})
  })

  it('is disabled while the document has validation errors', () => {
    expect(signOffDecision({...base, signer: linked, hasValidationErrors: true})).toEqual({
      hidden: false,
      disabled: true,
      title: 'Fix the validation errors first: a clinician signs off complete content only.',
    })
  })

  it('stays disabled, saying so, until validation has a verdict', () => {
    expect(signOffDecision({...base, signer: linked, validating: true})).toEqual({
      hidden: false,
      disabled: true,
      title: 'Checking the article for validation errors…',
    })
  })

  it('names the validation errors even while the Studio is re-checking them', () => {
    expect(signOffDecision({...base, signer: linked, validating: true, hasValidationErrors: true})).toMatchObject({
      disabled: true,
      title: 'Fix the validation errors first: a clinician signs off complete content only.',
    })
  })

  it('is disabled for an article that needs no review', () => {
    expect(signOffDecision({...base, signer: linked, article: article({requiresClinicalReview: false})})).toMatchObject(
      {
        disabled: true,
        title: 'This article is marked as not needing clinical review.',
      },
    )
  })

  it('is disabled when the signer’s own licence has lapsed, because the site would not show the sign-off', () => {
    const lapsed = {...linked, reviewer: {...kate, licence: {expiresAt: '2026-11-30'}}}
    expect(signOffDecision({...base, signer: lapsed})).toMatchObject({
      disabled: true,
      title:
        'The licence on your reviewer profile expired on 2026-11-30, so the site would not show your sign-off. Update the licence on the profile first.',
    })
  })

  it('is disabled while the review cannot be checked, since signing needs the same facts', () => {
    expect(signOffDecision({...base, signer: linked, review: {state: 'error', message: 'Network down'}})).toMatchObject(
      {
        disabled: true,
        title: 'The clinical review could not be checked (Network down).',
      },
    )
  })

  it('is disabled when this exact content is already signed off and not about to expire', async () => {
    const content = await signed(article())
    const review = await reviewState(content, AFTER_SIGNING)
    expect(signOffDecision({...base, signer: linked, article: content, review})).toMatchObject({
      disabled: true,
      title: 'Already signed off for this exact content on 2026-11-01; valid until 2027-11-01.',
    })
  })

  it('is enabled again once the review is inside the warning window, so it can be renewed', async () => {
    const content = await signed(article())
    const review = await reviewState(content, new Date('2027-10-15T00:00:00Z'))
    expect(signOffDecision({...base, signer: linked, article: content, review})).toMatchObject({disabled: false})
  })
})

describe('Publish for an article that requires review', () => {
  it('is allowed when the draft is signed off and unchanged', async () => {
    const draft = await signed(article())
    expect(publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING)})).toEqual({
      disabled: false,
    })
  })

  it('is blocked when nobody has signed off', async () => {
    const draft = article()
    expect(publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING)})).toEqual({
      disabled: true,
      title: 'Cannot publish: this article needs a clinical sign-off and has none. Request a clinical review.',
    })
  })

  it('is blocked as stale when the body was edited after the sign-off', async () => {
    const draft = {...(await signed(article())), body: [block('An IOP is a day programme.'), faqList('faq-iop-length')]}
    expect(publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING)})).toEqual({
      disabled: true,
      title:
        'Cannot publish: the review is stale — the content changed after the sign-off of 2026-11-01. A clinician must sign off this version.',
    })
  })

  it('is blocked as stale when an embedded FAQ’s published answer changed after the sign-off', async () => {
    const draft = await signed(article())
    const edited = faq({answer: [block('Most IOPs run for 6 weeks.')]})
    expect(
      publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING, {faqs: [edited]})}),
    ).toMatchObject({
      disabled: true,
      title: expect.stringContaining('the review is stale'),
    })
  })

  it('stays allowed after an SEO-only edit, which is outside what the clinician vouched for', async () => {
    const draft = {...(await signed(article())), seo: {metaTitle: 'IOP benefits', metaDescription: 'Why IOP works.'}}
    expect(publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING)})).toEqual({
      disabled: false,
    })
  })

  it('stays allowed after recropping an image, which changes no content', async () => {
    const image = {
      _type: 'image',
      _key: 'img',
      alt: 'A group session',
      asset: {_type: 'reference', _ref: 'image-abc-10x10-jpg'},
    }
    const original = article({body: [block('An IOP lets you live at home.'), image]})
    const recropped = {
      ...(await signed(original, [])),
      body: [original.body?.[0], {...image, crop: {top: 0.1, bottom: 0, left: 0, right: 0}, hotspot: {x: 0.5, y: 0.5}}],
      heroImage: {...image, crop: {top: 0.2, bottom: 0, left: 0, right: 0}},
    }
    expect(
      publishDecision({article: recropped, review: await reviewState(recropped, AFTER_SIGNING, {faqs: []})}),
    ).toEqual({
      disabled: false,
    })
  })

  it('is blocked once the review has expired, naming the day it expired', async () => {
    const draft = await signed(article())
    expect(
      publishDecision({article: draft, review: await reviewState(draft, new Date('2027-11-01T09:00:00Z'))}),
    ).toEqual({
      disabled: true,
      title: 'Cannot publish: the clinical review expired on 2027-11-01. A clinician must review the article again.',
    })
  })

  it('is blocked when the signing reviewer’s licence has expired', async () => {
    const draft = await signed(article())
    const lapsed = reviewer({licence: {expiresAt: '2026-11-30'}})
    expect(
      publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING, {reviewer: lapsed})}),
    ).toEqual({
      disabled: true,
      title: 'Cannot publish: the reviewer is unverified — their licence expired on 2026-11-30.',
    })
  })

  it('is blocked when the signing reviewer’s profile no longer exists', async () => {
    const draft = await signed(article())
    expect(
      publishDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING, {reviewer: null})}),
    ).toEqual({
      disabled: true,
      title: 'Cannot publish: the reviewer is unverified — the reviewer profile that signed off no longer exists.',
    })
  })

  it('waits while the review is being checked, and says so', () => {
    expect(publishDecision({article: article(), review: {state: 'loading'}})).toEqual({
      disabled: true,
      title: 'Checking the clinical review…',
    })
  })

  it('is blocked when the review cannot be checked', () => {
    expect(publishDecision({article: article(), review: {state: 'error', message: 'Network down'}})).toEqual({
      disabled: true,
      title: 'Cannot publish: the clinical review could not be checked (Network down).',
    })
  })

  it('is left alone for an article marked as needing no review', () => {
    expect(publishDecision({article: article({requiresClinicalReview: false}), review: {state: 'loading'}})).toEqual({
      disabled: false,
    })
  })
})

describe('the review badge at the expiry boundaries (12 months, warned 30 days ahead)', () => {
  const badgeAt = async (now: string) => reviewStatusBadge(await reviewState(await signed(article()), new Date(now)))

  it('reads “Reviewed <date>” until the warning window opens', async () => {
    expect(await badgeAt('2027-10-02T08:59:59.999Z')).toMatchObject({label: 'Reviewed 2026-11-01', color: 'success'})
  })

  it('counts down from the first instant of the warning window', async () => {
    expect(await badgeAt('2027-10-02T09:00:00Z')).toMatchObject({label: 'Expires in 30 days', color: 'warning'})
    expect(await badgeAt('2027-10-31T09:00:00Z')).toMatchObject({label: 'Expires in 1 day'})
  })

  it('says “within a day” in the last day and “expired” from the instant of expiry', async () => {
    expect(await badgeAt('2027-11-01T08:59:59.999Z')).toMatchObject({label: 'Expires within a day'})
    expect(await badgeAt('2027-11-01T09:00:00Z')).toMatchObject({label: 'Review expired', color: 'danger'})
  })

  it('marks an edited article as stale, and an unsigned one as not reviewed', async () => {
    const edited = {...(await signed(article())), title: 'IOP: the benefits'}
    expect(reviewStatusBadge(await reviewState(edited, AFTER_SIGNING))).toMatchObject({label: 'Review stale'})
    expect(reviewStatusBadge(await reviewState(article(), AFTER_SIGNING))).toMatchObject({label: 'Not reviewed'})
  })

  it('marks a review by a reviewer whose licence lapsed as unverified', async () => {
    const state = await reviewState(await signed(article()), AFTER_SIGNING, {
      reviewer: reviewer({licence: {expiresAt: '2026-11-15'}}),
    })
    expect(reviewStatusBadge(state)).toMatchObject({label: 'Reviewer unverified', color: 'danger'})
  })

  it('shows nothing for an article that needs no review, or before the state is known', async () => {
    expect(reviewStatusBadge(await reviewState(article({requiresClinicalReview: false}), AFTER_SIGNING))).toBeNull()
    expect(reviewStatusBadge({state: 'loading'})).toBeNull()
  })
})

describe('awaiting review', () => {
  const request = reviewRequest({requestedBy: EDITOR.id, requestedByName: EDITOR.name})

  it('holds from a request until a sign-off after it', async () => {
    const signedAt = async (latestSignedAt: string) => ({
      ...(await reviewState(article(), AFTER_SIGNING)),
      latestSignedAt,
    })
    expect(isAwaitingReview(article({reviewRequest: request}))).toBe(true)
    expect(isAwaitingReview(article({reviewRequest: request}), await signedAt('2026-11-01T09:00:00Z'))).toBe(true)
    expect(isAwaitingReview(article({reviewRequest: request}), await signedAt('2026-12-01T10:00:00Z'))).toBe(false)
    expect(isAwaitingReview(article())).toBe(false)
  })

  it('badges the article with who asked, when, and their note', () => {
    expect(awaitingReviewBadge(article({reviewRequest: {...request, note: 'New insurance section'}}))).toEqual({
      label: 'Awaiting review',
      color: 'primary',
      title: 'Requested by Morgan Editor on 2026-12-01: “New insurance section”',
    })
    expect(awaitingReviewBadge(article())).toBeNull()
  })
})

describe('the request-review action', () => {
  it('is offered for an unsigned article', async () => {
    const draft = article()
    expect(requestReviewDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING)})).toMatchObject({
      hidden: false,
      disabled: false,
    })
  })

  it('is disabled, naming who asked, while a request is open', () => {
    const draft = article({reviewRequest: reviewRequest({requestedByName: 'Morgan Editor'})})
    expect(requestReviewDecision({article: draft, review: {state: 'loading'}})).toEqual({
      hidden: false,
      disabled: true,
      label: 'Review requested',
      title: 'Review already requested by Morgan Editor on 2026-12-01; waiting for a clinician to sign off.',
    })
  })

  it('steps aside while the review is valid and not about to expire, leaving Publish as the main action', async () => {
    const draft = await signed(article())
    expect(requestReviewDecision({article: draft, review: await reviewState(draft, AFTER_SIGNING)})).toMatchObject({
      hidden: true,
    })
  })

  it('is not offered for an article that needs no review', () => {
    expect(
      requestReviewDecision({article: article({requiresClinicalReview: false}), review: {state: 'loading'}}),
    ).toMatchObject({
      hidden: true,
    })
  })
})
