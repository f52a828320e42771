/**
 * The editorial half of the product, end to end: the production Studio build in Chromium
 * against the local Content Lake stand-in, an editor and a clinician each in their own browser.
 * Each step saves a screenshot in `studio/test-results/e2e/`.
 */
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Article} from '@repo/schemas/types'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {StandIn} from '../../stand-in/index.ts'
import {E2E_ATTESTOR_PUBLIC_KEY, type RunningAttestorProcess, startStudioWithAttestor} from './support/attestor.ts'
import {
  actionDisabled,
  actionTooltip,
  badge,
  closeActionMenu,
  fieldInput,
  findAction,
  richText,
} from './support/desk.ts'
import {hasChromium, openStudioAs, REPO_ROOT, screenshotOnFailure, USERS, type UserBrowser} from './support/studio.ts'

const TITLE = 'Going back to work during IOP'
const NOTE = 'Please check the advice on telling an employer.'
const SLUG = 'going-back-to-work-during-iop'
/** An article draft that fails validation (no slug, excerpt, date or body), for step 5. */
const INCOMPLETE = {_id: 'drafts.e2e-incomplete', _type: 'article', title: 'Half-written article about detox'}

/** A live-mode site build against the stand-in (`pnpm build --dist`), as a deploy would run it. */
function buildSite(lake: StandIn, dist: string): Promise<string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    SANITY_PROJECT_ID: 'e2e',
    SANITY_DATASET: lake.dataset,
    SANITY_API_HOST: lake.apiHost,
    // The project's attestor key; the demo key would be refused by this live build.
    REVIEW_TRUSTED_KEYS: E2E_ATTESTOR_PUBLIC_KEY,
    DO_NOT_TRACK: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  }
  delete env['CONTENT_DATASET_FILE']
  delete env['SANITY_API_READ_TOKEN']
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['scripts/src/build-site.ts', '--dist', dist], {cwd: REPO_ROOT, env})
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(output)
      else reject(new Error(`The live-mode site build failed (exit ${code}):\n${output.slice(-3000)}`))
    })
  })
}

/** The sign-offs of an article in the stand-in, as an editor's query reads them. */
async function signoffsOf(lake: StandIn, articleId: string): Promise<Record<string, unknown>[]> {
  const groq = `*[_type == "clinicalSignoff" && article._ref == $id] | order(signedAt asc)`
  const url = `${lake.apiHost}/v2025-02-19/data/query/${lake.dataset}?query=${encodeURIComponent(groq)}&$id=${encodeURIComponent(JSON.stringify(articleId))}&perspective=raw`
  const response = await fetch(url, {
    headers: {authorization: `Bearer ${lake.user(USERS.editor.id).token}`},
    signal: AbortSignal.timeout(10_000),
  })
  return ((await response.json()) as {result: Record<string, unknown>[]}).result
}

/** What the first test checks of a draft, small enough to print whole when the check times out. */
function draftShape(stored: Record<string, unknown> | null) {
  const draft = stored as Partial<Article> | null
  return {
    slug: draft?.slug,
    publishedAt: draft?.publishedAt,
    category: draft?.category,
    blocks: (draft?.body ?? []).map((block) =>
      block._type === 'block'
        ? {style: block.style, listItem: block.listItem, text: block.children?.map((span) => span.text).join('')}
        : {type: block._type},
    ),
  }
}

/** Polls `read` until `accept` holds; the stand-in's state follows the browser's saves. */
async function eventually<T>(read: () => T, accept: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = read()
    if (accept(value)) return value
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe.skipIf(!hasChromium)('the editorial workflow in the built Studio', {timeout: 300_000}, () => {
  let lake: StandIn
  let attestor: RunningAttestorProcess | undefined
  let editor: UserBrowser
  let clinician: UserBrowser
  /** The new article's published ID. */
  let articleId = ''

  beforeAll(async () => {
    // The stand-in calls the attestor when a sign-off is created, as the README's Sanity webhook does.
    ;({lake, attestor} = await startStudioWithAttestor([INCOMPLETE]))
    editor = await openStudioAs(lake, USERS.editor.id)
    clinician = await openStudioAs(lake, USERS.clinician.id)
  }, 300_000)

  screenshotOnFailure(() => ({editor, clinician}))

  afterAll(async () => {
    await editor?.close()
    await clinician?.close()
    await lake?.close()
    await attestor?.close()
  })

  it('lets an editor write an article, keeps Publish disabled until a clinician signs off, and sends it for review with a note', async () => {
    const {page} = editor
    await page.goto(`${lake.studioUrl}intent/create/template=article;type=article/`)
    await fieldInput(page, 'title').fill(TITLE, {timeout: 60_000})
    articleId =
      /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(decodeURIComponent(page.url()))?.[1] ?? ''
    expect(articleId).not.toBe('')
    await page.getByTestId('field-slug').getByRole('button', {name: 'Generate'}).click()
    await fieldInput(page, 'excerpt').fill(
      'How people in an intensive outpatient program keep their job, and what to tell an employer.',
    )
    await fieldInput(page, 'publishedAt').fill('2026-12-01 09:00')
    await fieldInput(page, 'publishedAt').press('Enter')
    await page.locator('#category').selectOption({label: 'Recovery'})

    // Each step waits until the editor shows it, as a person would look before typing on: on a
    // busy machine, keys sent while a style menu closes land in the wrong block.
    const body = richText(page, 'body')
    const bullets = body.locator('[data-list-item="bullet"]')
    await body.click()
    await page.keyboard.type('Why routine helps')
    await body.getByText('Why routine helps').waitFor()
    // The style menu re-renders while the Studio settles: when it closed under the pointer, a
    // person opens it again, and so does this, up to three times.
    const heading2 = page.getByRole('menuitem', {name: 'Heading 2'})
    for (let attempt = 1; ; attempt++) {
      if (!(await heading2.isVisible()))
        await page.getByTestId('field-body').getByRole('button', {name: 'Normal'}).click()
      const chosen = await heading2
        .click({timeout: 15_000})
        .then(() => true)
        .catch((error: unknown) => {
          if (attempt === 3) throw error
          return false
        })
      if (chosen) break
    }
    await body.locator('h2', {hasText: 'Why routine helps'}).click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Most IOP schedules leave the working day free.')
    await body.getByText('Most IOP schedules leave the working day free.').waitFor()
    await page.keyboard.press('Enter')
    await page.getByTestId('field-body').getByTestId('action-button-bullet').first().click()
    await bullets.first().waitFor()
    await page.keyboard.type('Sessions in the evening')
    await bullets.getByText('Sessions in the evening').waitFor()
    await page.keyboard.press('Enter')
    await page.keyboard.type('A return-to-work plan with your counsellor')
    await bullets.getByText('A return-to-work plan with your counsellor').waitFor()

    const draft = await eventually(
      () => draftShape(lake.document(`drafts.${articleId}`)),
      (shape) =>
        shape.blocks.some((block) => block.style === 'h2') &&
        shape.blocks.filter((block) => block.listItem === 'bullet').length === 2 &&
        typeof shape.publishedAt === 'string' &&
        shape.category === 'recovery',
      'the draft with a heading, a two-item list, a date and a category',
    )
    expect(draft.slug).toEqual({_type: 'slug', current: SLUG})

    // Validation runs first (the slug's uniqueness is checked against the stand-in); then the gate.
    await expect
      .poll(() => actionTooltip(page, 'Publish'), {timeout: 90_000})
      .toContain('this article needs a clinical sign-off and has none')
    expect(await actionDisabled(page, 'Publish')).toBe(true)
    await closeActionMenu(page)
    await editor.screenshot('1-editor-publish-needs-review')

    await (await findAction(page, 'Request clinical review')).click()
    await page.getByRole('dialog').last().locator('textarea').fill(NOTE)
    await page.getByRole('dialog').last().getByRole('button', {name: 'Request review'}).click()
    await expect.poll(() => badge(page, 'Awaiting review').isVisible(), {timeout: 30_000}).toBe(true)
    const requested = lake.document(`drafts.${articleId}`)?.['reviewRequest'] as Record<string, unknown> | undefined
    expect(requested).toMatchObject({requestedBy: USERS.editor.id, requestedByName: USERS.editor.name, note: NOTE})
    await editor.screenshot('1-editor-review-requested')
  })

  it('shows the clinician the article under “Awaiting review”; their sign-off takes it off that list and lets the editor publish', async () => {
    const {page} = clinician
    await page.goto(`${lake.studioUrl}structure/articles;awaiting-review`)
    const listed = page.getByRole('link').filter({hasText: TITLE})
    await listed.waitFor({timeout: 90_000})
    await clinician.screenshot('2-clinician-awaiting-review')
    await listed.click()

    await expect.poll(() => actionDisabled(page, 'Sign off clinical review'), {timeout: 90_000}).toBe(false)
    const note = page.getByLabel('Note for the editors (optional)')
    // The footer re-renders as the review state settles; a click on a button being replaced is lost.
    for (let attempt = 0; attempt < 5 && !(await note.isVisible()); attempt++) {
      await (await findAction(page, 'Sign off clinical review')).click()
      await note.waitFor({timeout: 10_000}).catch(() => {})
    }
    expect(await page.getByText('Dr. Kate Smith', {exact: true}).count()).toBeGreaterThan(0)
    await note.fill('Accurate; employer advice is sound.')
    await page.getByText('I have read the title, excerpt, body and embedded FAQs').click()
    await clinician.screenshot('2-clinician-sign-off-dialog')
    await page.getByRole('button', {name: 'Sign off', exact: true}).click()

    // The sign-off is its own document, created by the clinician; the attestor then signs it.
    await expect.poll(async () => (await signoffsOf(lake, articleId)).length, {timeout: 30_000}).toBe(1)
    const signoffs = await signoffsOf(lake, articleId)
    expect(signoffs[0]).toMatchObject({
      reviewer: {_ref: 'clinicalReviewer-kate-smith'},
      signer: USERS.clinician.id,
      note: 'Accurate; employer advice is sound.',
    })
    expect(lake.document(`drafts.${articleId}`)).not.toHaveProperty('clinicalReview')
    const signoffId = String(signoffs[0]?.['_id'])
    const attested = await eventually(
      () => lake.document(signoffId),
      (document) => typeof document?.['signature'] === 'string',
      'the attestation on the sign-off',
    )
    expect(attested?.['signatureKeyId']).toMatch(/^ed25519:/)
    // The stand-in records a delivery once the attestor has answered, which it does just after
    // saving the attestation: read at once, the record can still be missing.
    await expect
      .poll(() => lake.webhookDeliveries.filter((delivery) => delivery.documentId === signoffId), {timeout: 10_000})
      .toEqual([expect.objectContaining({status: 200})])
    // Step 6: the work list no longer holds it. The sign-off is its own document and the list's
    // listener follows articles only, so the list is read again (a reload), as a clinician would.
    await page.reload()
    await expect.poll(() => listed.count(), {timeout: 60_000}).toBe(0)
    await expect.poll(() => badge(page, /^Reviewed \d{4}-\d{2}-\d{2}$/).isVisible(), {timeout: 30_000}).toBe(true)
    await clinician.screenshot('2-clinician-signed-off')

    const editorPage = editor.page
    await expect.poll(() => actionDisabled(editorPage, 'Publish'), {timeout: 90_000}).toBe(false)
    await editor.screenshot('2-editor-publish-enabled')
    await (await findAction(editorPage, 'Publish')).click()
    const published = await eventually(
      () => lake.document(articleId),
      (document) => document !== null && lake.document(`drafts.${articleId}`) === null,
      'the published article',
      60_000,
    )
    expect(published).not.toHaveProperty('clinicalReview')
  })

  it('keeps Publish enabled after an SEO-only edit, disables it with the reason once one word of the body changes, and the published page keeps its claim', async () => {
    const {page} = editor
    await page.getByRole('tab', {name: 'SEO'}).click()
    await fieldInput(page, 'seo.metaTitle').fill('Working during IOP')
    await eventually(
      () => lake.document(`drafts.${articleId}`)?.['seo'] as {metaTitle?: string} | undefined,
      (seo) => seo?.metaTitle === 'Working during IOP',
      'the SEO edit in the draft',
    )
    await expect.poll(() => actionDisabled(page, 'Publish'), {timeout: 90_000}).toBe(false)
    await closeActionMenu(page)

    await page.getByRole('tab', {name: 'Content'}).click()
    const sentence = page.getByText('Most IOP schedules leave the working day free.')
    const publishedBody = JSON.stringify(lake.document(articleId)?.['body'])
    // Double-clicking a word selects it; typing replaces it: one word of the body changes.
    await sentence.scrollIntoViewIfNeeded()
    await sentence.dblclick()
    await page.keyboard.type('open')
    await eventually(
      () => JSON.stringify(lake.document(`drafts.${articleId}`)?.['body'] ?? ''),
      (body) => body !== publishedBody && /Most IOP[^"]*open/.test(body),
      'the one-word edit in the draft',
    )
    await expect.poll(() => badge(page, 'Review stale').isVisible(), {timeout: 60_000}).toBe(true)
    await expect.poll(() => actionTooltip(page, 'Publish'), {timeout: 90_000}).toContain('the review is stale')
    expect(await actionDisabled(page, 'Publish')).toBe(true)
    await editor.screenshot('4-editor-review-stale')
    await closeActionMenu(page)

    // Step 3: a live-mode site build against the stand-in shows the claim for the published,
    // signed version; the stale draft never reaches it.
    const dist = await mkdtemp(join(tmpdir(), 'e2e-site-'))
    try {
      await buildSite(lake, join(dist, 'site'))
      const html = await readFile(join(dist, 'site', 'blog', SLUG, 'index.html'), 'utf8')
      const [signoff] = await signoffsOf(lake, articleId)
      const reviewedAt = String(signoff?.['signedAt'])
      expect(html).toMatch(/Clinically reviewed by[\s\S]{0,400}Dr\. Kate Smith/)
      expect(html).toContain(`datetime="${reviewedAt.slice(0, 10)}`)
      expect(html).toContain('leave the working day free.')
      expect(html).not.toMatch(/Most IOP[^<]*open/)
    } finally {
      await rm(dist, {recursive: true, force: true})
    }
  })

  it('never gives a usable Sign off to the editor (even after adding their user ID to the reviewer profile), to a clinician not linked to a reviewer profile, or on an article with validation errors', async () => {
    // The editor writes their own user ID into Dr. Kate Smith's profile, as the old
    // `sanityUserIds` field allowed (through the API: the form no longer has the field).
    const reviewerId = 'clinicalReviewer-kate-smith'
    const patched = await fetch(`${lake.apiHost}/v2025-02-19/data/mutate/${lake.dataset}`, {
      method: 'POST',
      headers: {authorization: `Bearer ${lake.user(USERS.editor.id).token}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{patch: {id: reviewerId, set: {sanityUserIds: [USERS.editor.id]}}}]}),
      signal: AbortSignal.timeout(10_000),
    })
    expect(patched.status).toBe(200)
    expect(lake.document(reviewerId)?.['sanityUserIds']).toEqual([USERS.editor.id])
    const {page} = editor
    await page.goto(`${lake.studioUrl}structure/clinicalReviewer;${reviewerId}`)
    await fieldInput(page, 'name').waitFor({timeout: 60_000})
    expect(await page.getByText('Studio users who sign as this reviewer').count()).toBe(0)
    await page.goto(`${lake.studioUrl}structure/articles;all-articles;${articleId}`)

    // The editor: no Sign off at all, in the footer or its menu.
    await findAction(page, 'Publish')
    expect(await page.locator('[data-testid="action-Signoffclinicalreview" i]').count()).toBe(0)
    expect(await page.getByTestId('pane-footer').getByRole('button', {name: 'Sign off clinical review'}).count()).toBe(
      0,
    )
    await closeActionMenu(page)

    // A clinician whose name matches the profile but whose user is not linked to it.
    const unlinked = await openStudioAs(lake, USERS.unlinked.id)
    try {
      await unlinked.page.goto(`${lake.studioUrl}structure/articles;all-articles;${articleId}`)
      await expect
        .poll(() => actionTooltip(unlinked.page, 'Sign off clinical review'), {timeout: 90_000})
        .toContain(`Your Studio user (${USERS.unlinked.id}) is not linked to the reviewer profile`)
      expect(await actionDisabled(unlinked.page, 'Sign off clinical review')).toBe(true)
      await unlinked.screenshot('5-unlinked-clinician')
    } finally {
      await unlinked.close()
    }

    // The linked clinician, on an article that does not validate.
    await clinician.page.goto(`${lake.studioUrl}structure/articles;all-articles;e2e-incomplete`)
    await expect
      .poll(() => actionTooltip(clinician.page, 'Sign off clinical review'), {timeout: 90_000})
      .toContain('Fix the validation errors first')
    expect(await actionDisabled(clinician.page, 'Sign off clinical review')).toBe(true)
    await clinician.screenshot('5-clinician-validation-errors')
  })
})
