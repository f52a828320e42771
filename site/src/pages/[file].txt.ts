import type {APIRoute, GetStaticPaths} from 'astro'
import {onlyPath} from '../data/content.ts'

/**
 * `/robots.txt`, a named endpoint only so that it can carry a cache key (see `onlyPath`). It
 * shows no content: its key changes only with the code, and the site's address is configuration,
 * whose change rebuilds everything.
 */
export const getStaticPaths = (() =>
  onlyPath({file: 'robots'}, 'robots', () => ({settings: false}))) satisfies GetStaticPaths

/** Every page may be crawled except search results; the sitemap lists the rest. */
export const GET: APIRoute = ({params, site}) => {
  if (params['file'] !== 'robots') return new Response(null, {status: 404})
  const sitemap = new URL('/sitemap-index.xml', site ?? 'http://localhost:4321').href
  return new Response(['User-agent: *', 'Disallow: /search/', '', `Sitemap: ${sitemap}`, ''].join('\n'), {
    headers: {'content-type': 'text/plain; charset=utf-8'},
  })
}
