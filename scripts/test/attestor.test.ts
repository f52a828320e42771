/**
 * The attestor, as the Sanity webhook reaches it: the Content Lake stand-in calls it when a
 * sign-off is created (with the creator's identity, signed with the webhook secret), and it signs
 * only a sign-off its own signer created and may make, once.
 */
import {DEFAULT_REVIEW_POLICY, evaluateArticleReview, reviewTrust, type SignoffRecord} from '@repo/schemas/review'
import {type StandIn, type StoredDocument, startStandIn} from '@repo/studio/stand-in'
import {encodeSignatureHeader, SIGNATURE_HEADER_NAME} from '@sanity/webhook'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {attestorClient, clientLake, creatorOf} from '../src/attestor/lake.ts'
import {attestPending} from '../src/attestor/pending.ts'
import {type RunningAttestor, startAttestor} from '../src/attestor/server.ts'
import {demoAttestorKey} from '../src/attestor/sign.ts'
import {bundledDatasetFile} from '../src/paths.ts'

const SECRET = 'webhook-secret-for-tests'
const ARTICLE_ID = 'article-iop-benefits'
const REVIEWER_ID = 'clinicalReviewer-kate-smith'
const NOW = new Date('2026-12-01T00:00:00Z')
/** Listed for Dr. Kate Smith in schemas/review-signers.json. */
const CLINICIAN = 'e2e-clinician'

let lake: StandIn
let attestor: RunningAttestor
let client: ReturnType<typeof attestorClient>
/** Where the stand-in's webhook posts: the attestor, or nowhere (a failed delivery). */
let webhookUrl = ''
let seedHash = ''
const key = demoAttestorKey()

beforeAll(async () => {
  lake = await startStandIn({
    datasetFile: bundledDatasetFile,
    users: [
      {id: CLINICIAN, name: 'Kate Smith', email: 'c@x.invalid', role: 'editor', signsAs: REVIEWER_ID},
      {id: 'e2e-editor', name: 'Erin Editor', email: 'e@x.invalid', role: 'editor'},
      {id: 'attestor-robot', name: 'Attestor', email: 'r@x.invalid', role: 'editor'},
    ],
    // The webhook's URL is known once the attestor listens; the stand-in reads it per delivery.
    webhooks: [
      {
        get url() {
          return webhookUrl
        },
        secret: SECRET,
        types: ['clinicalSignoff'],
      },
    ],
  })
  client = attestorClient({
    projectId: 'any',
    dataset: 'production',
    token: lake.user('attestor-robot').token,
    apiHost: lake.apiHost,
  })
  attestor = await startAttestor({key, lake: clientLake(client), webhookSecret: SECRET, now: () => NOW})
  webhookUrl = attestor.url
  seedHash = String(lake.document('clinicalSignoff-708d2085a6e9')?.['contentHash'])
})
afterAll(async () => {
  await lake?.close()
  await attestor?.close()
})

/** Creates a sign-off in the Content Lake as `userId`, as the Studio's Sign off action does. */
async function createAs(userId: string, id: string, fields: Partial<SignoffRecord> = {}): Promise<void> {
  const document = {
    _id: id,
    _type: 'clinicalSignoff',
    article: {_type: 'reference', _ref: ARTICLE_ID, _weak: true},
    contentHash: seedHash,
    reviewer: {_type: 'reference', _ref: REVIEWER_ID},
    signer: CLINICIAN,
    signedAt: '2026-12-01T10:00:00.000Z',
    ...fields,
  }
  const response = await fetch(`${lake.apiHost}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${lake.user(userId).token}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: [{create: document}]}),
    signal: AbortSignal.timeout(10_000),
  })
  expect(response.status).toBe(200)
}

/** Waits (bounded) for the stand-in's webhook delivery of `id`, and returns its HTTP status. */
async function delivered(id: string): Promise<number | 'failed'> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const delivery = lake.webhookDeliveries.find((candidate) => candidate.documentId === id)
    if (delivery) return delivery.status
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`No webhook delivery for ${id}`)
}

/** What the build concludes from the article's sign-offs now in the lake. */
async function buildVerdict(id: string) {
  const signoff = lake.document(id) as StoredDocument & SignoffRecord
  const article = lake.document(ARTICLE_ID) as StoredDocument & {_id: string}
  const faqs = ['faq-iop-length', 'faq-iop-work', 'faq-iop-insurance', 'faq-after-iop'].map(
    (faqId) => lake.document(faqId) as StoredDocument,
  )
  const reviewer = lake.document(REVIEWER_ID) as StoredDocument
  return evaluateArticleReview(
    article,
    {faqs: faqs as never[], signoffs: [signoff], reviewers: [reviewer as never]},
    DEFAULT_REVIEW_POLICY,
    NOW,
    reviewTrust({live: false}),
  )
}

const robotMutations = () =>
  lake.requests.filter((request) => request.path.startsWith('data/mutate/') && request.user === 'attestor-robot')

describe('the attestor', () => {
  it('refuses a webhook whose signature does not match the secret, and attests nothing', async () => {
    await createAs(CLINICIAN, 'clinicalSignoff-bad-webhook')
    await delivered('clinicalSignoff-bad-webhook')
    const body = JSON.stringify({...lake.document('clinicalSignoff-bad-webhook'), createdBy: CLINICIAN, signature: ''})
    const before = lake.document('clinicalSignoff-bad-webhook')?._rev
    const forged = await fetch(attestor.url, {
      method: 'POST',
      headers: {[SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now(), 'not-the-secret')},
      body,
    })
    expect(forged.status).toBe(401)
    const unsigned = await fetch(attestor.url, {method: 'POST', body})
    expect(unsigned.status).toBe(401)
    expect(lake.document('clinicalSignoff-bad-webhook')?._rev).toBe(before)
  })

  it('refuses a sign-off an editor created naming the clinician as signer: no attestation, no claim', async () => {
    await createAs('e2e-editor', 'clinicalSignoff-by-editor')
    expect(await delivered('clinicalSignoff-by-editor')).toBe(403)
    expect(lake.document('clinicalSignoff-by-editor')).not.toHaveProperty('signature')
    const verdict = await buildVerdict('clinicalSignoff-by-editor')
    expect(verdict).toMatchObject({status: 'unverified', signoffProblem: 'unattested'})
  })

  it('refuses a signer the repository does not list for the reviewer, even signing as themselves', async () => {
    await createAs('e2e-editor', 'clinicalSignoff-unlisted', {signer: 'e2e-editor'})
    expect(await delivered('clinicalSignoff-unlisted')).toBe(403)
    expect(lake.document('clinicalSignoff-unlisted')).not.toHaveProperty('signature')
    expect((await buildVerdict('clinicalSignoff-unlisted')).signoffProblem).toBe('signer-not-allowed')
  })

  it('attests a clinician’s own sign-off exactly once, so the build shows the claim', async () => {
    const writesBefore = robotMutations().length
    await createAs(CLINICIAN, 'clinicalSignoff-good')
    expect(await delivered('clinicalSignoff-good')).toBe(200)
    const attested = lake.document('clinicalSignoff-good')
    expect(attested).toMatchObject({signatureKeyId: key.keyId, attestedAt: NOW.toISOString()})
    expect(await buildVerdict('clinicalSignoff-good')).toMatchObject({status: 'valid', reviewerId: REVIEWER_ID})

    // The same delivery again (Sanity retries): nothing is written twice.
    const body = JSON.stringify({...attested, signature: undefined, createdBy: CLINICIAN})
    const again = await fetch(attestor.url, {
      method: 'POST',
      headers: {[SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now(), SECRET)},
      body,
    })
    expect(await again.json()).toMatchObject({result: 'already-attested'})
    expect(lake.document('clinicalSignoff-good')?._rev).toBe(attested?._rev)
    expect(robotMutations().length - writesBefore).toBe(1)
  })

  it('re-runs over the sign-offs still unattested with the same checks, the creator read from the history', async () => {
    webhookUrl = 'http://127.0.0.1:9/signoff'
    try {
      await createAs(CLINICIAN, 'clinicalSignoff-missed')
      expect(await delivered('clinicalSignoff-missed')).toBe('failed')
    } finally {
      webhookUrl = attestor.url
    }
    const rerun = () =>
      attestPending(client, (id) => creatorOf(client, 'production', id), {
        key,
        lake: clientLake(client),
        now: () => NOW,
      })
    const outcomes = await rerun()
    const byId = (id: string) => outcomes.find((outcome) => outcome.message.startsWith(`${id}:`))
    expect(byId('clinicalSignoff-missed')).toMatchObject({result: 'attested'})
    expect(byId('clinicalSignoff-by-editor')).toMatchObject({result: 'refused', status: 403})
    expect(byId('clinicalSignoff-by-editor')?.message).toContain('created by e2e-editor, not by its signer')
    expect(byId('clinicalSignoff-unlisted')?.message).toContain('is not listed for clinicalReviewer-kate-smith')
    expect(await buildVerdict('clinicalSignoff-missed')).toMatchObject({status: 'valid'})
    // Run again: the attested one is no longer pending, the refused ones stay refused.
    expect((await rerun()).map((outcome) => outcome.result)).toEqual(['refused', 'refused'])
  })
})
