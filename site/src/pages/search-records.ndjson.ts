import type {APIRoute} from 'astro'
import {loadContent} from '../data/content.ts'
import {articleSearchRecord} from '../lib/search-records.ts'

/** Every article's search record, for the site-finish integration to index (and then delete). */
export const GET: APIRoute = async () => {
  const {articles} = await loadContent()
  return new Response(JSON.stringify(articles.map(articleSearchRecord)))
}
