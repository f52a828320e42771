import {readdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {StoredDocument} from '@repo/schemas/content'
import {type ScratchDir, scratchDir, toNdjson} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {type Browser, hasChromium, launchChromium} from './support/chromium.ts'
import {BUNDLED_REVIEW_NOW} from './support/global-setup.ts'
import {type StaticServer, serveStatic} from './support/serve.ts'
import {bundledDocuments, documentById, editBodyText} from './support/site-fixtures.ts'

/**
 * The bundled dataset plus two articles, each with one word in its body no other page has, and
 * none of whose prefixes is a word of any page: an index without a searched word answers for its
 * longest prefix that it holds (Pagefind's fallback for half-typed words), so "toxicology" would
 * also find, in every other index, the articles that say "to".
 * Built with one article per Pagefind index, the three articles are hashed over three indexes,
 * as thousands are over shards of 500.
 */
async function threeArticles(): Promise<StoredDocument[]> {
  const documents = await bundledDocuments()
  const seed = documentById(documents, 'article-iop-benefits')
  const copy = (id: string, title: string, word: string): StoredDocument => {
    const article = structuredClone({...seed, _id: id, title, slug: {_type: 'slug', current: id}})
    editBodyText(article, 'random drug screenings', `random ${word} screenings`)
    return article
  }
  return [
    ...documents,
    copy('xylazine-article', 'An article about xylazine', 'xylazine'),
    copy('breathalyzer-article', 'An article about breathalyzers', 'breathalyzer'),
  ]
}

describe.skipIf(!hasChromium)('search over an index split into shards, in a real browser', () => {
  let scratch: ScratchDir
  let build: BuildResult
  let server: StaticServer
  let browser: Browser

  beforeAll(async () => {
    scratch = await scratchDir()
    const datasetFile = await scratch.write('three.ndjson', toNdjson(await threeArticles()))
    build = await buildSite({
      CONTENT_DATASET_FILE: datasetFile,
      REVIEW_NOW: BUNDLED_REVIEW_NOW,
      SEARCH_ARTICLES_PER_INDEX: '1',
    })
    server = await serveStatic(build.outDir)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await scratch?.remove()
    if (build) await rm(build.outDir, {recursive: true, force: true})
  })

  it('spreads the articles over more than one index, and merges every shard it wrote', async () => {
    const pagefindDir = join(build.outDir, 'pagefind')
    const shards = (await readdir(pagefindDir)).filter((entry) => /^shard-\d+$/.test(entry)).sort()
    // Three articles at one an index make three indexes: the main one, shard-1 and shard-2, each
    // written only if an article hashed to it.
    expect(shards.length).toBeGreaterThan(0)
    for (const shard of shards) expect(['shard-1', 'shard-2']).toContain(shard)
    // Each shard holds at least one article; the shards hold three at most (the rest are in the main index).
    const articlesIn = async (dir: string) =>
      (JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as {languages: {en: {page_count: number}}})
        .languages.en.page_count
    const counts = await Promise.all(shards.map((shard) => articlesIn(join(pagefindDir, shard))))
    for (const count of counts) expect(count).toBeGreaterThan(0)
    expect(counts.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(3)
    // The search page merges exactly the shards written.
    const merge = await readFile(join(pagefindDir, 'merge-shards.js'), 'utf8')
    const merged = JSON.parse(/mergeIndex: (\[.*\])\}\)/.exec(merge)?.[1] ?? 'null') as {bundlePath: string}[]
    expect(merged.map((bundle) => bundle.bundlePath)).toEqual(shards.map((shard) => `/pagefind/${shard}/`))
  })

  for (const [word, path, title] of [
    ['xylazine', '/blog/xylazine-article/', 'An article about xylazine'],
    ['breathalyzer', '/blog/breathalyzer-article/', 'An article about breathalyzers'],
    [
      'screenings',
      '/blog/benefits-of-iop-program-addiction-recovery/',
      'The Benefits of an IOP Program for Addiction Recovery',
    ],
  ] as const) {
    it(`finds the one article whose body says "${word}", whichever shard holds it, under the page's policy`, async () => {
      const page = await browser.context.newPage()
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await page.goto(`${server.origin}/search/`)
      await page.locator('pagefind-input input').fill(word)
      const result = page.locator(`pagefind-results a[href="${path}"]`).first()
      await result.waitFor()
      expect(await result.textContent()).toBe(title)
      // Therapy pages, indexed whole, list the articles by title; only the bodies count here.
      const articles = page.locator('pagefind-results a[href^="/blog/"]:not([href*="#"])')
      expect(await articles.count()).toBe(word === 'screenings' ? 3 : 1)
      expect(errors).toEqual([])
      await page.close()
    })
  }
})
