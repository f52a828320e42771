/**
 * The site's search index (Pagefind): program levels, therapies and the questions page read whole
 * from their HTML; articles, thousands of them, from the records the build wrote as soon as it had
 * its content (`search-records/*.ndjson`, deleted here so they are never published).
 *
 * `astro build` runs it from the site-finish integration, once the pages are written. `pnpm build`
 * runs it instead as a process of its own beside Astro (`--alongside`): it waits for the records,
 * builds the article indexes on the second core while Astro renders the pages on the first, and
 * builds the main index, which reads the HTML pages, once told the pages are done.
 *
 * Articles are split over several Pagefind indexes (the main one and `pagefind/shard-<k>/`), each
 * article's index chosen by a hash of its address (`indexOfArticle`), not by its place in the
 * records: a new article then lands in one index and leaves every other article where it was.
 *
 * With `--reuse <folder>` (what the incremental `pnpm build` passes), the last build's indexes are
 * kept there with digests of what each was built from, and an index whose inputs did not change
 * is moved back instead of built again (see `buildSearchIndex`).
 */
import {createHash} from 'node:crypto'
import {once} from 'node:events'
import {createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, type WriteStream} from 'node:fs'
import {glob, mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {basename, dirname, join, resolve} from 'node:path'
import {createInterface} from 'node:readline'
import {finished} from 'node:stream/promises'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import * as pagefind from 'pagefind'
import {
  type ArticleSearchRecord,
  articlesPerIndex,
  indexCount,
  indexOfArticle,
  SEARCH_INDEX_DIR,
  SEARCH_RECORDS_DIR,
  SEARCH_RECORDS_SPLIT,
  type SearchRecordsSplit,
} from '../lib/search-contract.ts'

/** The pages read as HTML: the few whose whole text is worth indexing. */
const HTML_PAGES = '{programs,therapies,faq}/**/*.html'

/**
 * Records sent to Pagefind before waiting for its answers. Enough to keep it busy; bounded, so
 * the records waiting in this process and in the pipe stay a few megabytes at any corpus size.
 */
const IN_FLIGHT = 64

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
   * The index builds' peak memory (high-water RSS), where `/proc` tells it; else null: the most
   * the Pagefind processes running at once held, each at its own peak, as an index was finished.
   */
  pagefindPeakRssBytes: number | null
  /** How many Pagefind processes built indexes at once: 1, or up to `jobs` once the pages were built. */
  parallel: number
  /** How long the step took once the site's pages were built (`siteBuilt`): what it adds to a build. */
  afterSiteBuiltMs: number
}

/** Where {@link buildSearchIndex} reads and writes, and what it waits for. */
export interface SearchIndexOptions {
  /**
   * Where the last build's indexes wait, with the digests of what each was built from (the
   * incremental `pnpm build`); an index whose inputs did not change is moved back, not rebuilt.
   */
  reuseDir?: string
  /** Processes building indexes at once, once the site's pages are built; 1 by default. */
  jobs?: number
  /** The article records; `<siteDir>/search-records/` by default. */
  recordsDir?: string
  /** Where the index goes, published as `pagefind/`; `<siteDir>/pagefind/` by default. */
  indexDir?: string
  /**
   * Settles once every page is in `siteDir` (already, by default). Until then the article shards
   * are built in this process, one after another, while Astro renders the pages on the other
   * core; the main index, which reads the HTML pages, waits for it. A rejection abandons the
   * index. (`pnpm build` never rejects it: it stops the indexer's process instead, see
   * `siteBuiltSignal`.) A shard that fails ends the wait too.
   */
  siteBuilt?: Promise<void>
}

/**
 * Writes the index into `indexDir`: the main index (index 0: the HTML pages of `siteDir` and the
 * articles hashed to it), `shard-<k>/` for each index k > 0 that any article hashes to, and
 * `merge-shards.js` listing those shards; removes the records. Throws, naming the step, on failure.
 *
 * The articles go into `max(1, ceil(articles / perIndex))` indexes, at most `MAX_INDEXES`,
 * each article to the one {@link indexOfArticle} gives its address, in the records' order within
 * an index. With one index everything is in the main one. Memory stays bounded by one index's
 * records (`jobs` of them in parallel): the build writes each index's records to a file of its
 * own (`SEARCH_RECORDS_SPLIT`); records written as one list are split here, one pass counting
 * them and a second copying each to its index's file. Each index reads only its own.
 *
 * With `reuseDir` (the incremental `pnpm build`), each index whose inputs are unchanged since the
 * last build is moved back from there instead of built again: the main index when the HTML pages
 * and its articles' records are the same, a shard when its articles' records are. An edited or a
 * new article then rebuilds only the index that holds it; only the build that adds an index (every
 * `perIndex` articles, until there are `MAX_INDEXES`) rebuilds them all, each having given
 * the new one about 1/n of its articles.
 * Pagefind writes the same bytes for the same input. The digests of this build's indexes are left
 * in `reuseDir` for the next one.
 *
 * Who builds what. The shards need only the records, so they start at once, in this process, one
 * after another (Pagefind's service takes one request at a time, so one service cannot use a
 * second core). Once `siteBuilt` settles, the main index joins the queue, and with `jobs` > 1 (the
 * command line passes this machine's cores, at most {@link MAX_JOBS}) that many - 1 more
 * Pagefind services ({@link anotherPagefind}) take indexes from the same queue: at 10,000 articles
 * on two cores the step took about a third less that way (23.5 s → 15.4 s, indexes of 500). In
 * Astro's own process (the site-finish integration) `jobs` is 1.
 */
export async function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const recordsDir = options.recordsDir ?? join(siteDir, SEARCH_RECORDS_DIR)
  const indexDir = options.indexDir ?? join(siteDir, SEARCH_INDEX_DIR)
  const {reuseDir} = options
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
  let siteBuiltAt: number | undefined
  const shards: number[] = []
  const partsDir = `${recordsDir}.parts`
  const queue: IndexJob[] = []
  // The Pagefind processes' memory as each index was finished (all of those running then, summed).
  const peaks: number[] = []
  // The Pagefind services in use: the package's own, then one more for each index built at once.
  const services: Pagefind[] = [pagefind]
  // Services that built at least one index.
  const busy = new Set<Pagefind>()

  /** Moves index `job.shard` back from the last build when its inputs (its records, and `extra`) are unchanged. */
  const reuse = async (job: IndexJob, extra: string): Promise<boolean> => {
    if (!reuseDir) return false
    const key = indexKey(job.shard)
    const hash = createHash('sha256').update(base).update(key).update(extra)
    for (const file of job.files) hash.update(await readFile(file))
    const digest = hash.digest('hex')
    const last = previous[key]
    if (last?.digest === digest && (await moveIndexBack(reuseDir, job.shard, job.outputPath))) {
      pages += last.pages
      articles += last.articles
      next[key] = last
      reused++
      return true
    }
    next[key] = {digest, pages: 0, articles: 0}
    return false
  }
  const record = (job: IndexJob, built: IndexBuilt) => {
    pages += built.pages
    articles += built.articles
    const state = next[indexKey(job.shard)]
    if (state) Object.assign(state, {pages: built.pages, articles: built.articles})
  }
  /** Builds indexes from the queue with `service` until it is empty; on a failure, empties it for every service. */
  const work = async (service: Pagefind) => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      try {
        const built = await buildIndex(siteDir, job, service)
        record(job, built)
        busy.add(service)
        if (built.peakRssBytes !== null) peaks.push(built.peakRssBytes)
      } catch (error) {
        queue.length = 0
        throw error
      }
    }
  }

  try {
    const files = await recordsFiles(recordsDir)
    const split = await recordsSplit(recordsDir)
    const parts = split
      ? Array.from({length: split.indexes}, (_, shard) => {
          const file = join(recordsDir, `${shard}.ndjson`)
          return files.includes(file) ? [file] : undefined
        })
      : await splitByIndex(files, perIndex, partsDir)
    let main: IndexJob | undefined
    for (const [shard, part] of parts.entries()) {
      // An index no article hashed to has nothing to search: no folder, and merge-shards.js skips it.
      if (shard > 0 && part === undefined) continue
      const job: IndexJob = {
        shard,
        files: part ?? [],
        outputPath: shard === 0 ? indexDir : join(indexDir, `shard-${shard}`),
      }
      if (shard === 0) {
        main = job
        continue
      }
      shards.push(shard)
      if (!(await reuse(job, ''))) queue.push(job)
    }

    const first = work(pagefind)
    let firstDone = false
    // Its failure is thrown below; this derived promise must not be an unhandled rejection.
    first.then(
      () => {
        firstDone = true
      },
      () => undefined,
    )
    try {
      // A failed shard ends the wait: the index has failed whatever the pages do.
      await Promise.race([options.siteBuilt, first.then(() => options.siteBuilt)])
    } catch (error) {
      queue.length = 0
      await first.catch(() => undefined)
      throw error
    }
    siteBuiltAt = performance.now()
    if (main && !(await reuse(main, await htmlPagesDigest(siteDir)))) queue.unshift(main)
    // Another service for each index the first will not get to at once (it takes the next one itself when idle).
    const more = Math.min(jobs - 1, queue.length - (firstDone ? 1 : 0))
    for (let n = 1; n <= more; n++) services.push(await anotherPagefind(n))
    const settled = await Promise.allSettled([first.then(() => work(pagefind)), ...services.slice(1).map(work)])
    const failed = settled.find((outcome) => outcome.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason

    await writeFile(
      join(indexDir, basename(MERGE_SHARDS_SCRIPT)),
      mergeShardsScript(shards.map((k) => `/${SEARCH_INDEX_DIR}/shard-${k}/`)),
    )
    if (reuseDir) {
      await rm(join(reuseDir, SEARCH_INDEX_DIR), {recursive: true, force: true})
      await writeFile(join(reuseDir, REUSE_STATE), JSON.stringify(next))
    }
    return {
      articles,
      pages,
      indexes: shards.length + 1,
      reused,
      pagefindPeakRssBytes: peaks.length === 0 ? null : Math.max(...peaks),
      parallel: Math.max(1, busy.size),
      afterSiteBuiltMs: performance.now() - (siteBuiltAt ?? performance.now()),
    }
  } finally {
    await rm(recordsDir, {recursive: true, force: true})
    await rm(partsDir, {recursive: true, force: true})
    await Promise.all(services.map((service) => service.close()))
  }
}

/** The Pagefind package's API. */
type Pagefind = typeof pagefind

/**
 * Pagefind service `n` (1, 2, …) beside the package's own: another instance of the package's
 * module, imported under another address. The package runs one service process per instance,
 * and a service builds one index at a time, so building two at once needs two. Each index
 * ends its process ({@link buildIndex}); the next starts another.
 *
 * Before, each further index at once was built by a further process of this script, with its own
 * Pagefind: 0.2-0.3 s to start (Node, this script, the package) once Astro had exited, exactly
 * when the build waits for the index, and 50 to 100 MB. The indexer's own work beside Pagefind's is
 * a tenth of it (reading the records, sending them), so one Node process keeps up with several.
 */
async function anotherPagefind(n: number): Promise<Pagefind> {
  // Only ever run by the command line (`jobs` > 1), never by Vite in Astro's process.
  return (await import(/* @vite-ignore */ `${import.meta.resolve('pagefind')}?service=${n}`)) as Pagefind
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
async function buildIndex(outDir: string, job: IndexJob, service: Pagefind = pagefind): Promise<IndexBuilt> {
  const records = await readRecords(job.files)
  const created = await service.createIndex({forceLanguage: 'en'})
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
  // Into a folder that holds no file of an earlier build: `pnpm build` publishes the index's files
  // as hard links to these (scripts/src/spare.ts), so none may ever be written in place.
  const result = await index.writeFiles({outputPath: job.outputPath})
  if (result.errors.length > 0) throw new Error(`Pagefind could not write its index: ${result.errors.join('; ')}`)
  const peakRssBytes = childrenPeakRss()
  // Ending the process returns all of its memory before the next index starts.
  await service.close()
  return {articles: records.length, pages, peakRssBytes}
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
 * How the writer split the records ({@link SEARCH_RECORDS_SPLIT}), or undefined when it did not:
 * then the records are one list, in the order of their files.
 */
async function recordsSplit(recordsDir: string): Promise<SearchRecordsSplit | undefined> {
  const text = await readFile(join(recordsDir, SEARCH_RECORDS_SPLIT), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (text === undefined) return undefined
  const split = JSON.parse(text) as Partial<SearchRecordsSplit>
  if (!Number.isInteger(split.indexes) || (split.indexes ?? 0) < 1) {
    throw new Error(`${join(recordsDir, SEARCH_RECORDS_SPLIT)}: "indexes" must be a positive whole number`)
  }
  return {indexes: split.indexes as number}
}

/**
 * The records of `files`, one list, split into the indexes {@link indexCount} gives their number:
 * a file for each index, or, with one index, the files as they are.
 */
async function splitByIndex(
  files: readonly string[],
  perIndex: number,
  partsDir: string,
): Promise<(string[] | undefined)[]> {
  const indexes = indexCount(await countRecords(files), perIndex)
  if (indexes === 1) return [[...files]]
  return (await splitRecords(files, indexes, partsDir)).map((part) => (part === undefined ? undefined : [part]))
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
  const previous = join(reuseDir, SEARCH_INDEX_DIR)
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
    // Not the merge script either: it is written again, and must be a new file (see buildIndex).
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

/** Where `--reuse` keeps the digests of the last build's indexes (beside the index, in {@link SEARCH_INDEX_DIR}). */
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
    .update(readFileSync(fileURLToPath(new URL('../lib/search-contract.ts', import.meta.url))))
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
 * Index builds at once from the command line, whatever the cores: each holds its own Pagefind
 * process, about 0.25 GB at 500 articles an index.
 */
export const MAX_JOBS = 4

/**
 * Settles when `pnpm build` closes this process's standard input: every page is written. It stops
 * the process with SIGTERM instead when the site's build failed, and no index is wanted.
 */
function siteBuiltSignal(): Promise<void> {
  process.once('SIGTERM', () => {
    console.error("[search-index] Stopped: the site's build failed.")
    // Pagefind's service is a child process: end it too.
    void pagefind.close().finally(() => process.exit(1))
  })
  return new Promise<void>((resolvePromise) => {
    process.stdin.on('end', resolvePromise).resume()
  })
}

/**
 * Waits until `dir` exists: the build renames the finished records folder into place before it
 * renders a page. Fails when the build finishes without having written it.
 */
async function recordsWritten(dir: string, siteBuilt: Promise<void>): Promise<void> {
  let built = false
  void siteBuilt.then(() => {
    built = true
  })
  while (!existsSync(dir)) {
    if (built) throw new Error(`the site's build wrote no search records (${dir})`)
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 25))
  }
}

const USAGE = `Usage: node site/src/integrations/search-index.ts <built site folder> [options]
  --reuse <folder>    keep the indexes there for the next run, and reuse the last run's unchanged ones
  --records <folder>  where the article records are (default: <site>/search-records)
  --into <folder>     where the index goes (default: <site>/pagefind)
  --alongside         run beside the site's build: wait for the records, and for standard input to end
                      (the pages are written) before reading the site's pages`

const thisScript = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)

if (thisScript) {
  let args: ReturnType<typeof parseCommand>
  try {
    args = parseCommand(process.argv.slice(2))
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    process.exit(2)
  }
  try {
    // A bad setting fails the build at once, not after Astro has loaded the content.
    articlesPerIndex()
    const siteBuilt = args.alongside ? siteBuiltSignal() : Promise.resolve()
    const recordsDir = args.records ?? join(args.site, SEARCH_RECORDS_DIR)
    if (args.alongside) await recordsWritten(recordsDir, siteBuilt)
    const started = performance.now()
    const result = await buildSearchIndex(args.site, {
      ...(args.reuse === undefined ? {} : {reuseDir: args.reuse}),
      ...(args.into === undefined ? {} : {indexDir: args.into}),
      recordsDir,
      siteBuilt,
      jobs: Math.min(MAX_JOBS, availableParallelism()),
    })
    const {articles, pages, indexes, reused, pagefindPeakRssBytes, parallel} = result
    const seconds = (ms: number) => (ms / 1000).toFixed(1)
    // This process and Pagefind's, each at its own peak: their sum bounds the step's memory.
    const indexer = process.resourceUsage().maxRSS * 1024
    const memory =
      pagefindPeakRssBytes === null
        ? `indexer peak ${megabytes(indexer)}`
        : parallel > 1
          ? `peak memory ${megabytes(indexer + pagefindPeakRssBytes)} (indexer ${megabytes(indexer)} + ${parallel} index builds at once, ${megabytes(pagefindPeakRssBytes)})`
          : `peak memory ${megabytes(indexer + pagefindPeakRssBytes)} (indexer ${megabytes(indexer)} + Pagefind ${megabytes(pagefindPeakRssBytes)})`
    const after = args.alongside ? `, ${seconds(result.afterSiteBuiltMs)} s of it after the pages were built` : ''
    console.log(
      `[search-index] Search index: ${articles} articles and ${pages} other pages in ${seconds(performance.now() - started)} s${after} (${indexes} Pagefind index${indexes === 1 ? '' : 'es'}${reused > 0 ? `, ${reused} reused from the last build` : ''}), ${memory}`,
    )
  } catch (error) {
    console.error(`[search-index] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}

/** The command line's site folder and options, as absolute paths; throws on anything else. */
function parseCommand(argv: string[]) {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reuse: {type: 'string'},
      records: {type: 'string'},
      into: {type: 'string'},
      alongside: {type: 'boolean', default: false},
    },
  })
  const [site, ...rest] = positionals
  if (site === undefined || rest.length > 0) throw new Error('Give one built site folder.')
  const absolute = (path: string | undefined) => (path === undefined ? undefined : resolve(path))
  return {
    site: resolve(site),
    reuse: absolute(values.reuse),
    records: absolute(values.records),
    into: absolute(values.into),
    alongside: values.alongside,
  }
}
