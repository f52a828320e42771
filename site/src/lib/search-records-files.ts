/**
 * Where the build leaves the article records for the indexer, and their shape: what the records
 * route writes and `search-index.ts` reads. Apart from `search-records.ts`, which builds the
 * records, so that the indexer, a process of its own on every build, loads none of that code.
 */

/**
 * Where in the build output the article records wait for the indexer: `<n>.ndjson` files (NDJSON,
 * one record a line) of {@link SEARCH_RECORDS_PER_FILE} articles each, numbered from 0 in the
 * articles' order. The folder of the route that writes them, `src/pages/search-records/`.
 */
export const SEARCH_RECORDS_DIR = 'search-records'

/**
 * Articles per records file. Astro holds each file whole in memory, in more than one copy, while
 * it writes it: under 1 MB at this size, where one file of all 10,000 articles raised the build's
 * peak memory by about 300 MB.
 */
export const SEARCH_RECORDS_PER_FILE = 100

/** One article as Pagefind indexes it. */
export interface ArticleSearchRecord {
  url: string
  title: string
  /**
   * Everything a reader can read on the article's page, as plain text: title, summary, category,
   * then every paragraph, heading and list item of the body in order, the text of its callouts,
   * calls to action and tables, and the questions and answers it embeds.
   */
  content: string
}
