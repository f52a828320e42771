/**
 * `pnpm bench:preview [--sizes 1000,10000] [--requests 60]`: how long the preview server takes to
 * answer an article page, at each corpus size. The server is built once, started on the corpus
 * (`CONTENT_DATASET_FILE`) and asked for distinct article pages one after another, as an editor
 * clicking through would; the first request (which reads the dataset) is reported on its own.
 * Target: a median under 300 ms at 10,000 articles.
 */
import {mkdtemp, readdir, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {parseArgs} from 'node:util'
import {buildPreviewServer, startPreviewServer} from '@repo/site/preview-server'
import {commandArgs, isMain} from '../paths.ts'
import {BENCH_REVIEW_NOW, writeCorpus} from './corpus.ts'
import {median} from './measure.ts'

/** Latency of article page requests at one corpus size, in milliseconds. */
export interface PreviewLatency {
  articles: number
  requests: number
  /** The first request, which reads and indexes the dataset. */
  firstMs: number
  medianMs: number
  p95Ms: number
}

/** The value below which `share` of the sorted values fall (nearest rank). */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) throw new Error('percentile() of no values')
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number
}

/** Starts the built preview server on the corpus, asks for `requests` article pages and stops it. */
export async function measurePreviewLatency(
  datasetFile: string,
  slugs: readonly string[],
  requests: number,
): Promise<Omit<PreviewLatency, 'articles'>> {
  const server = await startPreviewServer({
    env: {CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW: BENCH_REVIEW_NOW, SANITY_PROJECT_ID: undefined},
    // The first request reads the corpus, not the start: a minute is for a loaded machine.
    startTimeoutMs: 60_000,
  })
  try {
    const timed = async (slug: string) => {
      const start = performance.now()
      const response = await fetch(`${server.origin}/blog/${slug}/`)
      await response.text()
      if (response.status !== 200) throw new Error(`/blog/${slug}/ answered ${response.status}`)
      return performance.now() - start
    }
    const [first, ...rest] = slugs
    if (!first) throw new Error('The corpus has no articles')
    const firstMs = await timed(first)
    const times: number[] = []
    for (let index = 0; index < requests; index++) times.push(await timed(rest[index % rest.length] ?? first))
    return {requests, firstMs, medianMs: median(times), p95Ms: percentile(times, 0.95)}
  } finally {
    await server.close()
  }
}

/** One line per size, for people. */
export function formatPreviewLatency(results: readonly PreviewLatency[]): string[] {
  return [
    'Preview server: article page requests, one after another (first request reads the dataset)',
    ...results.map(
      (result) =>
        `  ${result.articles.toLocaleString('en-US').padStart(7)} articles: median ${Math.round(result.medianMs)} ms, p95 ${Math.round(result.p95Ms)} ms over ${result.requests} requests (first ${Math.round(result.firstMs)} ms)`,
    ),
  ]
}

if (isMain(import.meta)) {
  const {values} = parseArgs({
    args: commandArgs(),
    options: {sizes: {type: 'string', default: '1000,10000'}, requests: {type: 'string', default: '60'}},
  })
  const sizes = values.sizes.split(',').map(Number)
  const requests = Number(values.requests)
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(requests) || requests < 1) {
    console.error('Usage: pnpm bench:preview [--sizes 1000,10000] [--requests 60]')
    process.exit(2)
  }
  await buildPreviewServer()
  const results: PreviewLatency[] = []
  for (const articles of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-preview-'))
    try {
      const corpus = await writeCorpus(dir, {articles, seed: 20261201})
      const slugs = (await readdir(corpus.markdownDir)).map((file) => file.replace(/\.md$/, '')).sort()
      results.push({articles, ...(await measurePreviewLatency(corpus.datasetFile, slugs, requests))})
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  }
  for (const line of formatPreviewLatency(results)) console.log(line)
}
