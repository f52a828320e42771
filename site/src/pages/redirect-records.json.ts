import type {APIRoute} from 'astro'
import {redirectsQuery} from '../data/queries.ts'
import {fetchContent} from '../data/source.ts'

/**
 * Every published redirect, for the site-finish integration to write as `_redirects` (and then
 * delete). Read here, through the build's one content source, so the dataset is not opened twice.
 */
export const GET: APIRoute = async () => new Response(JSON.stringify(await fetchContent(redirectsQuery)))
