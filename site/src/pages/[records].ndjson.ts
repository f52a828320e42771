import type {APIRoute, GetStaticPaths} from 'astro'
import {loadContent, onlyPath, pageCacheKeys} from '../data/content.ts'
import {articleSearchRecord, SEARCH_RECORDS_FILE} from '../lib/search-records.ts'

const NAME = SEARCH_RECORDS_FILE.replace(/\.ndjson$/, '')

/**
 * `/search-records.ndjson`, a named endpoint so that it can carry a cache key (see `onlyPath`):
 * at 10,000 articles writing the records takes seconds, and an unchanged build restores them
 * from Astro's cache instead.
 */
export const getStaticPaths = (async () => {
  const content = await loadContent()
  return onlyPath({records: NAME}, pageCacheKeys(content).page(NAME, {settings: false, articleTexts: content.articles}))
}) satisfies GetStaticPaths

/**
 * Every article's search record, one JSON line each, for the search index to read (and then
 * delete). Written a record at a time: with the full text of every article, one JSON string of
 * them all would come near V8's string limit at tens of thousands of articles.
 */
export const GET: APIRoute = async ({params}) => {
  if (params['records'] !== NAME) return new Response(null, {status: 404})
  const {articles} = await loadContent()
  const encoder = new TextEncoder()
  let next = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const entry = articles[next++]
      if (entry === undefined) controller.close()
      else controller.enqueue(encoder.encode(`${JSON.stringify(articleSearchRecord(entry))}\n`))
    },
  })
  return new Response(body, {headers: {'Content-Type': 'application/x-ndjson'}})
}
