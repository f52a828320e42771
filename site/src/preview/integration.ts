/**
 * Turns the site into its preview server: the draft-mode routes and the middleware that reads
 * each request's content. Only `astro.preview.config.ts` installs it, so the static build's
 * output is the same whether or not the preview server exists.
 */
import type {AstroIntegration} from 'astro'

export function previewServer(): AstroIntegration {
  return {
    name: 'preview-server',
    hooks: {
      'astro:config:setup': ({injectRoute, addMiddleware}) => {
        injectRoute({pattern: '/api/draft-mode/enable', entrypoint: new URL('./enable.ts', import.meta.url)})
        injectRoute({pattern: '/api/draft-mode/disable', entrypoint: new URL('./disable.ts', import.meta.url)})
        injectRoute({pattern: '/api/preview/banner.css', entrypoint: new URL('./banner-css.ts', import.meta.url)})
        addMiddleware({entrypoint: new URL('./middleware.ts', import.meta.url), order: 'pre'})
      },
    },
  }
}
