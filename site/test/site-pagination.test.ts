import {rm} from 'node:fs/promises'
import type {StoredDocument} from '@repo/schemas/content'
import {type ScratchDir, scratchDir, toNdjson} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ARTICLES_PER_PAGE} from '../src/data/content.ts'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {BUNDLED_REVIEW_NOW} from './support/global-setup.ts'
import {bundledDocuments, textBlock} from './support/site-fixtures.ts'
import {readPage, visibleText} from './support/site-html.ts'

/** Extra articles, all in Recovery, one a day before the seed article's date, newest first by number. */
const EXTRA = Math.round(ARTICLES_PER_PAGE * 2.5)

function extraArticle(n: number): StoredDocument {
  const day = String(28 - (n % 28)).padStart(2, '0')
  return {
    _id: `article-extra-${n}`,
    _type: 'article',
    title: `Extra article ${n}`,
    slug: {_type: 'slug', current: `extra-article-${n}`},
    excerpt: `Summary of extra article ${n}.`,
    // Older than the seed article (2026-11-01) and each older than the one before.
    publishedAt: `2026-${String(10 - Math.floor(n / 28)).padStart(2, '0')}-${day}T09:00:00Z`,
    category: 'recovery',
    requiresClinicalReview: false,
    body: [textBlock(`b${n}`, [{text: `Body of extra article ${n}.`}])],
  }
}

describe(`the blog listing with ${EXTRA + 1} articles`, () => {
  let scratch: ScratchDir
  let build: BuildResult

  beforeAll(async () => {
    scratch = await scratchDir()
    const documents = [...(await bundledDocuments()), ...Array.from({length: EXTRA}, (_, n) => extraArticle(n))]
    const file = await scratch.write('dataset.ndjson', toNdjson(documents))
    build = await buildSite({CONTENT_DATASET_FILE: file, REVIEW_NOW: BUNDLED_REVIEW_NOW})
  })

  afterAll(async () => {
    await scratch?.remove()
    if (build) await rm(build.outDir, {recursive: true, force: true})
  })

  const titlesOn = async (path: string) =>
    [...(await readPage(build.outDir, path)).document.querySelectorAll('main li.card :is(h2, h3)')].map((h) =>
      visibleText(h),
    )

  it(`shows ${ARTICLES_PER_PAGE} articles a page, newest first, and the rest on the following pages`, async () => {
    const first = await titlesOn('/blog/')
    expect(first).toHaveLength(ARTICLES_PER_PAGE)
    expect(first[0]).toBe('The Benefits of an IOP Program for Addiction Recovery')
    expect(first[1]).toBe('Extra article 0')
    const second = await titlesOn('/blog/2/')
    expect(second[0]).toBe(`Extra article ${ARTICLES_PER_PAGE - 1}`)
    const last = await titlesOn('/blog/3/')
    expect(last).toHaveLength(EXTRA + 1 - 2 * ARTICLES_PER_PAGE)
    expect(last.at(-1)).toBe(`Extra article ${EXTRA - 1}`)
  })

  it('links each page to the newer and older ones, and says where the reader is', async () => {
    const second = (await readPage(build.outDir, '/blog/2/')).document
    const nav = second.querySelector('nav.pagination')
    expect(nav?.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/blog/')
    expect(nav?.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/blog/3/')
    expect(visibleText(nav)).toContain('Page 2 of 3')
    const last = (await readPage(build.outDir, '/blog/3/')).document
    expect(last.querySelector('nav.pagination a[rel="next"]')).toBeNull()
  })

  it('pages a category listing the same way, with only that category’s articles', async () => {
    const first = await titlesOn('/blog/category/recovery/')
    expect(first).toHaveLength(ARTICLES_PER_PAGE)
    expect(first.every((title) => title.startsWith('Extra article'))).toBe(true)
    const last = await titlesOn('/blog/category/recovery/3/')
    expect(last).toHaveLength(EXTRA - 2 * ARTICLES_PER_PAGE)
  })
})
