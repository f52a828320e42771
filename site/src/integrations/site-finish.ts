/**
 * What happens after Astro has written the pages: the search index and the headers file. Runs on
 * whatever folder the build wrote to (`--outDir` included), so test builds get them too.
 */
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AstroIntegration} from 'astro'
import * as pagefind from 'pagefind'
import {headersFile} from '../lib/csp.ts'
import {type ArticleSearchRecord, SEARCH_RECORDS_FILE} from '../lib/search-records.ts'

/**
 * The pages Pagefind reads as HTML: the few whose whole text is worth indexing (program levels,
 * therapies, the questions page). Articles, thousands of them, come as records instead.
 */
const HTML_PAGES = '{programs,therapies,faq}/**/*.html'

/**
 * Builds the Pagefind index and writes the `_headers` file; tells pages whether they are served
 * by the dev server, where the CSP meta tag is left out.
 */
export function siteFinish(): AstroIntegration {
  return {
    name: 'site-finish',
    hooks: {
      'astro:config:setup': ({command, updateConfig}) => {
        updateConfig({vite: {define: {'import.meta.env.CSP_META': JSON.stringify(command !== 'dev')}}})
      },
      'astro:build:done': async ({dir, logger}) => {
        const outDir = fileURLToPath(dir)
        await writeFile(join(outDir, '_headers'), headersFile())
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
            records.map(({url, title, content}) =>
              index.addCustomRecord({url, content, language: 'en', meta: {title}}),
            ),
          )
          const failed = results.flatMap((result, i) => result.errors.map((error) => `${records[i]?.url}: ${error}`))
          if (failed.length > 0) throw new Error(`Pagefind could not index articles: ${failed.slice(0, 5).join('; ')}`)
          const written = await index.writeFiles({outputPath: join(outDir, 'pagefind')})
          if (written.errors.length > 0)
            throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`)
          logger.info(`Search index: ${records.length} articles and ${added.page_count} other pages`)
        } finally {
          await pagefind.close()
        }
      },
    },
  }
}
