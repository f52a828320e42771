import type {APIRoute} from 'astro'

/** Every page may be crawled except search results; the sitemap lists the rest. */
export const GET: APIRoute = ({site}) => {
  const sitemap = new URL('/sitemap-index.xml', site ?? 'http://localhost:4321').href
  return new Response(['User-agent: *', 'Disallow: /search/', '', `Sitemap: ${sitemap}`, ''].join('\n'), {
    headers: {'content-type': 'text/plain; charset=utf-8'},
  })
}
