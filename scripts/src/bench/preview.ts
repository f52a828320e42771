/**
 * `pnpm bench:preview [--sizes 1000,10000] [--requests 60]`: how long the preview server takes to
 * answer an article page, at each corpus size. The server is built once, started on the corpus
 * (`CONTENT_DATASET_FILE`) and asked for distinct article pages one after another, as an editor
 * clicking through would; the first request (which reads the dataset) is reported on its own.
 * Target: a median under 300 ms at 10,000 articles.
 */
import {execFile, spawn} from 'node:child_process'
import {once} from 'node:events'
import {mkdtemp, readdir, rm} from 'node:fs/promises'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {parseArgs, promisify} from 'node:util'
import {commandArgs, isMain} from '../paths.ts'
import {BENCH_REVIEW_NOW, writeCorpus} from './corpus.ts'
import {median} from './measure.ts'
import {SITE_ROOT} from './stages.ts'

const run = promisify(execFile)
const QUIET = {DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'}

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

/** Builds the preview server (`site/dist-preview`). */
export async function buildPreviewServer(): Promise<void> {
  await run(join(SITE_ROOT, 'node_modules', '.bin', 'astro'), ['build', '--config', 'astro.preview.config.ts'], {
    cwd: SITE_ROOT,
    env: {...process.env, ...QUIET, NODE_ENV: 'production'},
    maxBuffer: 64 * 1024 * 1024,
  })
}

/** Starts the built preview server on the corpus, asks for `requests` article pages and stops it. */
export async function measurePreviewLatency(
  datasetFile: string,
  slugs: readonly string[],
  requests: number,
): Promise<Omit<PreviewLatency, 'articles'>> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist-preview/server/entry.mjs'], {
    cwd: SITE_ROOT,
    env: {
      ...process.env,
      ...QUIET,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      CONTENT_DATASET_FILE: datasetFile,
      REVIEW_NOW: BENCH_REVIEW_NOW,
      SANITY_PROJECT_ID: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const deadline = Date.now() + 60_000
    while (!output.includes('Server listening')) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`The preview server did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const timed = async (slug: string) => {
      const start = performance.now()
      const response = await fetch(`http://127.0.0.1:${port}/blog/${slug}/`)
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
    child.kill()
    if (child.exitCode === null) await once(child, 'exit')
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

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (typeof address !== 'object' || address === null) throw new Error('No free port')
  return address.port
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
