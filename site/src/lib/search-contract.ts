/**
 * What the build and the search indexer agree on: where the build leaves the article records and
 * their shape (what `writeSearchRecords` writes and `search-index.ts` reads), where the index goes,
 * and how `pnpm build` tells the site that the indexer runs beside Astro. Apart from
 * `search-records.ts`, which builds the records, so that the indexer, a process of its own on
 * every build, loads none of that code.
 */

/**
 * The search index's folder: in the site (the search page loads `/pagefind/`), and in the folder
 * the indexer keeps the last build's index in (`--reuse`).
 */
export const SEARCH_INDEX_DIR = 'pagefind'

/** `SITE_SEARCH_INDEX` when `pnpm build` runs the indexer beside Astro: the integration then leaves the index to it. */
export const SEARCH_INDEX_ALONGSIDE = 'alongside'

/**
 * Where a plain `astro build` leaves the article records for the indexer, in its output folder
 * (the indexer deletes them): `<n>.ndjson` files (NDJSON, one record a line), read in the order of
 * their numbers. `pnpm build` puts them in its work folder instead (`SITE_SEARCH_RECORDS_DIR`).
 */
export const SEARCH_RECORDS_DIR = 'search-records'

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
