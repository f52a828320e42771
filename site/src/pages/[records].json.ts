import type {APIRoute, GetStaticPaths} from 'astro'
import {loadContent, onlyPath} from '../data/content.ts'
import {REDIRECT_RECORDS_FILE} from '../lib/redirects.ts'

const NAME = REDIRECT_RECORDS_FILE.replace(/\.json$/, '')

/** `/redirect-records.json`, a named endpoint only so that it can carry a cache key (see `onlyPath`). */
export const getStaticPaths = (() =>
  onlyPath({records: NAME}, NAME, ({redirects}) => ({settings: false, extra: redirects}))) satisfies GetStaticPaths

/**
 * Every published redirect, for the site-finish integration to write as `_redirects` (and then
 * delete). Read with the rest of the build's content, so the dataset is not opened twice.
 */
export const GET: APIRoute = async (context) => {
  if (context.params['records'] !== NAME) return new Response(null, {status: 404})
  return new Response(JSON.stringify((await loadContent(context.locals)).redirects))
}
