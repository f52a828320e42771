import type {APIRoute} from 'astro'
import {loadContent} from '../data/content.ts'
import {articleSearchRecord} from '../lib/search-records.ts'

/**
 * Every article's search record, one JSON line each, for the search index to read (and then
 * delete). Written a record at a time: with the full text of every article, one JSON string of
 * them all would come near V8's string limit at tens of thousands of articles.
 */
export const GET: APIRoute = async () => {
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
