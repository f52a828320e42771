import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {
  articlesQuery,
  createContentSource,
  createLocalSource,
  fetchRawContent,
  type StoredDocument,
} from '@repo/schemas/content'
import {startQueryServer} from '@repo/schemas/testing'
import {afterAll, expect, it} from 'vitest'
import {writeCorpus} from '../src/bench/corpus.ts'

const ARTICLES = 2500
const PAGE_SIZE = 1000
/** The collections the build reads, one query each. */
const COLLECTIONS = 10
const scratchDirs: string[] = []
afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, {recursive: true, force: true})))
})

it(`loads ${ARTICLES.toLocaleString('en-US')} articles from a live project in at most ⌈N/1000⌉ requests plus one per collection, the same content as from the dataset file`, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-requests-'))
  scratchDirs.push(dir)
  const corpus = await writeCorpus(dir, {articles: ARTICLES, seed: 3})
  const documents = (await readFile(corpus.datasetFile, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as StoredDocument)
  const server = await startQueryServer({documents})
  try {
    // The source the build picks from the same settings.
    const env = {SANITY_PROJECT_ID: 'benchproject', SANITY_DATASET: 'production', SANITY_API_HOST: server.apiHost}
    const live = await fetchRawContent(await createContentSource(env, 'no-dataset-file-is-read.ndjson'))

    expect(live.articles).toHaveLength(ARTICLES)
    // Each article has its sign-off, a collection paged the same way.
    expect(live.signoffs).toHaveLength(ARTICLES)
    expect(server.requests.length).toBeLessThanOrEqual(2 * Math.ceil(ARTICLES / PAGE_SIZE) + COLLECTIONS)
    expect(new Set(server.requests.map((request) => request.perspective))).toEqual(new Set(['published']))
    // Paged by `_id`: each articles request starts after the greatest `_id` of the page before.
    const ids = live.articles.map((article) => article._id).sort()
    const articlePages = server.requests.filter((request) => request.query === articlesQuery)
    expect(articlePages.map((request) => request.params['lastId'])).toEqual([
      '',
      ids[PAGE_SIZE - 1],
      ids[2 * PAGE_SIZE - 1],
    ])

    const local = await fetchRawContent(createLocalSource(documents))
    expect(live).toEqual(local)
    const published = live.articles.map((article) => article.publishedAt)
    expect(published).toEqual([...published].sort().reverse())
  } finally {
    await server.close()
  }
}, 120_000)
