/**
 * Where our build's time goes before Astro renders a page, measured outside Astro with the content
 * layer the build reads through: reading the dataset, indexing it, evaluating each collection query
 * with groq-js, joining the collections and deciding every review (`buildSiteContent`). What the
 * build spends beyond these (Vite, layouts, Portable Text, writing pages) is the build's wall time
 * minus their sum.
 *
 * Run as a script (`node stages.ts <dataset> <review-now>`) it prints the result as JSON, so the
 * benchmark can measure in a fresh process whose memory does not mix with its own.
 */
import {dirname, join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'
import {
  articlesQuery,
  authorsQuery,
  buildSiteContent,
  createLocalSource,
  faqsQuery,
  imageAssetsQuery,
  programLevelsQuery,
  type RawContent,
  readDataset,
  redirectsQuery,
  reviewersQuery,
  settingsQuery,
  signoffsQuery,
  therapiesQuery,
} from '@repo/schemas/content'
import {isMain} from '../paths.ts'

/** One measured stage; `error` instead of a time when the stage could not run. */
export interface StageTiming {
  name: string
  ms: number | null
  /** What was measured, in a few words (counts, per-item cost). */
  detail: string
  error?: string
  /** A part of the stage before it (one query of the GROQ evaluation), not added to the total. */
  sub?: boolean
}

/** The site package's root folder. */
export const SITE_ROOT = fileURLToPath(new URL('../../../site/', import.meta.url))

const since = (start: number) => performance.now() - start

/** Measures the stages over the dataset in `datasetFile`, with review status decided at `now`. */
export async function measureStages(datasetFile: string, now: Date): Promise<StageTiming[]> {
  const stages: StageTiming[] = []
  // `work` may report its own time, to leave out the module loading it does first.
  const run = async <T>(
    name: string,
    work: () => Promise<{value: T; detail: string; ms?: number}>,
  ): Promise<T | undefined> => {
    const start = performance.now()
    try {
      const {value, detail, ms} = await work()
      stages.push({name, ms: ms ?? since(start), detail})
      return value
    } catch (error) {
      stages.push({name, ms: null, detail: '', error: error instanceof Error ? error.message : String(error)})
      return undefined
    }
  }

  const documents = await run('dataset load (readDataset)', async () => {
    const {documents: value} = await readDataset(datasetFile)
    return {value, detail: `${value.length} documents`}
  })
  if (!documents) return stages
  const source = await run('ID index (createLocalSource)', async () => ({
    value: createLocalSource(documents),
    detail: 'published filter and _id map',
  }))
  if (!source) return stages

  // The same queries, the same way, as the build's `fetchRawContent`, each timed on its own.
  const queries = {
    articles: () => source.fetchAll(articlesQuery),
    programLevels: () => source.fetch(programLevelsQuery),
    therapies: () => source.fetch(therapiesQuery),
    faqs: () => source.fetchAll(faqsQuery),
    reviewers: () => source.fetch(reviewersQuery),
    authors: () => source.fetch(authorsQuery),
    settings: () => source.fetch(settingsQuery),
    imageAssets: () => source.fetchAll(imageAssetsQuery),
    redirects: () => source.fetchAll(redirectsQuery),
    signoffs: () => source.fetchAll(signoffsQuery),
  } satisfies {[K in keyof RawContent]: () => Promise<RawContent[K]>}
  const raw: Partial<Record<keyof RawContent, unknown>> = {}
  let groqMs = 0
  let failed = false
  for (const [name, fetch] of Object.entries(queries) as Array<[keyof RawContent, () => Promise<unknown>]>) {
    const start = performance.now()
    try {
      raw[name] = await fetch()
      const ms = since(start)
      groqMs += ms
      const size = Array.isArray(raw[name]) ? `${raw[name].length} results` : 'one document'
      stages.push({name: `GROQ ${name}`, ms, detail: size, sub: true})
    } catch (error) {
      failed = true
      stages.push({name: `GROQ ${name}`, ms: null, detail: '', error: (error as Error).message, sub: true})
    }
  }
  stages.push({
    name: 'GROQ evaluation (all queries)',
    ms: groqMs,
    detail: `${Object.keys(queries).length} queries, one per collection`,
  })
  if (failed) return stages

  await run('join and review (buildSiteContent)', async () => {
    const start = performance.now()
    const value = await buildSiteContent(raw as RawContent, now)
    const ms = since(start)
    const valid = value.articles.filter((entry) => entry.review.status === 'valid').length
    return {value, ms, detail: `${value.articles.length} articles joined, ${valid} with a valid review`}
  })
  return stages
}

if (isMain(import.meta)) {
  const [datasetFile, now] = process.argv.slice(2)
  if (!datasetFile) {
    console.error('usage: node stages.ts <dataset.ndjson> [review-now ISO instant]')
    process.exit(2)
  }
  // As in `astro build`: React's development build renders several times slower.
  process.env['NODE_ENV'] ??= 'production'
  const stages = await measureStages(datasetFile, new Date(now ?? Date.now()))
  process.stdout.write(`${JSON.stringify(stages)}\n`)
}

export const STAGES_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'stages.ts')
