/**
 * Forged sign-offs: each way someone with write access to the dataset (or a stolen attestation)
 * might try to put "Clinically reviewed by" on a page. None gets a claim, and the build's review
 * report names the article and why.
 */
import {
  buildSiteContent,
  createLocalSource,
  fetchRawContent,
  type SiteContent,
  type StoredDocument,
} from '@repo/schemas/content'
import {clinicalContentHash, type ReviewableContent} from '@repo/schemas/review'
import {
  attestWith,
  newAttestorKey,
  signoffDocument,
  type TestAttestorKey,
  testTrust,
} from '@repo/schemas/testing/signoffs'
import {describe, expect, it} from 'vitest'
import {printReviewReport, ReviewStrictError, reviewReportLines} from '../src/data/review-report.ts'
import {textBlock} from './support/site-fixtures.ts'

const NOW = new Date('2026-12-01T00:00:00Z')
const REVIEWER = 'clinicalReviewer-a'
const CLINICIAN = 'pClinician'
const EDITOR = 'pEditor'
const ATTESTOR = newAttestorKey({label: 'the project attestor'})
const STRANGER = newAttestorKey({label: 'a key nobody trusts'})
const DEMO = newAttestorKey({demo: true, label: 'demo key'})
const SIGNERS = {[REVIEWER]: [CLINICIAN]}

const settings: StoredDocument = {_id: 'siteSettings', _type: 'siteSettings', organizationName: 'Test Clinic'}
const reviewer: StoredDocument = {
  _id: REVIEWER,
  _type: 'clinicalReviewer',
  name: 'Dr. A',
  slug: {_type: 'slug', current: 'dr-a'},
}

function article(id: string, text = 'Some clinical text.'): StoredDocument {
  return {
    _id: id,
    _type: 'article',
    title: `Article ${id}`,
    slug: {_type: 'slug', current: id},
    excerpt: 'About treatment.',
    publishedAt: '2026-11-01T09:00:00Z',
    body: [textBlock(`${id}-b1`, [{text}])],
    requiresClinicalReview: true,
  }
}

/** A sign-off of `doc`'s current content by `signer` as Dr. A, unattested. */
async function signoffOf(doc: StoredDocument, signer = CLINICIAN) {
  return signoffDocument({
    articleId: doc._id,
    contentHash: await clinicalContentHash(doc as ReviewableContent),
    reviewerId: REVIEWER,
    signer,
  })
}

async function build(
  documents: StoredDocument[],
  options: {live?: boolean; keys?: TestAttestorKey[]} = {},
): Promise<{content: SiteContent; report: string[]}> {
  const trust = testTrust(options.keys ?? [ATTESTOR], SIGNERS, {live: options.live ?? false})
  const raw = await fetchRawContent(createLocalSource([settings, reviewer, ...documents]))
  const content = await buildSiteContent(raw, NOW, trust)
  return {content, report: reviewReportLines(content.articles, NOW)}
}

/** Asserts the article shows no claim and the report names it with the reason. */
function expectNoClaim({content, report}: {content: SiteContent; report: string[]}, slug: string, reason: RegExp) {
  const entry = content.articles.find((candidate) => candidate.article.slug === slug)
  expect(entry?.reviewedBy, slug).toBeUndefined()
  expect(entry?.review.status, slug).not.toBe('valid')
  const line = report.find((text) => text.includes(` ${slug}: `))
  expect(line, `report line for ${slug}`).toMatch(reason)
}

describe('a sign-off someone forged', () => {
  it('is not needed to trust a real one: an attested sign-off by a listed clinician carries the claim', async () => {
    const real = article('real')
    const {content} = await build([real, attestWith(await signoffOf(real), ATTESTOR)])
    expect(content.articles[0]?.reviewedBy?.reviewer.name).toBe('Dr. A')
  })

  it('created by an editor naming the clinician: the attestor never signed it, so it is unattested', async () => {
    const target = article('editor-created')
    const forged = {...(await signoffOf(target)), _id: 'clinicalSignoff-by-editor'}
    const withFakeSignature = {
      ...forged,
      _id: 'clinicalSignoff-fake-sig',
      signature: 'AAAA',
      signatureKeyId: ATTESTOR.trusted.id,
    }
    expectNoClaim(await build([target, forged]), 'editor-created', /unverified\s+editor-created: .*unattested/)
    expectNoClaim(await build([target, withFakeSignature]), 'editor-created', /signature invalid/)
  })

  it('whose signer the repository’s signers file does not list, even if it was attested', async () => {
    const target = article('unlisted-signer')
    const signoff = attestWith(await signoffOf(target, EDITOR), ATTESTOR)
    expectNoClaim(await build([target, signoff]), 'unlisted-signer', /signer not allowed: its signer is not listed/)
  })

  it('carrying a valid attestation copied from another article’s sign-off', async () => {
    const original = article('original')
    const copy = article('copy')
    const genuine = attestWith(await signoffOf(original), ATTESTOR)
    const pasted = {
      ...(await signoffOf(copy)),
      _id: 'clinicalSignoff-pasted',
      signature: genuine.signature,
      signatureKeyId: genuine.signatureKeyId,
    }
    const built = await build([original, genuine, copy, pasted])
    expect(built.content.articles.find((entry) => entry.article.slug === 'original')?.reviewedBy).toBeDefined()
    expectNoClaim(built, 'copy', /signature invalid: its signature does not match/)
  })

  it('attested with a key this build does not trust', async () => {
    const target = article('stranger-key')
    const signoff = attestWith(await signoffOf(target), STRANGER)
    expectNoClaim(await build([target, signoff]), 'stranger-key', /untrusted key: .*which this build does not trust/)
  })

  it('edited after its attestation, to vouch for content the clinician never saw', async () => {
    const signed = article('edited-after', 'What the clinician read.')
    const attested = attestWith(await signoffOf(signed), ATTESTOR)
    const rewritten = article('edited-after', 'Something else entirely.')
    const edited = {...attested, contentHash: await clinicalContentHash(rewritten as ReviewableContent)}
    expectNoClaim(await build([rewritten, edited]), 'edited-after', /signature invalid/)
  })

  it('attested with the demo key, in a live build', async () => {
    const target = article('demo-key')
    const signoff = attestWith(await signoffOf(target), DEMO)
    const bundled = await build([target, signoff], {keys: [DEMO]})
    expect(bundled.content.articles[0]?.review.status).toBe('valid')
    expectNoClaim(
      await build([target, signoff], {keys: [DEMO], live: true}),
      'demo-key',
      /untrusted key: it is attested with the demo key, which a live build never trusts/,
    )
  })

  it('fails a strict build (REVIEW_STRICT=1), which names the article it refused', async () => {
    const target = article('strict')
    const {content, report} = await build([target, await signoffOf(target, EDITOR)])
    expect(report[0]).toMatch(/unverified 1/)
    expect(() => printReviewReport(content, {strict: true, log: () => {}})).toThrow(ReviewStrictError)
    expect(() => printReviewReport(content, {strict: true, log: () => {}})).toThrow(/strict \(unverified\)/)
  })
})
