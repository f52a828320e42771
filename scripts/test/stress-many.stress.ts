import {createReadStream} from 'node:fs'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BENCH_REVIEW_NOW} from '../src/bench/corpus.ts'
import {buildAtomically} from '../src/build-site.ts'
import {writeManyDocuments} from '../src/stress.ts'

const DOCUMENTS = 50_000

/**
 * The scale: a dataset of 50,000 documents (the benchmark's fixed documents, the rest
 * articles of ~1,000 words) builds with Node's default heap. How long it takes and how much memory
 * it needs are figures for `pnpm bench` and `node scripts/src/stress.ts --docs 50000` to print,
 * not assertions here.
 */
describe(`a build from a dataset of ${DOCUMENTS.toLocaleString('en-US')} documents`, {timeout: 60_000}, () => {
  let root: string
  let code: number
  let output: string
  let articles: number

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stress-many-'))
    const datasetFile = join(root, 'dataset.ndjson')
    await writeManyDocuments(datasetFile, DOCUMENTS)
    // Read line by line: at 800 MB the file is longer than a string may be.
    articles = 0
    for await (const line of createInterface({input: createReadStream(datasetFile)})) {
      if (line.includes('"_type":"article"')) articles++
    }
    ;({code, output} = await buildAtomically({
      distDir: join(root, 'dist'),
      // Node's default heap: no --max-old-space-size from the environment either.
      env: {CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW: BENCH_REVIEW_NOW, NODE_OPTIONS: ''},
      stdio: 'pipe',
    }))
  }, 1_500_000)

  // 55,000 files and 1 GB of HTML take a while to delete.
  afterAll(async () => {
    if (root) await rm(root, {recursive: true, force: true})
  }, 300_000)

  it('completes with the default heap, every article validly reviewed', () => {
    expect(code, output.slice(-3000)).toBe(0)
    expect(articles).toBeGreaterThan(DOCUMENTS - 100)
    expect(output).toContain(`${articles} articles (valid ${articles}`)
  })

  it('writes a page for every article and lists every one in the sitemap and the search index', async () => {
    const dist = join(root, 'dist')
    const pages = (await readdir(join(dist, 'blog'), {withFileTypes: true})).filter(
      // Listing pages are numbered (`/blog/2/`); category listings live under `/blog/category/`.
      (entry) => entry.isDirectory() && entry.name !== 'category' && !/^\d+$/.test(entry.name),
    )
    expect(pages).toHaveLength(articles)
    const sitemaps = (await readdir(dist)).filter((file) => /^sitemap-\d+\.xml$/.test(file))
    let listed = 0
    for (const file of sitemaps)
      listed += ((await readFile(join(dist, file), 'utf8')).match(/\/blog\/(?!category\/|\d+\/)[^/<]+\/<\/loc>/g) ?? [])
        .length
    expect(listed).toBe(articles)
    // The main index and its shards (`pagefind/shard-<n>/`), which the search page merges.
    const shards = (await readdir(join(dist, 'pagefind'))).filter((name) => /^shard-\d+$/.test(name))
    let indexed = 0
    for (const folder of ['.', ...shards]) {
      const entry = JSON.parse(await readFile(join(dist, 'pagefind', folder, 'pagefind-entry.json'), 'utf8'))
      indexed += entry.languages.en.page_count as number
    }
    expect(shards.length).toBeGreaterThan(0)
    expect(indexed).toBeGreaterThan(articles)
  })
})
