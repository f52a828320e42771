/**
 * What happens after Astro has written the pages: the headers file and the search index. Runs on
 * whatever folder the build wrote to (`--outDir` included), so test builds get them too.
 */
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AstroIntegration} from 'astro'
import {headersFile} from '../lib/csp.ts'
import {buildSearchIndex, SEARCH_INDEX_AFTER_BUILD} from './search-index.ts'

/**
 * Writes the `_headers` file and builds the search index, unless `pnpm build` said it will build
 * the index itself once Astro has exited (`SITE_SEARCH_INDEX=after-build`); tells pages whether
 * they are served by the dev server, where the CSP meta tag is left out.
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
        if (process.env['SITE_SEARCH_INDEX'] === SEARCH_INDEX_AFTER_BUILD) {
          logger.info('Search index: left to pnpm build, which builds it once Astro has exited')
          return
        }
        const {articles, pages} = await buildSearchIndex(outDir)
        logger.info(`Search index: ${articles} articles and ${pages} other pages`)
      },
    },
  }
}
