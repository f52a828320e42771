import type {APIRoute} from 'astro'
import {loadContent} from '../data/content.ts'

/**
 * Every published redirect, for the site-finish integration to write as `_redirects` (and then
 * delete). Read with the rest of the build's content, so the dataset is not opened twice.
 */
export const GET: APIRoute = async (context) =>
  new Response(JSON.stringify((await loadContent(context.locals)).redirects))
