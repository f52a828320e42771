/**
 * What `pnpm build` (scripts/src/build-site.ts) needs to know of the site, so that it reaches
 * into none of the site's folders: where the site is and its Astro, the search indexer it runs
 * beside Astro and how it tells the site so, the folder the search page loads the index from,
 * and the files whose change Astro's incremental cache would not see.
 *
 * Exported as `@repo/site/build`.
 */
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

export {SEARCH_INDEX_ALONGSIDE, SEARCH_INDEX_DIR} from './src/lib/search-contract.ts'

/** The site's folder: Astro runs in it, and bundles the pages into its `.astro/`. */
export const SITE_ROOT = fileURLToPath(new URL('.', import.meta.url))

/** The site's Astro command line, a script for Node: `node <ASTRO_CLI> build`. */
export const ASTRO_CLI = join(SITE_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs')

/**
 * The site's Pagefind command line, a script for Node: `node <PAGEFIND_CLI> --site <folder>`.
 * The benchmark indexes its peers' output with it, as a static site without our indexer would.
 */
export const PAGEFIND_CLI = join(SITE_ROOT, 'node_modules', 'pagefind', 'lib', 'runner', 'bin.cjs')

/** The search indexer, a script of its own: `node <SEARCH_INDEXER> <site folder> [options]`. */
export const SEARCH_INDEXER = fileURLToPath(new URL('./src/integrations/search-index.ts', import.meta.url))

/**
 * The site's files (relative to {@link SITE_ROOT}) that shape every page but that Astro's
 * incremental cache does not see. Astro hashes each page's own code, the lockfile and a few chosen
 * config options; not the rest of the config (how Vite names assets, for one: a reused page would
 * then link a stylesheet that no longer exists) nor the integrations that finish the build and
 * index it. A change to any of them renders every page again.
 */
export const BUILD_CODE: readonly string[] = ['astro.config.ts', 'astro.shared.ts', 'src/integrations']
