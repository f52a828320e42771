import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {StoredDocument} from '@repo/site/data/dataset.ts'
import {createLocalSource} from '@repo/site/data/local-source.ts'
import type {ContentSource} from '@repo/site/data/source-types.ts'
import {afterAll, expect, it} from 'vitest'
import {startQueryServer} from '../../site/test/support/query-server.ts'
import {writeCorpus} from '../src/bench/corpus.ts'

const ARTICLES = 2500
const PAGE_SIZE = 1000
const LIVE_ENV = [
  'SANITY_PROJECT_ID',
  'SANITY_DATASET',
  'SANITY_API_HOST',
  'SANITY_API_READ_TOKEN',
  'CONTENT_DATASET_FILE',
]
const saved = Object.fromEntries(LIVE_ENV.map((key) => [key, process.env[key]]))
const scratchDirs: string[] = []
afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
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
    // The site picks its source from the environment once per build (here: once per test file).
    for (const key of LIVE_ENV) delete process.env[key]
    process.env['SANITY_PROJECT_ID'] = 'benchproject'
    process.env['SANITY_DATASET'] = 'production'
    process.env['SANITY_API_HOST'] = server.apiHost
    // Not followed by the type checker: content.ts reaches `import.meta.env`, typed only in the site.
    const contentModule = '@repo/site/data/content.ts'
    const {fetchRawContent} = (await import(contentModule)) as {
      fetchRawContent(source?: ContentSource): Promise<{articles: Array<{_id: string; publishedAt: string}>}>
    }
    const queries = (await import('@repo/site/data/queries.ts')) as Record<string, unknown>
    const collections = Object.values(queries).filter((query) => typeof query === 'string').length

    const live = await fetchRawContent()

    expect(live.articles).toHaveLength(ARTICLES)
    expect(server.requests.length).toBeLessThanOrEqual(Math.ceil(ARTICLES / PAGE_SIZE) + collections)
    expect(new Set(server.requests.map((request) => request.perspective))).toEqual(new Set(['published']))
    // Paged by `_id`: each articles request starts after the greatest `_id` of the page before.
    const ids = live.articles.map((article) => article._id).sort()
    const articlePages = server.requests.filter((request) => request.query === queries['articlesQuery'])
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
