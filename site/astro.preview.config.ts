/**
 * The preview server: the same site and components, rendered on demand by a standalone Node
 * server (`pnpm preview:drafts`), with draft mode behind the Studio's secret. The static site is
 * built by `astro.config.ts` alone and never includes any of this; no sitemap, headers file or
 * search index either, since the preview is for editors and never indexed.
 */
import node from '@astrojs/node'
import {defineConfig} from 'astro/config'
import {assetFileNames, build, define, reactRenderer, site} from './astro.shared.ts'
import {previewServer} from './src/preview/integration.ts'

export default defineConfig({
  site,
  output: 'server',
  adapter: node({mode: 'standalone'}),
  outDir: './dist-preview',
  trailingSlash: 'always',
  build,
  integrations: [reactRenderer(), previewServer()],
  // Every script as a file, never inlined: the pages' policy allows scripts from the server only.
  vite: {
    define: {...define, 'import.meta.env.CSP_META': 'true'},
    build: {assetsInlineLimit: 0, rolldownOptions: {output: {assetFileNames}}},
  },
})
