// @vitest-environment jsdom

import {reviewerProfilesQuery, reviewFactsQuery} from '@repo/schemas/queries'
import {clinicalContentHash} from '@repo/schemas/review'
import {attestWith, signoffDocument} from '@repo/schemas/testing/signoffs'
import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {act, cleanup, configure, fireEvent, render, renderHook, screen, waitFor} from '@testing-library/react'
import type {ReactNode} from 'react'
import type {DocumentActionComponent, DocumentActionDescription, DocumentActionProps, SanityDocument} from 'sanity'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {RequestReviewAction} from '../actions/RequestReviewAction.tsx'
import {withReviewGate} from '../actions/ReviewGatedPublishAction.tsx'
import {SignOffAction} from '../actions/SignOffAction.tsx'
import {article, CLINICIAN, EDITOR, faq, REVIEWER_ID, reviewer, reviewRequest} from './fixtures.ts'

/** What the replaced Sanity hooks return; each test sets what it is about. */
const studio = vi.hoisted(() => ({
  user: null as {id: string; name: string} | null,
  validation: [] as {level: 'error' | 'warning'; message: string; path: string[]}[],
  validating: false,
  reviewers: [] as Record<string, unknown>[],
  faqs: [] as Record<string, unknown>[],
  signoffs: [] as Record<string, unknown>[],
  execute: vi.fn(),
  create: vi.fn(),
  push: vi.fn(),
  fetch: vi.fn(),
  /** The attestor key the mocked trust accepts (set by the review module's mock). */
  key: undefined as undefined | import('@repo/schemas/testing/signoffs').TestAttestorKey,
}))

// The client answers the two queries the actions make; the queries themselves are tested with groq-js elsewhere.
const client = {
  fetch: studio.fetch,
  create: studio.create,
}
vi.mock('sanity', () => ({
  useCurrentUser: () => studio.user,
  useClient: () => client,
  useDocumentOperation: () => ({patch: {disabled: false, execute: studio.execute}}),
  useValidationStatus: () => ({isValidating: studio.validating, validation: studio.validation}),
  useWorkspace: () => ({basePath: '/studio'}),
  // The schema definitions @repo/schemas exports are plain objects; the actions only need its constants.
  defineType: (definition: unknown) => definition,
  defineField: (definition: unknown) => definition,
  defineArrayMember: (definition: unknown) => definition,
}))
// Who may sign comes from the repository's signers file and which attestations count from its keys
// file; here the signers link the fixture clinician, and a key made for this file is the one trusted.
vi.mock('@repo/schemas/review', async (importOriginal) => {
  const review = await importOriginal<typeof import('@repo/schemas/review')>()
  const testing = await import('@repo/schemas/testing/signoffs')
  const signers = {'clinicalReviewer-kate-smith': ['pClinician1']}
  studio.key = testing.newAttestorKey()
  const trust = testing.testTrust([studio.key], signers)
  return {
    ...review,
    REVIEW_SIGNERS: trust.signers,
    reviewTrust: () => trust,
  }
})
vi.mock('@sanity/ui/toast', () => ({useToast: () => ({push: studio.push})}))

// The first render of @sanity/ui is slow on a busy two-core machine; waiting longer is not a timed assertion.
configure({asyncUtilTimeout: 15_000})

beforeEach(() => {
  studio.user = null
  studio.validation = []
  studio.validating = false
  studio.reviewers = [reviewer({name: 'Dr. Kate Smith'})]
  studio.faqs = [faq()]
  studio.signoffs = []
  studio.execute.mockReset()
  studio.create.mockReset().mockResolvedValue({})
  studio.push.mockReset()
  studio.fetch.mockReset().mockImplementation(async (query: string) => {
    if (query === reviewerProfilesQuery) return studio.reviewers
    if (query === reviewFactsQuery) {
      return {faqs: studio.faqs, signoffs: studio.signoffs, reviewers: [reviewer()], policy: null}
    }
    throw new Error(`Unexpected query: ${query}`)
  })
})
afterEach(cleanup)

function propsFor(draft: object | null): DocumentActionProps {
  return {
    id: 'article-iop-benefits',
    type: 'article',
    draft: draft as SanityDocument | null,
    published: null,
    version: null,
    liveEdit: false,
    liveEditSchemaType: false,
    ready: true,
    release: undefined,
    transactionSyncLock: null,
    onComplete: () => undefined,
    initialValueResolved: true,
  } as DocumentActionProps
}

/** Runs an action component as the Studio does — a hook returning a description — until `done` holds. */
async function describeAction(
  action: DocumentActionComponent,
  draft: object | null,
  done: (description: DocumentActionDescription | null) => boolean,
) {
  const hook = renderHook((props: DocumentActionProps) => action(props), {initialProps: propsFor(draft)})
  await waitFor(() => expect(done(hook.result.current)).toBe(true))
  return hook
}

const settled = (description: DocumentActionDescription | null) => description !== null
const summary = (description: DocumentActionDescription | null) =>
  description && {label: description.label, disabled: description.disabled, title: description.title}

function renderDialog(description: DocumentActionDescription | null) {
  const dialog = description?.dialog
  if (typeof dialog !== 'object' || dialog?.type !== 'dialog') throw new Error('The action opened no dialog')
  return render(<ThemeProvider theme={buildTheme()}>{dialog.content as ReactNode}</ThemeProvider>)
}

describe('Sign off clinical review', () => {
  it('is enabled for a clinician linked to a reviewer profile', async () => {
    studio.user = CLINICIAN
    const {result} = await describeAction(SignOffAction, article(), settled)
    expect(summary(result.current)).toEqual({
      label: 'Sign off clinical review',
      disabled: false,
      title: 'Sign off as Dr. Kate Smith',
    })
  })

  it('is not offered to an editor', async () => {
    studio.user = EDITOR
    // The same props on every render, as the Studio passes them: a new article object each time
    // would start a new review evaluation on every render.
    const props = propsFor(article())
    const {result} = renderHook(() => SignOffAction(props))
    await waitFor(() =>
      expect(studio.fetch).toHaveBeenCalledWith(reviewerProfilesQuery, {}, {perspective: 'published'}),
    )
    await act(async () => {
      await Promise.resolve()
    })
    expect(result.current).toBeNull()
  })

  it('is disabled for a clinician the signers file does not list, and says why', async () => {
    studio.user = {id: 'pKate2', name: 'Kate Smith'}
    const {result} = await describeAction(SignOffAction, article(), settled)
    expect(summary(result.current)).toEqual({
      label: 'Sign off clinical review',
      disabled: true,
      title:
        'Your Studio user (pKate2) is not linked to the reviewer profile “Dr. Kate Smith”. Ask the site’s maintainers to add this ID for clinicalReviewer-kate-smith in the repository’s signers file (schemas/review-signers.json).',
    })
  })

  it('is disabled while the document has validation errors', async () => {
    studio.user = CLINICIAN
    studio.validation = [{level: 'error', message: 'The article has no body text yet.', path: ['body']}]
    const {result} = await describeAction(SignOffAction, article(), settled)
    expect(summary(result.current)).toMatchObject({
      disabled: true,
      title: 'Fix the validation errors first: a clinician signs off complete content only.',
    })
  })

  it('is disabled while the Studio is still validating the document', async () => {
    studio.user = CLINICIAN
    studio.validating = true
    const {result} = await describeAction(SignOffAction, article(), settled)
    expect(summary(result.current)).toMatchObject({
      disabled: true,
      title: 'Checking the article for validation errors…',
    })
  })

  it('signs the content shown, after the attestation is ticked, and confirms with a toast', async () => {
    studio.user = CLINICIAN
    const draft = article()
    const {result} = await describeAction(SignOffAction, draft, (description) => description?.disabled === false)
    act(() => result.current?.onHandle?.())
    await waitFor(() => expect(result.current?.dialog).toBeTruthy())
    renderDialog(result.current)

    const signButton = screen.getByRole('button', {name: 'Sign off'})
    expect(signButton).toHaveProperty('disabled', true)
    expect(screen.getByText('Dr. Kate Smith')).toBeTruthy()
    expect(screen.getByText(/valid for 12 months; editors are warned 30 days/)).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox'))
    fireEvent.change(screen.getByRole('textbox'), {target: {value: 'Checked the program lengths.'}})
    fireEvent.click(screen.getByRole('button', {name: 'Sign off'}))

    await waitFor(() => expect(studio.create).toHaveBeenCalledTimes(1))
    const [[created]] = studio.create.mock.calls as [[Record<string, unknown>]]
    expect(created).toMatchObject({
      _type: 'clinicalSignoff',
      article: {_type: 'reference', _ref: 'article-iop-benefits'},
      reviewer: {_type: 'reference', _ref: REVIEWER_ID},
      contentHash: await clinicalContentHash(draft, [faq()]),
      signer: CLINICIAN.id,
      note: 'Checked the program lengths.',
    })
    // The article is not touched: the sign-off is its own document.
    expect(studio.execute).not.toHaveBeenCalled()
    expect(studio.push).toHaveBeenCalledWith(
      expect.objectContaining({status: 'success', title: 'Clinical review signed off'}),
    )
  })

  it('links the dialog to the preview of the draft being signed, in the Presentation tool', async () => {
    studio.user = CLINICIAN
    const {result} = await describeAction(SignOffAction, article(), (description) => description?.disabled === false)
    act(() => result.current?.onHandle?.())
    await waitFor(() => expect(result.current?.dialog).toBeTruthy())
    renderDialog(result.current)
    const link = screen.getByRole('link', {name: /Open this draft as readers will see it/})
    expect(link.getAttribute('href')).toBe(
      '/studio/presentation/article/article-iop-benefits?preview=%2Fblog%2Fbenefits-of-iop-program-addiction-recovery%2F',
    )
    expect(link.getAttribute('target')).toBe('_blank')
  })

  it('signs nothing when the article changed while the dialog was open', async () => {
    studio.user = CLINICIAN
    const hook = await describeAction(SignOffAction, article(), (description) => description?.disabled === false)
    act(() => hook.result.current?.onHandle?.())
    await waitFor(() => expect(hook.result.current?.dialog).toBeTruthy())
    const dialog = hook.result.current
    hook.rerender(propsFor(article({title: 'Someone else’s new title'})))
    renderDialog(dialog)
    fireEvent.click(screen.getByRole('checkbox'))
    fireEvent.click(screen.getByRole('button', {name: 'Sign off'}))

    await waitFor(() =>
      expect(studio.push).toHaveBeenCalledWith(
        expect.objectContaining({
          status: 'error',
          title: 'Not signed off',
          description: expect.stringContaining('changed'),
        }),
      ),
    )
    expect(studio.create).not.toHaveBeenCalled()
  })
})

/** An attested sign-off of `content` by the fixture clinician, as the attestor leaves it. */
async function attestedSignoff(content = article()) {
  const key = studio.key
  if (!key) throw new Error('The review module mock did not run')
  const signoff = signoffDocument({
    articleId: 'article-iop-benefits',
    contentHash: await clinicalContentHash(content, [faq()]),
    reviewerId: REVIEWER_ID,
    signer: CLINICIAN.id,
  })
  return attestWith(signoff, key)
}

describe('Publish, gated on the review', () => {
  const originalOnHandle = vi.fn()
  const publish: DocumentActionComponent = Object.assign(
    () => ({label: 'Publish', disabled: false, title: '', onHandle: originalOnHandle}),
    {action: 'publish' as const},
  )
  const gated = withReviewGate(publish)
  const checked = (description: DocumentActionDescription | null) =>
    description?.title !== 'Checking the clinical review…'

  for (const user of [EDITOR, CLINICIAN]) {
    it(`is disabled for an unsigned article, saying why (${user === EDITOR ? 'editor' : 'clinician'})`, async () => {
      studio.user = user
      const {result} = await describeAction(gated, article(), checked)
      expect(summary(result.current)).toEqual({
        label: 'Publish',
        disabled: true,
        title: 'Cannot publish: this article needs a clinical sign-off and has none. Request a clinical review.',
      })
      act(() => result.current?.onHandle?.())
      expect(originalOnHandle).not.toHaveBeenCalled()
    })
  }

  it('is the original Publish once the draft is signed off and the sign-off attested', async () => {
    studio.user = EDITOR
    studio.signoffs = [await attestedSignoff()]
    const {result} = await describeAction(gated, article(), checked)
    expect(summary(result.current)).toEqual({label: 'Publish', disabled: false, title: ''})
    act(() => result.current?.onHandle?.())
    expect(originalOnHandle).toHaveBeenCalledTimes(1)
  })

  it('is disabled as stale after an edit to the signed draft', async () => {
    studio.user = EDITOR
    studio.signoffs = [await attestedSignoff()]
    const {result} = await describeAction(gated, article({excerpt: 'A new excerpt.'}), checked)
    expect(result.current?.title).toBe(
      'Cannot publish: the review is stale — the content changed after the sign-off of 2026-11-01. A clinician must sign off this version.',
    )
  })

  it('waits for the attestation of a sign-off, and refuses one it cannot trust', async () => {
    studio.user = EDITOR
    const {signature: _signature, signatureKeyId: _keyId, ...unattested} = await attestedSignoff()
    studio.signoffs = [unattested]
    const waiting = await describeAction(gated, article(), checked)
    expect(waiting.result.current?.title).toBe(
      'Cannot publish yet: the sign-off is waiting for its attestation, which normally arrives within seconds.',
    )
    cleanup()
    studio.signoffs = [{...(await attestedSignoff()), signer: EDITOR.id}]
    const forged = await describeAction(gated, article(), checked)
    expect(forged.result.current?.title).toMatch(
      /^Cannot publish: the sign-off cannot be trusted\. .*signer not allowed/,
    )
  })
})

describe('Request clinical review', () => {
  it('is offered to an editor and records their request with a note', async () => {
    studio.user = EDITOR
    const {result} = await describeAction(
      RequestReviewAction,
      article(),
      (description) => description?.disabled === false,
    )
    expect(summary(result.current)).toEqual({
      label: 'Request clinical review',
      disabled: false,
      title: 'Ask a clinician to review and sign off this article.',
    })
    act(() => result.current?.onHandle?.())
    await waitFor(() => expect(result.current?.dialog).toBeTruthy())
    renderDialog(result.current)
    fireEvent.change(screen.getByRole('textbox'), {target: {value: 'New insurance section'}})
    fireEvent.click(screen.getByRole('button', {name: 'Request review'}))

    expect(studio.execute).toHaveBeenCalledWith([
      {
        set: {
          reviewRequest: expect.objectContaining({
            _type: 'reviewRequest',
            requestedBy: EDITOR.id,
            requestedByName: EDITOR.name,
            note: 'New insurance section',
          }),
        },
      },
    ])
    expect(studio.push).toHaveBeenCalledWith(
      expect.objectContaining({status: 'success', title: 'Clinical review requested'}),
    )
  })

  it('is disabled for a clinician too while a request is open, naming who asked', async () => {
    studio.user = CLINICIAN
    const requested = article({reviewRequest: reviewRequest({requestedByName: EDITOR.name})})
    const {result} = await describeAction(RequestReviewAction, requested, settled)
    expect(summary(result.current)).toEqual({
      label: 'Review requested',
      disabled: true,
      title: 'Review already requested by Morgan Editor on 2026-12-01; waiting for a clinician to sign off.',
    })
  })
})
