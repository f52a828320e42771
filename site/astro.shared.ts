/**
 * What the static site (`astro.config.ts`) and the preview server (`astro.preview.config.ts`)
 * share: the same pages, components and rendering, so a preview shows what readers will see.
 */
import {fileURLToPath} from 'node:url'
import react from '@astrojs/react'
import type {AstroIntegration} from 'astro'

// The public origin; sitemap, canonical URLs and RSS need it. Set SITE_URL when deploying.
export const site = process.env['SITE_URL'] || 'http://localhost:4321'

export const build = {
  // Stylesheets as files, never inline: the Content-Security-Policy then allows styles from
  // the site itself only, the same on every page and in the headers file.
  inlineStylesheets: 'never',
  // Pages are written while the next ones render. One at a time, the build waited on the disk
  // for about a third of page generation (2,000 articles, CPU profile); four in flight leave
  // it under a twentieth idle. More bought nothing on two cores and holds more pages in memory.
  concurrency: 4,
} as const

/**
 * Portable Text is rendered by React, on the server only: no page hydrates a React component,
 * so the renderer is registered without its client entrypoint. Astro would otherwise bundle
 * React's client runtime on every build (a Vite build of its own) and publish it (220 KB that no
 * page loads). A component given a `client:` directive would still build, its island keeping the
 * server's HTML and never hydrating (tried); the site test that no script but Pagefind's is
 * published fails on the island's bundle.
 */
export function reactRenderer(): AstroIntegration {
  const integration = react({
    // React only renders Portable Text to static HTML here, with nothing to stream. The
    // synchronous renderer writes the same markup without a web stream per component (and
    // per renderer check), which cost about as much as React's own rendering work.
    experimentalDisableStreaming: true,
  })
  const setup = integration.hooks['astro:config:setup']
  return {
    ...integration,
    hooks: {
      ...integration.hooks,
      'astro:config:setup': (options) =>
        setup?.({
          ...options,
          addRenderer: ({clientEntrypoint: _clientOnly, ...serverOnly}) => options.addRenderer(serverOnly),
        }),
    },
  }
}

/**
 * Names a page's own stylesheet after its route (`faq`, `blog-slug`, `home`). Vite names it after
 * the page's file, and a page that exists once is `[...index].astro` (see `onlyPath` in
 * src/data/content.ts): every such page's styles would be `_..<hash>.css`.
 */
export function assetFileNames(asset: {originalFileNames: readonly string[]}): string {
  const page = /^virtual:astro:page:src\/pages\/(.+)@_@\w+$/.exec(asset.originalFileNames[0] ?? '')
  if (!page?.[1]) return '_astro/[name].[hash][extname]'
  const route = page[1]
    .split('/')
    .map((segment) => segment.replace(/^\[(?:\.\.\.)?(\w+)\]$/, '$1').replace(/[^\w-]/g, ''))
    .filter((segment) => segment !== '' && segment !== 'index')
    .join('-')
  return `_astro/${route || 'home'}.[hash][extname]`
}

/** Build-time constants every page may read. */
export const define = {
  // Resolved here because bundled page code cannot find files relative to its own source.
  'import.meta.env.BUNDLED_DATASET': JSON.stringify(
    fileURLToPath(new URL('./content/dataset.ndjson', import.meta.url)),
  ),
}
