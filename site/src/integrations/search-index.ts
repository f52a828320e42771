/**
 * The site's search index (Pagefind), over a finished build: program levels, therapies and the
 * questions page read whole from their HTML; articles, thousands of them, from the records the
 * build wrote (`search-records/*.ndjson`, deleted here so they are never published).
 *
 * `astro build` runs it from the site-finish integration. `pnpm build` runs it instead as its own
 * process once Astro has exited (`node site/src/integrations/search-index.ts <dist>`), so the
 * indexer's memory never adds to the memory Astro holds.
 *
 * Articles are split over several Pagefind indexes (the main one and `pagefind/shard-<k>/`), each
 * article's index chosen by a hash of its address (`indexOfArticle`), not by its place in the
 * records: a new article then lands in one index and leaves every other article where it was.
 *
 * With `--reuse <folder>` (what the incremental `pnpm build` passes), the last build's indexes are
 * kept there with digests of what each was built from, and an index whose inputs did not change
 * is moved back instead of built again (see `buildSearchIndex`).
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {once} from 'node:events'
import {createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, type WriteStream} from 'node:fs'
import {glob, mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {basename, dirname, join, resolve} from 'node:path'
import {createInterface} from 'node:readline'
import {finished} from 'node:stream/promises'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'
import {type ArticleSearchRecord, SEARCH_RECORDS_DIR} from '../lib/search-records-files.ts'

/** The pages read as HTML: the few whose whole text is worth indexing. */
const HTML_PAGES = '{programs,therapies,faq}/**/*.html'

/** Set by `pnpm build` for the Astro process: the integration then leaves the index to it. */
export const SEARCH_INDEX_AFTER_BUILD = 'after-build'

/**
 * Records sent to Pagefind before waiting for its answers. Enough to keep it busy; bounded, so
 * the records waiting in this process and in the pipe stay a few megabytes at any corpus size.
 */
const IN_FLIGHT = 64

/**
 * Articles per Pagefind index, until there are {@link MAX_INDEXES}. Pagefind has no incremental
 * mode: an index is built whole, about 2 ms an article on these machines, and an edited article
 * rebuilds the index that holds it. So an index's size is what an edit costs the search step: at
 * 10,000 articles, 1.9 s with indexes of 500 against 7.0 s with indexes of 2,500; at 1,000, an
 * index of 125 instead of one of 1,000. It also bounds the step's memory, as Pagefind holds a
 * whole index until it writes it (about 0.24 MB an article with full text; 10,000 in one index
 * peaked at 2.4 GB). Small as it is, a reader never pays for more than {@link MAX_INDEXES}.
 * A build makes `ceil(articles / this)` indexes, at most {@link MAX_INDEXES}, and hashes the
 * articles over them, so an index's size is an average: one holds a few percent more or fewer
 * (about ±9% is one standard deviation at 125), never all the corpus.
 * `SEARCH_ARTICLES_PER_INDEX` overrides it (tests use 1 to make shards of a tiny dataset).
 */
export const ARTICLES_PER_INDEX = 125

/**
 * The most indexes a build makes, whatever the corpus: what a reader's search costs grows with the
 * count, not with the articles. The search page merges the indexes (`mergeIndex`), and each costs a
 * first search three small requests (its entry, its metadata, one chunk of words) and each new
 * word one more. Measured in Chromium at 10,000 articles, a first search took 68 requests and
 * about 300 KB with 20 indexes, against 20 requests and about 250 KB with 4: the bytes barely
 * change, as each index's chunks hold fewer pages. So from 2,500 articles on the indexes grow
 * instead (500 at 10,000 articles, 2,500 at 50,000, about 6 s to rebuild one and 0.6 GB for its
 * Pagefind while it runs), and their count stops changing, so no later growth moves articles
 * between indexes.
 */
export const MAX_INDEXES = 20

/**
 * The script the search page loads after Pagefind's UI: it points the UI at every shard beyond
 * the main index. Written by every build (a no-op with one index), so the page never 404s.
 */
export const MERGE_SHARDS_SCRIPT = 'pagefind/merge-shards.js'

/** What one run of the indexer did. */
export interface SearchIndexResult {
  articles: number
  /** Pages read as HTML (program levels, therapies, questions). */
  pages: number
  /** Pagefind indexes written: the main one and its shards. */
  indexes: number
  /** Of those, how many were moved back from the last build instead of built (`--reuse`). */
  reused: number
  /**
   * The index builds' peak memory (high-water RSS), where `/proc` tells it; else null: the largest
   * Pagefind process's, or, with indexes built in parallel, the sum of the `parallel` processes'
   * peaks, each its Node process and its largest Pagefind.
   */
  pagefindPeakRssBytes: number | null
  /** How many processes built indexes at once: 1, or up to `jobs` when more than one was built. */
  parallel: number
}

/** The articles per index this build uses. */
function articlesPerIndex(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['SEARCH_ARTICLES_PER_INDEX']
  if (value === undefined || value === '') return ARTICLES_PER_INDEX
  const size = Number(value)
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`SEARCH_ARTICLES_PER_INDEX must be a positive whole number, got "${value}"`)
  }
  return size
}

/**
 * Writes `<outDir>/pagefind/` (index 0: the HTML pages and the articles hashed to it),
 * `pagefind/shard-<k>/` for each index k > 0 that any article hashes to, `pagefind/merge-shards.js`
 * listing those shards, and removes the records. Throws, naming the step, on failure.
 *
 * The articles go into `max(1, ceil(articles / perIndex))` indexes, at most {@link MAX_INDEXES},
 * each article to the one {@link indexOfArticle} gives its address, in the records' order within
 * an index. With one index everything is in the main one. Memory stays bounded by one index's
 * records (`jobs` of them in parallel): one pass counts the records, a second copies each to its
 * index's file, and each index reads only its own.
 *
 * With `reuseDir` (the incremental `pnpm build`), each index whose inputs are unchanged since the
 * last build is moved back from there instead of built again: the main index when the HTML pages
 * and its articles' records are the same, a shard when its articles' records are. An edited or a
 * new article then rebuilds only the index that holds it; only the build that adds an index (every
 * `perIndex` articles, until there are {@link MAX_INDEXES}) rebuilds them all, each having given
 * the new one about 1/n of its articles.
 * Pagefind writes the same bytes for the same input. The digests of this build's indexes are left
 * in `reuseDir` for the next one.
 *
 * With `jobs` > 1 (the command line passes this machine's cores, at most {@link MAX_JOBS}), the
 * indexes still to build are shared out over that many processes of this script, each building
 * its share one after another: Pagefind's service takes one request at a time, so one service
 * cannot use a second core. At 10,000 articles on two cores a cold build's search step took about
 * a third less (23.5 s → 15.4 s, indexes of 500). In Astro's process (the site-finish
 * integration) they are built one after another.
 */
export async function buildSearchIndex(
  outDir: string,
  reuseDir?: string,
  options: {jobs?: number} = {},
): Promise<SearchIndexResult> {
  const recordsDir = join(outDir, SEARCH_RECORDS_DIR)
  const perIndex = articlesPerIndex()
  const jobs = Math.max(1, options.jobs ?? 1)
  const previous: Record<string, IndexState> = reuseDir
    ? JSON.parse((await readFile(join(reuseDir, REUSE_STATE), 'utf8').catch(() => '{}')) || '{}')
    : {}
  const next: typeof previous = {}
  const base = reuseDir ? baseDigest() : ''
  let pages = 0
  let articles = 0
  let reused = 0
  const shards: number[] = []
  const partsDir = `${recordsDir}.parts`
  const toBuild: IndexJob[] = []

  try {
    const files = await recordsFiles(recordsDir)
    const count = await countRecords(files)
    const indexCount = Math.min(MAX_INDEXES, Math.max(1, Math.ceil(count / perIndex)))
    const parts =
      indexCount === 1
        ? [files]
        : (await splitRecords(files, indexCount, partsDir)).map((part) => (part === undefined ? undefined : [part]))
    // Each index is moved back from the last build when its inputs are unchanged, else queued.
    for (const [shard, part] of parts.entries()) {
      // An index no article hashed to has nothing to search: no folder, and merge-shards.js skips it.
      if (shard > 0 && part === undefined) continue
      if (shard > 0) shards.push(shard)
      const job: IndexJob = {
        shard,
        files: part ?? [],
        outputPath: shard === 0 ? join(outDir, 'pagefind') : join(outDir, 'pagefind', `shard-${shard}`),
      }
      const key = indexKey(shard)
      if (reuseDir) {
        const hash = createHash('sha256')
          .update(base)
          .update(key)
          .update(shard === 0 ? await htmlPagesDigest(outDir) : '')
        for (const file of job.files) hash.update(await readFile(file))
        const digest = hash.digest('hex')
        const last = previous[key]
        if (last?.digest === digest && (await moveIndexBack(reuseDir, shard, job.outputPath))) {
          pages += last.pages
          articles += last.articles
          next[key] = last
          reused++
          continue
        }
        next[key] = {digest, pages: 0, articles: 0}
      }
      toBuild.push(job)
    }

    // In this process one after another, or over `jobs` processes, each given every `jobs`-th
    // index (they are about the same size).
    const parallel = jobs > 1 && toBuild.length > 1
    const groups = parallel
      ? Array.from({length: Math.min(jobs, toBuild.length)}, (_, k) => toBuild.filter((_, n) => n % jobs === k))
      : []
    const peaks: number[] = []
    const record = (job: IndexJob, built: IndexBuilt) => {
      pages += built.pages
      articles += built.articles
      const state = next[indexKey(job.shard)]
      if (state) Object.assign(state, {pages: built.pages, articles: built.articles})
    }
    if (parallel) {
      const settled = await Promise.allSettled(
        groups.map(async (group) => {
          const {built, peakRssBytes} = await buildIndexesInChild(outDir, group)
          for (const [n, job] of group.entries()) record(job, built[n] as IndexBuilt)
          if (peakRssBytes !== null) peaks.push(peakRssBytes)
        }),
      )
      const failed = settled.find((outcome) => outcome.status === 'rejected')
      if (failed) throw (failed as PromiseRejectedResult).reason
    } else {
      for (const job of toBuild) {
        const built = await buildIndex(outDir, job)
        record(job, built)
        if (built.peakRssBytes !== null) peaks.push(built.peakRssBytes)
      }
    }
    await writeFile(join(outDir, MERGE_SHARDS_SCRIPT), mergeShardsScript(shards.map((k) => `/pagefind/shard-${k}/`)))
    if (reuseDir) {
      await rm(join(reuseDir, REUSED_INDEX), {recursive: true, force: true})
      await writeFile(join(reuseDir, REUSE_STATE), JSON.stringify(next))
    }
    // Memory: the largest build, or, in parallel, every process's own peak as if all were at once.
    const largest = parallel ? peaks : peaks.sort((a, b) => b - a).slice(0, 1)
    return {
      articles,
      pages,
      indexes: shards.length + 1,
      reused,
      pagefindPeakRssBytes: largest.length === 0 ? null : largest.reduce((sum, peak) => sum + peak, 0),
      parallel: parallel ? groups.length : 1,
    }
  } finally {
    await rm(recordsDir, {recursive: true, force: true})
    await rm(partsDir, {recursive: true, force: true})
    await pagefind.close()
  }
}

/** How the reuse state names index `shard`. */
function indexKey(shard: number): string {
  return shard === 0 ? 'main' : `shard-${shard}`
}

/** What a reused index's state records: the digest of its inputs, and what it holds. */
interface IndexState {
  digest: string
  pages: number
  articles: number
}

/** One Pagefind index to build: index `shard` (0 is the main one) from the records in `files`. */
interface IndexJob {
  shard: number
  files: string[]
  outputPath: string
}

interface IndexBuilt {
  articles: number
  pages: number
  /** The build's peak memory: Pagefind's, plus the indexer process's when it ran in its own. */
  peakRssBytes: number | null
}

/**
 * Builds one index in this process: the HTML pages too for the main index, then its records,
 * `IN_FLIGHT` at a time. Ends Pagefind's process afterwards, returning its memory.
 */
async function buildIndex(outDir: string, job: IndexJob): Promise<IndexBuilt> {
  const records = await readRecords(job.files)
  const created = await pagefind.createIndex({forceLanguage: 'en'})
  if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`)
  const index = created.index
  let pages = 0
  if (job.shard === 0) {
    const added = await index.addDirectory({path: outDir, glob: HTML_PAGES})
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`)
    pages = added.page_count
  }
  const pending = new Set<Promise<void>>()
  for (const line of records) {
    const {url, title, content} = JSON.parse(line) as ArticleSearchRecord
    const adding = index.addCustomRecord({url, content, language: 'en', meta: {title}}).then((result) => {
      if (result.errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${result.errors.join('; ')}`)
    })
    const tracked = adding.finally(() => pending.delete(tracked))
    // The first failure is thrown by the race or the wait below; the others must not surface
    // as unhandled rejections that would hide it.
    tracked.catch(() => {})
    pending.add(tracked)
    if (pending.size >= IN_FLIGHT) await Promise.race(pending)
  }
  await Promise.all(pending)
  const result = await index.writeFiles({outputPath: job.outputPath})
  if (result.errors.length > 0) throw new Error(`Pagefind could not write its index: ${result.errors.join('; ')}`)
  const peakRssBytes = childrenPeakRss()
  // Ending the process returns all of its memory before the next index starts.
  await pagefind.close()
  return {articles: records.length, pages, peakRssBytes}
}

/** The command-line flag that makes this script build indexes for {@link buildIndexesInChild}. */
const INDEXES = '--indexes'

/**
 * Builds `jobs`, one after another, in a Node process of its own (this script with {@link INDEXES}),
 * so that several such processes can run at once, each with its own Pagefind. Its peak is its own
 * and its largest Pagefind's.
 */
async function buildIndexesInChild(
  outDir: string,
  jobs: readonly IndexJob[],
): Promise<{built: IndexBuilt[]; peakRssBytes: number | null}> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), INDEXES, outDir, JSON.stringify(jobs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  const [code] = (await once(child, 'close')) as [number | null]
  const shards = jobs.map((job) => job.shard).join(', ')
  if (code !== 0) throw new Error(`building search indexes ${shards} failed (exit code ${code})`)
  return JSON.parse(output.trim().split('\n').at(-1) ?? '')
}

/** The records files in the articles' order (`0.ndjson`, `1.ndjson`, …); none without articles. */
export async function recordsFiles(recordsDir: string): Promise<string[]> {
  const names = await readdir(recordsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return names
    .filter((name) => /^\d+\.ndjson$/.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((name) => join(recordsDir, name))
}

/**
 * The index (0 to `indexes` - 1) that holds the article at `url`.
 *
 * Why a hash and not the records' order: the records are written newest first, so cutting them
 * into consecutive batches put every article after a new one into the next batch, and publishing
 * one article changed (and rebuilt) every index. A hash of the article's address depends on
 * nothing else, so an edited or a new article changes only the index it hashes to, and the
 * incremental build moves the others back (at 10,000 articles, one index's ~7 s instead of the
 * whole 29 s step). The address is what the record carries and what the site keys the article by.
 *
 * Why jump consistent hash (Lamping & Veach 2014, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm") and not `hash % indexes`: the count of indexes grows with the site
 * (`ceil(articles / perIndex)`). The build that adds an index rebuilds every index either way, each
 * giving up some articles; but with a modulo almost every article would change index, and so the
 * folder its Pagefind files are published under (`pagefind/shard-<k>/fragment/…`): nearly the
 * whole search index written anew, and every cached copy of it stale. Jump hash, going from n to
 * n + 1 indexes, moves only the ~1/(n + 1) of the articles that go into the new index; every other
 * article stays where it was. It spreads keys evenly and needs no table, only a 64-bit key: the
 * first 8 bytes of the address's SHA-256.
 */
export function indexOfArticle(url: string, indexes: number): number {
  return jumpConsistentHash(createHash('sha256').update(url).digest().readBigUInt64BE(0), indexes)
}

const UINT64 = (1n << 64n) - 1n

/** Jump consistent hash: the bucket in [0, buckets) of a 64-bit key, as in the paper's C++. */
export function jumpConsistentHash(key: bigint, buckets: number): number {
  let bucket = -1
  let jump = 0
  let state = key & UINT64
  while (jump < buckets) {
    bucket = jump
    state = (state * 2862933555777941757n + 1n) & UINT64
    // A double division, as in C++; exact in JavaScript numbers too (both operands below 2^53).
    jump = Math.floor((bucket + 1) * (2 ** 31 / Number((state >> 33n) + 1n)))
  }
  return bucket
}

/** The lines of the records files, one file after another, as a stream. */
async function* recordLines(files: readonly string[]): AsyncIterable<string> {
  for (const file of files) yield* createInterface({input: createReadStream(file, 'utf8'), crlfDelay: Infinity})
}

/** How many records (non-empty lines) the files hold. */
async function countRecords(files: readonly string[]): Promise<number> {
  let count = 0
  for await (const line of recordLines(files)) if (line !== '') count++
  return count
}

/** All the records of the files, in order. */
async function readRecords(files: readonly string[]): Promise<string[]> {
  const records: string[] = []
  for await (const line of recordLines(files)) if (line !== '') records.push(line)
  return records
}

/**
 * Copies each record to `<dir>/<index>.ndjson`, the index {@link indexOfArticle} gives it, keeping
 * the records' order; one pass, holding no more than a line and the streams' buffers. Returns each
 * index's file, undefined for an index no record went to.
 */
async function splitRecords(files: readonly string[], indexes: number, dir: string): Promise<(string | undefined)[]> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  const parts: (string | undefined)[] = Array.from({length: indexes}, () => undefined)
  const streams: (WriteStream | undefined)[] = []
  try {
    for await (const line of recordLines(files)) {
      if (line === '') continue
      const {url} = JSON.parse(line) as ArticleSearchRecord
      const index = indexOfArticle(url, indexes)
      let stream = streams[index]
      if (!stream) {
        parts[index] = join(dir, `${index}.ndjson`)
        stream = createWriteStream(parts[index])
        streams[index] = stream
      }
      if (!stream.write(`${line}\n`)) await once(stream, 'drain')
    }
  } finally {
    for (const stream of streams) stream?.end()
    await Promise.all(streams.map((stream) => stream && finished(stream)))
  }
  return parts
}

/**
 * Moves index `shard` of the last build from `reuseDir` to `outputPath`: a shard's folder whole;
 * the main index without the shard folders nested in it. False when it is not there.
 */
async function moveIndexBack(reuseDir: string, shard: number, outputPath: string): Promise<boolean> {
  const previous = join(reuseDir, REUSED_INDEX)
  if (shard > 0) {
    // Shards may come back before the main index is built or moved back into their parent folder.
    await mkdir(dirname(outputPath), {recursive: true})
    return rename(join(previous, `shard-${shard}`), outputPath).then(
      () => true,
      () => false,
    )
  }
  const entries = await readdir(previous).catch(() => undefined)
  if (!entries) return false
  await mkdir(outputPath, {recursive: true})
  for (const entry of entries) {
    if (/^shard-\d+$/.test(entry) || entry === basename(MERGE_SHARDS_SCRIPT)) continue
    await rename(join(previous, entry), join(outputPath, entry))
  }
  return true
}

/** The search page's script that merges the shards into the default search instance. */
function mergeShardsScript(bundlePaths: readonly string[]): string {
  const mergeIndex = bundlePaths.map((bundlePath) => ({bundlePath}))
  return [
    '// Written by the build (site/src/integrations/search-index.ts): the article shards beyond the',
    '// main index, merged into every search. Runs after pagefind-component-ui.js, before any search.',
    `window.PagefindComponents?.configureInstance('default', {mergeIndex: ${JSON.stringify(mergeIndex)}})`,
    '',
  ].join('\n')
}

/**
 * The summed high-water RSS (`VmHWM`) of this process's children, read before a Pagefind process
 * exits: its peak, exact, with no sampling. Null where `/proc` cannot say (not Linux).
 */
function childrenPeakRss(): number | null {
  try {
    let total = 0
    for (const task of readdirSync('/proc/self/task')) {
      const children = readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim()
      for (const pid of children === '' ? [] : children.split(/\s+/)) {
        const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
        if (match) total += Number(match[1]) * 1024
      }
    }
    return total > 0 ? total : null
  } catch {
    return null
  }
}

/** Where `--reuse` keeps the last build's index (`pagefind/`) and the digests of its indexes. */
const REUSED_INDEX = 'pagefind'
const REUSE_STATE = 'indexes.json'

/** Pagefind's version (its package exports no `package.json`: found beside its entry point). */
function pagefindVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('pagefind')))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {version: string}).version
}

/** A digest of what every index depends on besides its input: this indexer's code, Pagefind's version, the articles per index. */
function baseDigest(): string {
  return createHash('sha256')
    .update(`pagefind ${pagefindVersion()}\0per index ${articlesPerIndex()}\0`)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
}

/** A digest of the HTML pages the main index reads. */
async function htmlPagesDigest(outDir: string): Promise<string> {
  const hash = createHash('sha256')
  const pages: string[] = []
  for await (const page of glob(HTML_PAGES, {cwd: outDir})) pages.push(page)
  for (const page of pages.sort()) hash.update(`\0${page}\0`).update(await readFile(join(outDir, page)))
  return hash.digest('hex')
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/**
 * Index builds at once from the command line, whatever the cores: each holds its own Node process
 * and Pagefind, about 0.25 GB at 500 articles an index.
 */
export const MAX_JOBS = 4

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === INDEXES) {
  // Indexes for a parallel build: the results as JSON on the last line of standard output.
  const [outDir, jobsJson] = process.argv.slice(3)
  try {
    if (!outDir || !jobsJson) throw new Error(`Usage: ${INDEXES} <out> <jobs as JSON>`)
    const built: IndexBuilt[] = []
    for (const job of JSON.parse(jobsJson) as IndexJob[]) built.push(await buildIndex(outDir, job))
    const pagefindPeak = Math.max(0, ...built.map((index) => index.peakRssBytes ?? 0))
    const own = process.resourceUsage().maxRSS * 1024
    console.log(JSON.stringify({built, peakRssBytes: pagefindPeak + own}))
  } catch (error) {
    console.error(`[search-index] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  } finally {
    await pagefind.close()
  }
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2]
  const reuseDir = process.argv[3] === '--reuse' ? process.argv[4] : undefined
  if (!outDir || (process.argv[3] !== undefined && !reuseDir)) {
    console.error('Usage: node site/src/integrations/search-index.ts <built site folder> [--reuse <folder>]')
    process.exit(2)
  }
  try {
    const started = performance.now()
    const {articles, pages, indexes, reused, pagefindPeakRssBytes, parallel} = await buildSearchIndex(
      resolve(outDir),
      reuseDir && resolve(reuseDir),
      {jobs: Math.min(MAX_JOBS, availableParallelism())},
    )
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    // This process and Pagefind's, each at its own peak: their sum bounds the step's memory.
    const indexer = process.resourceUsage().maxRSS * 1024
    const memory =
      pagefindPeakRssBytes === null
        ? `indexer peak ${megabytes(indexer)}`
        : parallel > 1
          ? `peak memory ${megabytes(indexer + pagefindPeakRssBytes)} (indexer ${megabytes(indexer)} + ${parallel} index builds at once, ${megabytes(pagefindPeakRssBytes)})`
          : `peak memory ${megabytes(indexer + pagefindPeakRssBytes)} (indexer ${megabytes(indexer)} + Pagefind ${megabytes(pagefindPeakRssBytes)})`
    console.log(
      `[search-index] Search index: ${articles} articles and ${pages} other pages in ${seconds} s (${indexes} Pagefind index${indexes === 1 ? '' : 'es'}${reused > 0 ? `, ${reused} reused from the last build` : ''}), ${memory}`,
    )
  } catch (error) {
    console.error(`[search-index] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
