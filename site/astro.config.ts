import {fileURLToPath} from 'node:url'
import react from '@astrojs/react'
import sitemap from '@astrojs/sitemap'
import {defineConfig} from 'astro/config'

// The public origin; sitemap, canonical URLs and RSS need it. Set SITE_URL when deploying.
const site = process.env['SITE_URL'] || 'http://localhost:4321'

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  integrations: [react(), sitemap()],
  vite: {
    define: {
      // Resolved here because bundled page code cannot find files relative to its own source.
      'import.meta.env.BUNDLED_DATASET': JSON.stringify(
        fileURLToPath(new URL('./content/dataset.ndjson', import.meta.url)),
      ),
    },
  },
})
