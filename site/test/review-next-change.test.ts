import {rm} from 'node:fs/promises'
import type {StoredDocument} from '@repo/schemas/content'
import {
  attestWith,
  demoAttestorKey,
  type ScratchDir,
  scratchDir,
  signoffDocument,
  toNdjson,
} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {BUNDLED_REVIEW_NOW} from './support/global-setup.ts'
import {bundledDocuments, documentById} from './support/site-fixtures.ts'

/**
 * The bundled dataset (the seed article, reviewed 2026-11-01, valid until 2027-11-01) with Dr. Kate
 * Smith's licence expiring 2027-01-31 (so her claims end at the midnight after, 2027-02-01 00:00
 * UTC), plus a copy of its article signed earlier (review expires 2027-03-10 09:00 UTC), attested
 * as the demo attestor attests. The content hash covers neither the sign-off date nor the
 * reviewer, so both are valid on 2026-12-01.
 */
async function datasetWithKnownExpiries(): Promise<StoredDocument[]> {
  const documents = await bundledDocuments()
  const seed = documentById(documents, 'article-iop-benefits')
  const seedSignoff = documentById(documents, 'clinicalSignoff-708d2085a6e9')
  documentById(documents, 'clinicalReviewer-kate-smith')['licence'] = {
    type: 'LICSW',
    state: 'MA',
    verifiedAt: '2026-01-05',
    expiresAt: '2027-01-31',
  }
  const earlier = signoffDocument({
    articleId: 'article-signed-earlier',
    contentHash: String(seedSignoff['contentHash']),
    reviewerId: 'clinicalReviewer-kate-smith',
    signer: 'demo-clinician',
    signedAt: '2026-03-10T09:00:00Z',
  })
  return [
    ...documents,
    {...seed, _id: 'article-signed-earlier', slug: {_type: 'slug', current: 'signed-earlier'}},
    attestWith(earlier, demoAttestorKey()),
  ]
}

describe('a build whose review claims lapse on known dates', () => {
  let scratch: ScratchDir
  let build: BuildResult

  beforeAll(async () => {
    scratch = await scratchDir()
    const datasetFile = await scratch.write('expiries.ndjson', toNdjson(await datasetWithKnownExpiries()))
    build = await buildSite({CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW: BUNDLED_REVIEW_NOW})
  })
  afterAll(async () => {
    await scratch?.remove()
    if (build) await rm(build.outDir, {recursive: true, force: true})
  })

  it('shows both claims today', () => {
    expect(build.output).toMatch(/Clinical review report at 2026-12-01T00:00:00\.000Z: 2 articles \(valid 2,/)
  })

  it('names in its report the next instant a claim lapses, the article and why: here a licence', () => {
    const line = build.output.split('\n').find((text) => text.includes('[review] Next review claim change'))
    expect(line).toContain(
      '[review] Next review claim change: 2027-02-01T00:00:00.000Z (in 62 days): benefits-of-iop-program-addiction-recovery (Dr. Kate Smith’s licence expires on 2027-01-31), signed-earlier (Dr. Kate Smith’s licence expires on 2027-01-31).',
    )
  })
})
