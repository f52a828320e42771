import type {APIRoute, GetStaticPaths} from 'astro'
import {loadContent, onlyPath} from '../data/content.ts'
import {REDIRECTS_FILE, redirectsFile} from '../lib/redirects.ts'

/**
 * `/_redirects` (Netlify / Cloudflare Pages format), a named endpoint so that it can carry a
 * cache key (see `onlyPath`): rendered again only when a redirect changed.
 */
export const getStaticPaths = (() =>
  onlyPath({redirects: REDIRECTS_FILE}, REDIRECTS_FILE, ({redirects}) => ({
    settings: false,
    extra: redirects,
  }))) satisfies GetStaticPaths

/** Every published redirect; one that cannot be written safely is left out, with a warning naming it. */
export const GET: APIRoute = async (context) => {
  // On the preview server this route matches any one-segment address: those get the not-found page.
  if (context.params['redirects'] !== REDIRECTS_FILE) return context.rewrite('/404')
  const {text, skipped} = redirectsFile((await loadContent(context.locals)).redirects)
  for (const reason of skipped) console.warn(`[redirects] Redirect left out of ${REDIRECTS_FILE}: ${reason}`)
  return new Response(text, {headers: {'content-type': 'text/plain; charset=utf-8'}})
}
