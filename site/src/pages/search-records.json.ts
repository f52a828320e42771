import type {APIRoute} from 'astro'
import {loadContent} from '../data/content.ts'
import {articleSearchRecord} from '../lib/search-records.ts'

/** Every article's search record, for the site-finish integration to index (and then delete). */
export const GET: APIRoute = async (context) => {
  const {articles} = await loadContent(context.locals)
  return new Response(JSON.stringify(articles.map(articleSearchRecord)))
}
