/**
 * The site's search index (Pagefind), over a finished build: program levels, therapies and the
 * questions page read whole from their HTML; articles, thousands of them, from the records the
 * build wrote (`search-records.json`, deleted here so it is never published).
 *
 * `astro build` runs it from the site-finish integration. `pnpm build` runs it instead as its own
 * process once Astro has exited (`node site/src/integrations/search-index.ts <dist>`), so the
 * indexer's memory (about 40 KB an article) never adds to the memory Astro holds.
 */
import {readFile, rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'
import {type ArticleSearchRecord, SEARCH_RECORDS_FILE} from '../lib/search-records.ts'

/** The pages read as HTML: the few whose whole text is worth indexing. */
const HTML_PAGES = '{programs,therapies,faq}/**/*.html'

/** Set by `pnpm build` for the Astro process: the integration then leaves the index to it. */
export const SEARCH_INDEX_AFTER_BUILD = 'after-build'

/** Writes `<outDir>/pagefind/` and removes the records file. Throws, naming the step, on failure. */
export async function buildSearchIndex(outDir: string): Promise<{articles: number; pages: number}> {
  const recordsFile = join(outDir, SEARCH_RECORDS_FILE)
  const records = JSON.parse(await readFile(recordsFile, 'utf8')) as ArticleSearchRecord[]
  await rm(recordsFile)
  try {
    const {index, errors} = await pagefind.createIndex({forceLanguage: 'en'})
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
    const added = await index.addDirectory({path: outDir, glob: HTML_PAGES})
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`)
    // One request at a time would wait on a round trip per article; all at once lets the
    // indexer take them as fast as it can read them.
    const results = await Promise.all(
      records.map(({url, title, content}) => index.addCustomRecord({url, content, language: 'en', meta: {title}})),
    )
    const failed = results.flatMap((result, i) => result.errors.map((error) => `${records[i]?.url}: ${error}`))
    if (failed.length > 0) throw new Error(`Pagefind could not index articles: ${failed.slice(0, 5).join('; ')}`)
    const written = await index.writeFiles({outputPath: join(outDir, 'pagefind')})
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`)
    return {articles: records.length, pages: added.page_count}
  } finally {
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
