/**
 * What happens after Astro has written the pages: the search index and the headers file. Runs on
 * whatever folder the build wrote to (`--outDir` included), so test builds get them too.
 */
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AstroIntegration} from 'astro'
import * as pagefind from 'pagefind'
import {headersFile} from '../lib/csp.ts'

/**
 * Builds the Pagefind index over the built pages and writes the `_headers` file; tells pages
 * whether they are served by the dev server, where the CSP meta tag is left out.
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
        try {
          const {index, errors} = await pagefind.createIndex({forceLanguage: 'en'})
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
          const added = await index.addDirectory({path: outDir})
          if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`)
          const written = await index.writeFiles({outputPath: join(outDir, 'pagefind')})
          if (written.errors.length > 0)
            throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`)
          logger.info(`Search index: ${added.page_count} pages`)
        } finally {
          await pagefind.close()
        }
      },
    },
  }
}
