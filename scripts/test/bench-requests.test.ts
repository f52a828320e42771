import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {StoredDocument} from '@repo/site/data/dataset.ts'
import {afterAll, expect, it} from 'vitest'
import {startQueryServer} from '../../site/test/support/query-server.ts'
import {writeCorpus} from '../src/bench/corpus.ts'

const ARTICLES = 1500
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

it(`loads ${ARTICLES.toLocaleString('en-US')} articles from a live project in at most ⌈N/1000⌉ requests plus one per collection`, async () => {
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
      fetchRawContent(): Promise<{articles: unknown[]; programLevels: unknown[]}>
    }
    const queries = (await import('@repo/site/data/queries.ts')) as Record<string, unknown>
    const collections = Object.values(queries).filter((query) => typeof query === 'string').length

    const raw = await fetchRawContent()

    expect(raw.articles).toHaveLength(ARTICLES)
    expect(raw.programLevels).toHaveLength(5)
    expect(server.requests.length).toBeGreaterThan(0)
    expect(server.requests.length).toBeLessThanOrEqual(Math.ceil(ARTICLES / 1000) + collections)
    expect(new Set(server.requests.map((request) => request.perspective))).toEqual(new Set(['published']))
  } finally {
    await server.close()
  }
}, 120_000)
