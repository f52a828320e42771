import {readdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {readDataset, type StoredDocument} from '@repo/schemas/content'
import {BUNDLED_DATASET_FILE, type ScratchDir, scratchDir, toNdjson} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from './support/build-site.ts'

// A word no page would contain by accident: any occurrence in the output is an unpublished text shown.
const MARKER = 'Zyxwvdraftonlymarker'

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

/** An unpublished copy of `published` under `id`, its title, excerpt and first paragraph rewritten. */
function unpublishedCopy(published: StoredDocument, id: string, slug: string): StoredDocument {
  const body = published['body'] as Array<Record<string, unknown>>
  const paragraph = {
    _type: 'block',
    _key: 'draftparagraph',
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: 'draftspan', text: `Rewritten opening, not yet approved: ${MARKER}.`, marks: []}],
  }
  return {
    ...published,
    _id: id,
    title: `The Benefits of an IOP Program (${MARKER} draft)`,
    slug: {_type: 'slug', current: slug},
    excerpt: `${MARKER} excerpt.`,
    body: [paragraph, ...body.slice(1)],
  }
}

describe('the bundled dataset with unpublished versions of the article', {timeout: 180_000}, () => {
  let dir: ScratchDir
  let outDir: string

  beforeAll(async () => {
    const {documents} = await readDataset(BUNDLED_DATASET_FILE)
    const article = documents.find((doc) => doc._id === 'article-iop-benefits')
    if (!article) throw new Error('The bundled dataset has no article-iop-benefits.')
    const slug = String((article['slug'] as {current: string}).current)
    dir = await scratchDir()
    const file = await dir.write(
      'with-drafts.ndjson',
      toNdjson([
        ...documents,
        // The usual case: an editor's draft of a published article, same slug.
        unpublishedCopy(article, 'drafts.article-iop-benefits', slug),
        // A release version and a draft that was never published, each at its own slug.
        unpublishedCopy(article, 'versions.rSpring.article-iop-benefits', `${slug}-spring`),
        unpublishedCopy(article, 'drafts.article-never-published', 'never-published'),
      ]),
    )
    ;({outDir} = await buildSite({CONTENT_DATASET_FILE: file, REVIEW_NOW: '2026-12-01T00:00:00Z'}))
  })
  afterAll(async () => {
    await dir?.remove()
    if (outDir) await rm(outDir, {recursive: true, force: true})
  })

  it('shows the published article text', async () => {
    const page = await readFile(
      join(outDir, 'blog', 'benefits-of-iop-program-addiction-recovery', 'index.html'),
      'utf8',
    )
    expect(page).toContain('The Benefits of an IOP Program for Addiction Recovery')
    expect(page).toContain('Addiction recovery is not a one-size-fits-all journey.')
  })

  it('writes no text of a draft or release version into any built file', async () => {
    const shown: string[] = []
    let files = 0
    for await (const file of filesUnder(outDir)) {
      files++
      if ((await readFile(file)).includes(MARKER)) shown.push(file)
    }
    expect(files).toBeGreaterThan(1)
    expect(shown).toEqual([])
  })
})
