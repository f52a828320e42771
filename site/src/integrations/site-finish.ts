/**
 * What happens after Astro has written the pages: the headers and redirects files and the search index. Runs on
 * whatever folder the build wrote to (`--outDir` included), so test builds get them too.
 */
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AstroIntegration} from 'astro'
import {headersFile} from '../lib/csp.ts'
import {REDIRECT_RECORDS_FILE, type RedirectRecord, redirectsFile} from '../lib/redirects.ts'
import {buildSearchIndex, SEARCH_INDEX_AFTER_BUILD} from './search-index.ts'

/**
 * Writes the `_headers` file, the `_redirects` file from the redirect records a page of the build
 * wrote (deleting the records, which are not part of the site), and builds the search index, unless `pnpm build` said it will build
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
        const recordsFile = join(outDir, REDIRECT_RECORDS_FILE)
        const records = JSON.parse(await readFile(recordsFile, 'utf8')) as RedirectRecord[]
        await rm(recordsFile)
        const redirects = redirectsFile(records)
        await writeFile(join(outDir, '_redirects'), redirects.text)
        for (const skipped of redirects.skipped) logger.warn(`Redirect left out of _redirects: ${skipped}`)
        logger.info(`Redirects: ${records.length - redirects.skipped.length} written to _redirects`)
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
