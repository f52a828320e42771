/**
 * `node scripts/src/stress.ts --huge | --docs <n> [--keep]`: measures, does not test, how the
 * site build copes with extreme datasets.
 *
 *   --huge         the bundled dataset plus one article whose body is over 5 MB of Portable Text
 *   --docs 50000   a dataset of that many documents (the benchmark's settings, levels, therapies
 *                  and reviewer, the rest articles from the benchmark's corpus generator)
 *
 * The dataset is written to a temporary folder and built with `buildAtomically` into a temporary
 * `dist`, exactly as `pnpm build` builds. Prints wall time, the peak RSS of the build's process
 * tree (sampled from `/proc`; this script's own memory is not counted) until and after the pages
 * are written, pages written, Astro's phase times and how long the Pagefind index took.
 */

import {createWriteStream, type WriteStream} from 'node:fs'
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {parseArgs} from 'node:util'
import {clinicalContentHash} from '@repo/schemas/review'
import {attest, demoAttestorKey} from './attestor/sign.ts'
import {astroPhases} from './bench/astro-log.ts'
import {BENCH_REVIEW_NOW, fixedDocuments, generateArticle} from './bench/corpus.ts'
import {htmlStats, treeRss} from './bench/measure.ts'
import {createRandom} from './bench/prng.ts'
import {searchIndexStep} from './bench/search-log.ts'
import {prose, sectionHeadings} from './bench/text.ts'
import {buildAtomically} from './build-site.ts'
import {bundledDatasetFile, isMain} from './paths.ts'

const USAGE = 'Usage: node scripts/src/stress.ts --huge | --docs <n> [--keep]'

/** The body size the huge article reaches, in bytes of JSON. */
const HUGE_BODY_BYTES = 5 * 1024 * 1024

/** The instant review status is computed at, so every sign-off in these datasets is valid. */
const REVIEW_NOW = BENCH_REVIEW_NOW

/** What a stress run measured. */
export interface StressResult {
  label: string
  datasetBytes: number
  code: number
  wallMs: number
  /** Peak summed RSS of the build's processes (astro and its children), sampled every 100 ms. */
  peakBuildRssBytes: number | null
  /**
   * The same peak split at the moment Astro's log says the pages are written (1 s resolution):
   * up to then (bundling, rendering) and after (sitemap, then the Pagefind index, run once Astro has exited).
   */
  peakUntilPagesBytes: number | null
  peakAfterPagesBytes: number | null
  pages: number
  htmlBytes: number
  output: string
}

/** Writes documents one line at a time, so a large dataset is never in memory as a whole. */
class NdjsonWriter {
  readonly stream: WriteStream
  bytes = 0
  documents = 0
  constructor(file: string) {
    this.stream = createWriteStream(file)
  }
  async write(document: object): Promise<void> {
    const line = `${JSON.stringify(document)}\n`
    this.bytes += Buffer.byteLength(line)
    this.documents++
    if (!this.stream.write(line)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()))
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    )
  }
}

/**
 * The bundled dataset plus `article-huge`: sections of generated prose until the body is over
 * 5 MB, with a valid clinical sign-off by the bundled reviewer (so the build hashes all of it).
 */
export async function writeHugeDataset(file: string): Promise<{bytes: number; documents: number; bodyBytes: number}> {
  const out = new NdjsonWriter(file)
  for (const line of (await readFile(bundledDatasetFile, 'utf8')).split('\n')) {
    if (line.trim() !== '') await out.write(JSON.parse(line) as object)
  }
  const random = createRandom(20261201, 5)
  const body: Record<string, unknown>[] = []
  let bodyBytes = 2
  let key = 0
  const push = (block: Record<string, unknown>) => {
    body.push(block)
    bodyBytes += Buffer.byteLength(JSON.stringify(block)) + 1
  }
  const block = (text: string, style = 'normal') => ({
    _type: 'block',
    _key: `k${(key++).toString(16)}`,
    style,
    markDefs: [],
    children: [{_type: 'span', _key: `k${(key++).toString(16)}`, text, marks: []}],
  })
  while (bodyBytes < HUGE_BODY_BYTES) {
    const [heading] = sectionHeadings(random, 1)
    push(block(`${heading ?? 'Section'} (${body.length})`, 'h2'))
    for (let paragraph = 0; paragraph < 20; paragraph++) push(block(prose(random, 120)))
  }
  const content = {
    title: 'A very long article about every level of care',
    excerpt: 'The whole continuum of care, at a length no editor would write: a stress test.',
    body,
  }
  await out.write({
    _id: 'article-huge',
    _type: 'article',
    ...content,
    slug: {_type: 'slug', current: 'a-very-long-article'},
    publishedAt: '2026-11-02T09:00:00Z',
    category: 'treatment-programs',
    requiresClinicalReview: true,
  })
  const claim = {
    articleId: 'article-huge',
    contentHash: await clinicalContentHash(content),
    reviewerId: 'clinicalReviewer-kate-smith',
    signer: 'demo-clinician',
    signedAt: '2026-11-02T09:00:00Z',
  }
  await out.write({
    _id: 'clinicalSignoff-article-huge',
    _type: 'clinicalSignoff',
    article: {_type: 'reference', _ref: claim.articleId, _weak: true},
    contentHash: claim.contentHash,
    reviewer: {_type: 'reference', _ref: claim.reviewerId},
    signer: claim.signer,
    signedAt: claim.signedAt,
    ...attest(claim, demoAttestorKey()),
  })
  await out.close()
  return {bytes: out.bytes, documents: out.documents, bodyBytes}
}

/** `total` documents: the benchmark's fixed documents, then generated articles up to the total. */
export async function writeManyDocuments(file: string, total: number): Promise<{bytes: number; documents: number}> {
  const out = new NdjsonWriter(file)
  const fixed = fixedDocuments(20261201)
  for (const document of fixed) await out.write(document)
  const articles = Math.max(0, total - fixed.length)
  for (let index = 0; index < articles; index++) {
    const article = await generateArticle(20261201, index, articles)
    await out.write(article.document)
    await out.write(article.signoff)
    if (index % 5000 === 4999) process.stderr.write(`  ${index + 1} articles written\n`)
  }
  await out.close()
  return {bytes: out.bytes, documents: out.documents}
}

/** Builds `datasetFile` with `buildAtomically` into `distDir`, sampling the build's memory. */
export async function measureBuild(label: string, datasetFile: string, distDir: string): Promise<StressResult> {
  const self = process.pid
  const samples: Array<{at: number; rss: number}> = []
  const sample = () => {
    const tree = treeRss(self)
    if (tree === null) return
    // The tree includes this script; only the build's own processes are of interest.
    const build = tree - process.memoryUsage.rss()
    if (build > 0) samples.push({at: Date.now(), rss: build})
  }
  const timer = setInterval(sample, 100)
  const started = performance.now()
  const startedAt = new Date()
  // A live project in the environment would switch the build away from the dataset file.
  for (const name of ['SANITY_PROJECT_ID', 'SANITY_DATASET', 'SANITY_API_READ_TOKEN', 'SANITY_API_HOST']) {
    delete process.env[name]
  }
  const {code, output} = await buildAtomically({
    distDir,
    env: {CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW},
    stdio: 'pipe',
  })
  const wallMs = performance.now() - started
  clearInterval(timer)
  const {pages, htmlBytes} = code === 0 ? await htmlStats(distDir) : {pages: 0, htmlBytes: 0}
  const peakOf = (list: typeof samples) => (list.length === 0 ? null : Math.max(...list.map(({rss}) => rss)))
  const pagesDone = pagesWrittenAt(output, startedAt)
  return {
    label,
    datasetBytes: (await stat(datasetFile)).size,
    code,
    wallMs,
    peakBuildRssBytes: peakOf(samples),
    peakUntilPagesBytes: pagesDone === undefined ? null : peakOf(samples.filter(({at}) => at < pagesDone)),
    peakAfterPagesBytes: pagesDone === undefined ? null : peakOf(samples.filter(({at}) => at >= pagesDone)),
    pages,
    htmlBytes,
    output,
  }
}

/**
 * When Astro finished writing pages, as an epoch millisecond: the `HH:MM:SS ✓ Completed in` line
 * after "generating static routes" (local time, whole seconds), placed on the build's day. The
 * end of that second, so every sample taken while pages were written falls before it.
 */
function pagesWrittenAt(output: string, startedAt: Date): number | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are control characters.
  const text = output.replace(/\u001b\[[0-9;]*m/g, '')
  const match = /generating static routes[\s\S]*?^(\d\d):(\d\d):(\d\d) ✓ Completed in/m.exec(text)
  if (!match) return undefined
  const at = new Date(startedAt)
  at.setHours(Number(match[1]), Number(match[2]), Number(match[3]), 999)
  // A build that runs past midnight.
  if (at.getTime() < startedAt.getTime() - 1000) at.setDate(at.getDate() + 1)
  return at.getTime()
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`)
const secs = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`)

/** The report a person reads. */
export function formatResult(result: StressResult, documents: number): string {
  const phases = astroPhases(result.output)
  const search = searchIndexStep(result.output)
  const lines = [
    `${result.label} (${documents.toLocaleString('en-US')} documents, ${mb(result.datasetBytes)} of NDJSON)`,
    `  build         ${result.code === 0 ? 'succeeded' : `FAILED (exit ${result.code})`}`,
    `  wall time     ${secs(result.wallMs)}`,
    `  peak RSS      ${mb(result.peakBuildRssBytes)} (build process tree, sampled every 100 ms): ` +
      `${mb(result.peakUntilPagesBytes)} until the pages are written (the article indexes included), ${mb(result.peakAfterPagesBytes)} after (sitemap, the main index)`,
    `  pages         ${result.pages.toLocaleString('en-US')} (${mb(result.htmlBytes)} of HTML)`,
    `  astro phases  bundles ${secs(phases.bundle)}, pages ${secs(phases.generate)} (Astro's own timings)`,
    `  search index  ${search === undefined ? 'n/a' : `${secs(search.ms)} beside Astro, ${secs(search.afterPagesMs ?? undefined)} of it after Astro had exited, peak ${mb(search.peakRssBytes)}`} (Pagefind` +
      `${search?.afterPagesMs == null ? '' : `; the part after Astro ${Math.round((search.afterPagesMs * 100) / result.wallMs)}% of wall time`})`,
  ]
  if (result.code !== 0) lines.push('', result.output.slice(-4000))
  return lines.join('\n')
}

async function main(argv: string[]): Promise<number> {
  const {values} = parseArgs({
    args: argv,
    options: {huge: {type: 'boolean', default: false}, docs: {type: 'string'}, keep: {type: 'boolean', default: false}},
    allowPositionals: false,
  })
  const docs = values.docs === undefined ? undefined : Number(values.docs)
  if (values.huge === (docs !== undefined) || (docs !== undefined && !(Number.isInteger(docs) && docs > 0))) {
    console.error(USAGE)
    return 2
  }
  const dir = await mkdtemp(join(tmpdir(), 'stress-'))
  const datasetFile = join(dir, 'dataset.ndjson')
  try {
    let label: string
    let documents: number
    if (values.huge) {
      const written = await writeHugeDataset(datasetFile)
      label = `One article with a ${mb(written.bodyBytes)} body`
      documents = written.documents
    } else {
      const total = docs ?? 0
      console.error(`Writing ${total.toLocaleString('en-US')} documents…`)
      documents = (await writeManyDocuments(datasetFile, total)).documents
      label = 'A generated corpus'
    }
    console.error(`Building ${datasetFile}…`)
    const result = await measureBuild(label, datasetFile, join(dir, 'dist'))
    console.log(formatResult(result, documents))
    return result.code === 0 ? 0 : 1
  } finally {
    if (values.keep) console.error(`Kept ${dir}`)
    else await rm(dir, {recursive: true, force: true})
  }
}

if (isMain(import.meta)) process.exit(await main(process.argv.slice(2)))
