/**
 * The site's search index (Pagefind), over a finished build: program levels, therapies and the
 * questions page read whole from their HTML; articles, thousands of them, from the records the
 * build wrote (`search-records.ndjson`, deleted here so it is never published).
 *
 * `astro build` runs it from the site-finish integration. `pnpm build` runs it instead as its own
 * process once Astro has exited (`node site/src/integrations/search-index.ts <dist>`), so the
 * indexer's memory (about 40 KB an article) never adds to the memory Astro holds.
 */
import {createReadStream} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'
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

/** Writes `<outDir>/pagefind/` and removes the records file. Throws, naming the step, on failure. */
export async function buildSearchIndex(outDir: string): Promise<{articles: number; pages: number}> {
  const recordsFile = join(outDir, SEARCH_RECORDS_FILE)
  try {
    const {index, errors} = await pagefind.createIndex({forceLanguage: 'en'})
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
    const added = await index.addDirectory({path: outDir, glob: HTML_PAGES})
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`)
    let articles = 0
    const pending = new Set<Promise<void>>()
    const add = async ({url, title, content}: ArticleSearchRecord) => {
      const result = await index.addCustomRecord({url, content, language: 'en', meta: {title}})
      if (result.errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${result.errors.join('; ')}`)
    }
    const lines = createInterface({input: createReadStream(recordsFile, 'utf8'), crlfDelay: Infinity})
    for await (const line of lines) {
      if (line === '') continue
      const record = JSON.parse(line) as ArticleSearchRecord
      articles++
      const adding = add(record).finally(() => pending.delete(adding))
      pending.add(adding)
      if (pending.size >= IN_FLIGHT) await Promise.race(pending)
    }
    await Promise.all(pending)
    const written = await index.writeFiles({outputPath: join(outDir, 'pagefind')})
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`)
    return {articles, pages: added.page_count}
  } finally {
    await rm(recordsFile, {force: true})
    await pagefind.close()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2]
  if (!outDir) {
    console.error('Usage: node site/src/integrations/search-index.ts <built site folder>')
    process.exit(2)
  }
  try {
    const started = performance.now()
    const {articles, pages} = await buildSearchIndex(resolve(outDir))
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`[search-index] Search index: ${articles} articles and ${pages} other pages in ${seconds} s`)
  } catch (error) {
    console.error(`[search-index] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
