/**
 * The site's search index (Pagefind), over a finished build: program levels, therapies and the
 * questions page read whole from their HTML; articles, thousands of them, from the records the
 * build wrote (`search-records.ndjson`, deleted here so it is never published).
 *
 * `astro build` runs it from the site-finish integration. `pnpm build` runs it instead as its own
 * process once Astro has exited (`node site/src/integrations/search-index.ts <dist>`), so the
 * indexer's memory never adds to the memory Astro holds.
 *
 * With `--reuse <folder>` (what the incremental `pnpm build` passes), the last build's index is
 * kept there with a digest of what it was built from: the article records, the HTML pages it
 * reads, this indexer's code, Pagefind's version and the articles per index. When nothing of that
 * changed (a rebuild with no content change, a review that lapsed, an image swapped), the index is
 * moved back instead of built again; Pagefind writes the same bytes for the same input.
 */
import {createHash} from 'node:crypto'
import {createReadStream, existsSync, readdirSync, readFileSync} from 'node:fs'
import {glob, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'
import {type ArticleSearchRecord, SEARCH_RECORDS_FILE} from '../lib/search-records.ts'

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
 * Articles per Pagefind index. Pagefind holds a whole index in memory until it writes it, about
 * 0.24 MB an article with full text: 10,000 articles in one index peaked at 2.4 GB. Indexed in
 * shards of this many, one Pagefind process after another, the step peaked at 0.83 GB at 10,000
 * articles, and a shard's size, not the corpus's, sets it; the search page merges the shards
 * (`mergeIndex`), at a few more requests a search.
 * `SEARCH_ARTICLES_PER_INDEX` overrides it (tests use 1 to make shards of a tiny dataset).
 */
export const ARTICLES_PER_INDEX = 2500

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
  /** The largest Pagefind process's peak memory (high-water RSS), where `/proc` tells it; else null. */
  pagefindPeakRssBytes: number | null
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
 * Writes `<outDir>/pagefind/` (the HTML pages and the first articles), `pagefind/shard-<n>/` for
 * the rest, `pagefind/merge-shards.js`, and removes the records file. Throws, naming the step,
 * on failure.
 */
export async function buildSearchIndex(outDir: string): Promise<SearchIndexResult> {
  const recordsFile = join(outDir, SEARCH_RECORDS_FILE)
  const perIndex = articlesPerIndex()
  let pages = 0
  let articles = 0
  let peak: number | null = null
  const shardPaths: string[] = []
  let written = 0
  try {
    let index: pagefind.PagefindIndex | undefined
    let inIndex = 0
    let pending = new Set<Promise<void>>()
    /** Writes the open index (the main one first, then each shard) and ends its Pagefind process. */
    const finish = async () => {
      if (!index) return
      await Promise.all(pending)
      pending = new Set()
      const shard = written++
      const outputPath = shard === 0 ? join(outDir, 'pagefind') : join(outDir, 'pagefind', `shard-${shard}`)
      const result = await index.writeFiles({outputPath})
      if (result.errors.length > 0) throw new Error(`Pagefind could not write its index: ${result.errors.join('; ')}`)
      if (shard > 0) shardPaths.push(`/pagefind/shard-${shard}/`)
      const rss = childrenPeakRss()
      if (rss !== null) peak = Math.max(peak ?? 0, rss)
      // Ending the process returns all of its memory before the next shard starts.
      await pagefind.close()
      index = undefined
    }
    /** A new index in a fresh Pagefind process; the main one also reads the HTML pages. */
    const open = async () => {
      const created = await pagefind.createIndex({forceLanguage: 'en'})
      if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`)
      index = created.index
      inIndex = 0
      if (articles === 0) {
        const added = await index.addDirectory({path: outDir, glob: HTML_PAGES})
        if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`)
        pages = added.page_count
      }
      return index
    }
    const add = async (target: pagefind.PagefindIndex, {url, title, content}: ArticleSearchRecord) => {
      const result = await target.addCustomRecord({url, content, language: 'en', meta: {title}})
      if (result.errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${result.errors.join('; ')}`)
    }
    await open()
    const lines = createInterface({input: createReadStream(recordsFile, 'utf8'), crlfDelay: Infinity})
    for await (const line of lines) {
      if (line === '') continue
      const record = JSON.parse(line) as ArticleSearchRecord
      if (inIndex === perIndex) {
        await finish()
        await open()
      }
      const target = index ?? (await open())
      articles++
      inIndex++
      const adding = add(target, record).finally(() => pending.delete(adding))
      // The first failure is thrown by the race or the wait below; the others must not surface
      // as unhandled rejections that would hide it.
      adding.catch(() => {})
      pending.add(adding)
      if (pending.size >= IN_FLIGHT) await Promise.race(pending)
    }
    await finish()
    await writeFile(join(outDir, MERGE_SHARDS_SCRIPT), mergeShardsScript(shardPaths))
    return {articles, pages, indexes: written, pagefindPeakRssBytes: peak}
  } finally {
    await rm(recordsFile, {force: true})
    await pagefind.close()
  }
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

/** Where `--reuse` keeps the last index (`pagefind/`) and the digest of its inputs. */
const REUSED_INDEX = 'pagefind'
const REUSED_DIGEST = 'inputs.sha256'

/** Pagefind's version (its package exports no `package.json`: found beside its entry point). */
function pagefindVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('pagefind')))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {version: string}).version
}

/** A digest of everything the index is built from (see the module's comment). */
async function searchInputsDigest(outDir: string): Promise<string> {
  const hash = createHash('sha256')
  hash.update(`pagefind ${pagefindVersion()}\0per index ${articlesPerIndex()}\0`)
  hash.update(readFileSync(fileURLToPath(import.meta.url)))
  hash.update(await readFile(join(outDir, SEARCH_RECORDS_FILE)))
  const pages: string[] = []
  for await (const page of glob(HTML_PAGES, {cwd: outDir})) pages.push(page)
  for (const page of pages.sort()) hash.update(`\0${page}\0`).update(await readFile(join(outDir, page)))
  return hash.digest('hex')
}

/**
 * Builds the index, or moves the last one back from `reuseDir` when its inputs are unchanged;
 * either way leaves there the digest for the next build. Returns null when it reused the index.
 */
export async function buildOrReuseSearchIndex(outDir: string, reuseDir: string): Promise<SearchIndexResult | null> {
  const digest = await searchInputsDigest(outDir)
  const previous = await readFile(join(reuseDir, REUSED_DIGEST), 'utf8').catch(() => undefined)
  let result: SearchIndexResult | null = null
  const reused =
    previous === digest &&
    (await rename(join(reuseDir, REUSED_INDEX), join(outDir, 'pagefind')).then(
      () => true,
      () => false,
    ))
  if (reused) await rm(join(outDir, SEARCH_RECORDS_FILE), {force: true})
  else result = await buildSearchIndex(outDir)
  await rm(join(reuseDir, REUSED_INDEX), {recursive: true, force: true})
  await writeFile(join(reuseDir, REUSED_DIGEST), digest)
  return result
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2]
  const reuseDir = process.argv[3] === '--reuse' ? process.argv[4] : undefined
  if (!outDir || (process.argv[3] !== undefined && !reuseDir)) {
    console.error('Usage: node site/src/integrations/search-index.ts <built site folder> [--reuse <folder>]')
    process.exit(2)
  }
  try {
    const started = performance.now()
    const built = reuseDir
      ? await buildOrReuseSearchIndex(resolve(outDir), resolve(reuseDir))
      : await buildSearchIndex(resolve(outDir))
    if (built === null) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      console.log(`[search-index] Search index: its inputs are unchanged since the last build; reused (${seconds} s)`)
      process.exit(0)
    }
    const {articles, pages, indexes, pagefindPeakRssBytes} = built
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    // This process and Pagefind's, each at its own peak: their sum bounds the step's memory.
    const indexer = process.resourceUsage().maxRSS * 1024
    const memory =
      pagefindPeakRssBytes === null
        ? `indexer peak ${megabytes(indexer)}`
        : `peak memory ${megabytes(indexer + pagefindPeakRssBytes)} (indexer ${megabytes(indexer)} + Pagefind ${megabytes(pagefindPeakRssBytes)})`
    console.log(
      `[search-index] Search index: ${articles} articles and ${pages} other pages in ${seconds} s (${indexes} Pagefind index${indexes === 1 ? '' : 'es'}), ${memory}`,
    )
  } catch (error) {
    console.error(`[search-index] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
