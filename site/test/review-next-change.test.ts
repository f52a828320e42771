import {rm} from 'node:fs/promises'
import type {StoredDocument} from '@repo/schemas/content'
import {reference, type ScratchDir, scratchDir, toNdjson} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {BUNDLED_REVIEW_NOW} from './support/global-setup.ts'
import {bundledDocuments, documentById} from './support/site-fixtures.ts'

/**
 * The bundled dataset (the seed article, reviewed 2026-11-01, valid until 2027-11-01) plus two
 * copies of its article, each with a valid sign-off that lapses on a known date: one signed
 * earlier (review expires 2027-03-10 09:00 UTC), one signed by a reviewer whose licence expires
 * 2027-01-31 (claim ends at the midnight after, 2027-02-01 00:00 UTC). The content hash covers
 * neither the sign-off date nor the reviewer, so both copies are valid on 2026-12-01.
 */
async function datasetWithKnownExpiries(): Promise<StoredDocument[]> {
  const documents = await bundledDocuments()
  const seed = documentById(documents, 'article-iop-benefits')
  const review = seed['clinicalReview'] as Record<string, unknown>
  const copy = (id: string, slug: string, clinicalReview: Record<string, unknown>): StoredDocument => ({
    ...seed,
    _id: id,
    slug: {_type: 'slug', current: slug},
    clinicalReview: {...review, ...clinicalReview},
  })
  return [
    ...documents,
    copy('article-signed-earlier', 'signed-earlier', {reviewedAt: '2026-03-10T09:00:00Z'}),
    copy('article-licence-lapses', 'licence-lapses', {reviewer: reference('clinicalReviewer-b')}),
    {
      _id: 'clinicalReviewer-b',
      _type: 'clinicalReviewer',
      name: 'Dr. B',
      slug: {_type: 'slug', current: 'dr-b'},
      licence: {type: 'LICSW', state: 'MA', verifiedAt: '2026-01-05', expiresAt: '2027-01-31'},
    },
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

  it('shows all three claims today', () => {
    expect(build.output).toMatch(/Clinical review report at 2026-12-01T00:00:00\.000Z: 3 articles \(valid 3,/)
  })

  it('names in its report the next instant a claim lapses, the article and why: here a licence', () => {
    const line = build.output.split('\n').find((text) => text.includes('[review] Next review claim change'))
    expect(line).toContain(
      '[review] Next review claim change: 2027-02-01T00:00:00.000Z (in 62 days): licence-lapses (Dr. B’s licence expires on 2027-01-31).',
    )
  })
})
