import sitemap from '@astrojs/sitemap'
import {defineConfig} from 'astro/config'
import {assetFileNames, build, define, reactRenderer, site} from './astro.shared.ts'
import {siteFinish} from './src/integrations/site-finish.ts'

/**
 * Set by `pnpm build` (scripts/src/build-site.ts) to its persistent work folder, which turns on
 * incremental builds: Astro's cache lives there, and the output folder is kept between builds
 * instead of emptied, so pages Astro reuses are not even copied. A plain `astro build` (the
 * site's own tests) renders every page, as before.
 */
const incrementalDir = process.env['SITE_INCREMENTAL_DIR']

/** The public site: fully static. */
export default defineConfig({
  site,
  output: 'static',
  ...(incrementalDir ? {cacheDir: `${incrementalDir}/astro-cache`} : {}),
  // Pages whose cache key (from getStaticPaths, see @repo/schemas/content pageCacheKeys) and
  // code are unchanged since the last build are reused instead of rendered.
  experimental: {incrementalBuild: incrementalDir !== undefined},
  trailingSlash: 'always',
  build,
  integrations: [
    reactRenderer(),
    sitemap({
      // Search results and the not-found page are not pages anyone should land on from a search engine.
      filter: (page) => !/\/(search|404)\/?$/.test(new URL(page).pathname),
    }),
    siteFinish(),
  ],
  vite: {
    define,
    build: {...(incrementalDir ? {emptyOutDir: false} : {}), rolldownOptions: {output: {assetFileNames}}},
  },
})
