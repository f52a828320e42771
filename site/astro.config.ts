import sitemap from '@astrojs/sitemap'
import {defineConfig} from 'astro/config'
import {build, define, reactRenderer, site} from './astro.shared.ts'
import {siteFinish} from './src/integrations/site-finish.ts'

/** The public site: fully static. */
export default defineConfig({
  site,
  output: 'static',
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
  vite: {define},
})
