import type {APIRoute, GetStaticPaths, InferGetStaticPropsType} from 'astro'
import {loadContent, pageCacheKeys} from '../../data/content.ts'
import {articleSearchRecord, SEARCH_RECORDS_PER_FILE} from '../../lib/search-records.ts'

/**
 * Every article's search record, one JSON line each, for the search index to read (and then
 * delete), in files of {@link SEARCH_RECORDS_PER_FILE} articles: `search-records/0.ndjson` holds
 * the first ones, `1.ndjson` the next, and so on. Astro collects an endpoint's whole body in
 * memory, in more than one copy, before it writes the file: one file of all 10,000 articles (77 MB)
 * raised the build's peak memory by about 300 MB, where a file of 100 articles is under 1 MB.
 * Each file is keyed by its articles' text, so an incremental build writes again only the file
 * that holds an edited article (and restores the others from Astro's cache).
 */
export const getStaticPaths = (async () => {
  const content = await loadContent()
  const keys = pageCacheKeys(content)
  const paths = []
  for (let start = 0; start < content.articles.length; start += SEARCH_RECORDS_PER_FILE) {
    const part = String(start / SEARCH_RECORDS_PER_FILE)
    const entries = content.articles.slice(start, start + SEARCH_RECORDS_PER_FILE)
    paths.push({
      params: {part},
      props: {entries},
      cacheKey: keys.page(`search-records/${part}`, {settings: false, articleTexts: entries}),
    })
  }
  return paths
}) satisfies GetStaticPaths

type Props = InferGetStaticPropsType<typeof getStaticPaths>

// The preview server builds no search index: it has no static props, and serves no records.
export const GET: APIRoute<Props> = ({props}) =>
  props.entries
    ? new Response(props.entries.map((entry) => `${JSON.stringify(articleSearchRecord(entry))}\n`).join(''), {
        headers: {'Content-Type': 'application/x-ndjson'},
      })
    : new Response(null, {status: 404})
