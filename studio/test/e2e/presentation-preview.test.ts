/**
 * Preview before publishing, end to end: the production Studio in Chromium on the stand-in, its
 * Presentation tool framing the site's preview server, which reads the stand-in's drafts with a
 * Viewer token. An editor's saved change shows in the preview after a reload; a clinician's
 * sign-off, once the attestor (run as its command, as the Sanity webhook would call it) has signed
 * it, turns the preview's review banner to "signed off".
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningPreviewServer, StandIn, StoredDocument} from '../../stand-in/index.ts'
import {E2E_ATTESTOR_PUBLIC_KEY, type RunningAttestorProcess, startStudioWithAttestor} from './support/attestor.ts'
import {actionDisabled, fieldInput, findAction} from './support/desk.ts'
import {PREVIEW_VIEWER, previewPort, startPreview} from './support/preview.ts'
import {hasChromium, openStudioAs, screenshotOnFailure, USERS, type UserBrowser} from './support/studio.ts'

const ID = 'e2e-preview-article'
const SLUG = 'sleep-in-early-recovery'
const TITLE = 'Sleep in early recovery'
const EDITED_TITLE = 'Sleep in the first weeks of recovery'

/** A block of body text. */
const paragraph = (key: string, text: string, style = 'normal') => ({
  _type: 'block',
  _key: key,
  style,
  markDefs: [],
  children: [{_type: 'span', _key: `${key}-s`, text, marks: []}],
})

/** A complete draft that has never been published, sent for review by the editor. */
const DRAFT: StoredDocument = {
  _id: `drafts.${ID}`,
  _type: 'article',
  title: TITLE,
  slug: {_type: 'slug', current: SLUG},
  excerpt: 'Why sleep is hard in the first weeks of recovery, and what helps.',
  publishedAt: '2026-12-01T09:00:00Z',
  category: 'recovery',
  requiresClinicalReview: true,
  body: [
    paragraph('b1', 'Why sleep changes', 'h2'),
    paragraph('b2', 'Sleep is often broken for weeks after stopping alcohol.'),
    {_type: 'callout', _key: 'c1', tone: 'tip', text: 'Keep the same bedtime every night.'},
  ],
  reviewRequest: {
    _type: 'reviewRequest',
    requestedAt: '2026-12-01T10:00:00Z',
    requestedBy: USERS.editor.id,
    requestedByName: USERS.editor.name,
  },
}

/** The Presentation tool with the article's page. */
const presentationPath = `presentation/article/${ID}?preview=${encodeURIComponent(`/blog/${SLUG}/`)}`

describe.skipIf(!hasChromium)("the Studio's Presentation tool with the preview server", {timeout: 300_000}, () => {
  let lake: StandIn
  let preview: RunningPreviewServer
  let attestor: RunningAttestorProcess | undefined
  let editor: UserBrowser
  let clinician: UserBrowser

  beforeAll(async () => {
    const port = await previewPort()
    // The stand-in calls the attestor when a sign-off is created, as the README's Sanity webhook does.
    ;({lake, attestor} = await startStudioWithAttestor([DRAFT], {
      previewUrl: `http://localhost:${port}`,
      users: [PREVIEW_VIEWER],
    }))
    preview = await startPreview(lake, port, E2E_ATTESTOR_PUBLIC_KEY)
    editor = await openStudioAs(lake, USERS.editor.id)
  }, 300_000)

  screenshotOnFailure(() => ({editor, clinician}))

  afterAll(async () => {
    await editor?.close()
    await clinician?.close()
    await preview?.close()
    await attestor?.close()
    await lake?.close()
  })

  /** The preview frame of a user's Presentation tool. */
  const previewFrame = (browser: UserBrowser) => browser.page.frameLocator(`iframe[src^="${preview.origin}"]`).first()

  /** The page in the preview frame, reloaded (as the preview's own reload does) until `text` shows in `selector`. */
  async function reloadUntil(browser: UserBrowser, selector: string, text: string | RegExp): Promise<void> {
    await expect
      .poll(
        async () => {
          const frame = browser.page.frames().find((candidate) => candidate.url().startsWith(preview.origin))
          const shown = await frame
            ?.locator(selector)
            .first()
            .textContent({timeout: 5_000})
            .catch(() => null)
          if (frame && !(typeof text === 'string' ? shown?.includes(text) : text.test(shown ?? ''))) {
            await frame.evaluate(() => window.location.reload()).catch(() => {})
          }
          return shown
        },
        {timeout: 90_000, interval: 3_000},
      )
      .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text)
  }

  it('shows the draft article in the preview, in draft mode, with its review state', async () => {
    const {page} = editor
    await page.goto(`${lake.studioUrl}${presentationPath}`)
    const frame = previewFrame(editor)
    await frame.locator('h1').filter({hasText: TITLE}).waitFor({timeout: 120_000})
    const banner = frame.locator('.review-banner')
    await expect.poll(() => banner.textContent(), {timeout: 30_000}).toContain('Draft preview')
    expect(await banner.textContent()).toContain('Review requested')
    expect(await frame.locator('.article-body').textContent()).toContain('Sleep is often broken for weeks')
    // The document form sits beside the preview.
    await fieldInput(page, 'title').waitFor({timeout: 60_000})
    await editor.screenshot('presentation-draft-preview')
  })

  it('takes the editor from a heading, or a callout, in the preview to that field of the body, by click', async () => {
    const {page} = editor
    // The overlays connect once the page has loaded; until then a click is an ordinary click.
    await expect
      .poll(
        async () => {
          await previewFrame(editor).locator('.article-body h2').first().click()
          return decodeURIComponent(page.url())
        },
        {timeout: 60_000, interval: 2_000},
      )
      // Presentation's address names the document and the field path the form focuses.
      .toContain(`/presentation/article/${ID}/body[_key=="b1"].children[_key=="b1-s"].text`)
    // The form shows the body field that holds the block.
    await expect.poll(() => page.getByTestId('field-body').isVisible(), {timeout: 30_000}).toBe(true)

    // A callout is an object in the body: its text leads to its own field. The overlays re-render
    // as the form follows the first click, so a click that lands while they do is made again.
    await expect
      .poll(
        async () => {
          await previewFrame(editor).locator('.callout p').filter({hasText: 'Keep the same bedtime'}).click()
          return decodeURIComponent(page.url())
        },
        {timeout: 60_000, interval: 2_000},
      )
      .toContain(`/presentation/article/${ID}/body[_key=="c1"].text`)
    // The callout's fields open in a dialog over the form.
    await page.getByRole('dialog').getByText('Keep the same bedtime every night.').first().waitFor({timeout: 30_000})
  })

  it('shows an editor’s saved change in the preview after a reload', async () => {
    const {page} = editor
    // The editor closes the callout's dialog to reach the title; typing while it holds the focus
    // lands beside the old title instead of replacing it.
    await expect
      .poll(
        async () => {
          if (await page.getByRole('dialog').first().isVisible()) await page.keyboard.press('Escape')
          return page.getByRole('dialog').count()
        },
        {timeout: 30_000, interval: 1_000},
      )
      .toBe(0)
    const title = fieldInput(page, 'title')
    await expect.poll(() => title.inputValue(), {timeout: 30_000}).toBe(TITLE)
    await title.fill(EDITED_TITLE)
    expect(await title.inputValue()).toBe(EDITED_TITLE)
    await expect.poll(() => lake.document(`drafts.${ID}`)?.['title'], {timeout: 30_000}).toBe(EDITED_TITLE)
    await reloadUntil(editor, 'h1', EDITED_TITLE)
    await editor.screenshot('presentation-edited-title')
  })

  it('turns the preview’s banner to “signed off” once the clinician signs off, from a dialog that links to this draft’s preview', async () => {
    clinician = await openStudioAs(lake, USERS.clinician.id)
    const {page} = clinician
    await page.goto(`${lake.studioUrl}${presentationPath}`)
    await previewFrame(clinician).locator('h1').filter({hasText: EDITED_TITLE}).waitFor({timeout: 120_000})

    await expect.poll(() => actionDisabled(page, 'Sign off clinical review'), {timeout: 90_000}).toBe(false)
    const note = page.getByLabel('Note for the editors (optional)')
    const link = page.getByRole('link', {name: /Open this draft as readers will see it/})
    // The sign-off is its own document, created by the clinician and then attested.
    const signed = () =>
      lake.webhookDeliveries
        .map((delivery) => lake.document(delivery.documentId))
        .find(
          (document) => document?._type === 'clinicalSignoff' && (document['article'] as {_ref?: string})?._ref === ID,
        )
    let previewHref: string | null = null
    // The footer re-renders as the review state settles, which can close a dialog just opened:
    // open it again until the sign-off is stored.
    for (let attempt = 0; attempt < 5 && !signed(); attempt++) {
      try {
        if (!(await note.isVisible())) {
          await (await findAction(page, 'Sign off clinical review')).click()
          await note.waitFor({timeout: 10_000})
        }
        previewHref = await link.getAttribute('href', {timeout: 5_000})
        await page.getByText('I have read the title, excerpt, body and embedded FAQs').click({timeout: 5_000})
        await page.getByRole('button', {name: 'Sign off', exact: true}).click({timeout: 5_000})
        await expect.poll(signed, {timeout: 15_000}).toBeDefined()
      } catch {
        await page.keyboard.press('Escape').catch(() => {})
      }
    }
    expect(previewHref).toBe(`/${presentationPath}`)
    expect(signed()).toMatchObject({signer: USERS.clinician.id})

    await reloadUntil(clinician, '.review-banner .title', 'Signed off for exactly this content')
    expect(await previewFrame(clinician).locator('.review-banner').textContent()).toContain('Dr. Kate Smith')
    await clinician.screenshot('presentation-signed-off')
  })
})
