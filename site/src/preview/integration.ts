/**
 * Turns the site into its preview server: the draft-mode routes and the middleware that reads
 * each request's content. Only `astro.preview.config.ts` installs it, so the static build's
 * output is the same whether or not the preview server exists.
 */

import {fileURLToPath} from 'node:url'
import {DRAFT_MODE_ROUTES} from '@repo/schemas/rules'
import type {AstroIntegration} from 'astro'

/**
 * On every page of the preview server: load the click-to-edit overlays only where the page says
 * it is in draft mode (the review banner's marker), so published pages fetch nothing more.
 */
const LOAD_VISUAL_EDITING = `if (document.querySelector('[data-visual-editing="on"]')) import(${JSON.stringify(
  fileURLToPath(new URL('./visual-editing.ts', import.meta.url)),
)})`

export function previewServer(): AstroIntegration {
  return {
    name: 'preview-server',
    hooks: {
      'astro:config:setup': ({injectRoute, addMiddleware, injectScript}) => {
        injectScript('page', LOAD_VISUAL_EDITING)
        injectRoute({pattern: DRAFT_MODE_ROUTES.enable, entrypoint: new URL('./enable.ts', import.meta.url)})
        injectRoute({pattern: DRAFT_MODE_ROUTES.disable, entrypoint: new URL('./disable.ts', import.meta.url)})
        injectRoute({pattern: '/api/preview/banner.css', entrypoint: new URL('./banner-css.ts', import.meta.url)})
        addMiddleware({entrypoint: new URL('./middleware.ts', import.meta.url), order: 'pre'})
      },
    },
  }
}
