/**
 * What happens after Astro has written the pages: the headers file and the search index. Runs on
 * whatever folder the build wrote to (`--outDir` included), so test builds get them too.
 */
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AstroIntegration} from 'astro'
import {headersFile} from '../lib/csp.ts'
import {SEARCH_INDEX_ALONGSIDE, SEARCH_RECORDS_DIR} from '../lib/search-contract.ts'
import {buildSearchIndex} from './search-index.ts'

/**
 * Writes the `_headers` file (`_redirects` is a page: `pages/[redirects].ts`) and builds the
 * search index, unless `pnpm build` builds it (`SITE_SEARCH_INDEX=alongside`: its indexer runs
 * beside Astro); tells pages whether they are served by the dev server, where the CSP meta tag is
 * left out.
 *
 * A build's search records (`loadContent` writes them) go to `SITE_SEARCH_RECORDS_DIR`; unless
 * `pnpm build` chose that folder, this sets it to `search-records/` in the output folder, which
 * the indexer deletes once it has read it. An environment variable, not a Vite `define`: the path
 * would then be compiled into every page's code, and a new output folder would invalidate them all.
 */
export function siteFinish(): AstroIntegration {
  let building = false
  return {
    name: 'site-finish',
    hooks: {
      'astro:config:setup': ({command, updateConfig}) => {
        building = command === 'build'
        updateConfig({vite: {define: {'import.meta.env.CSP_META': JSON.stringify(command !== 'dev')}}})
      },
      'astro:config:done': ({config}) => {
        if (building) {
          process.env['SITE_SEARCH_RECORDS_DIR'] ??= join(fileURLToPath(config.outDir), SEARCH_RECORDS_DIR)
        }
      },
      'astro:build:done': async ({dir, logger}) => {
        const outDir = fileURLToPath(dir)
        await writeFile(join(outDir, '_headers'), headersFile())
        if (process.env['SITE_SEARCH_INDEX'] === SEARCH_INDEX_ALONGSIDE) {
          logger.info('Search index: left to pnpm build, whose indexer runs beside Astro')
          return
        }
        const recordsDir = process.env['SITE_SEARCH_RECORDS_DIR'] ?? join(outDir, SEARCH_RECORDS_DIR)
        const {articles, pages} = await buildSearchIndex(outDir, {recordsDir})
        logger.info(`Search index: ${articles} articles and ${pages} other pages`)
      },
    },
  }
}
