/**
 * What the build and the search indexer agree on: where the build leaves the article records and
 * their shape (what `writeSearchRecords` writes and `search-index.ts` reads), how the articles are
 * split over Pagefind indexes, where the index goes, and how `pnpm build` tells the site that the
 * indexer runs beside Astro. Apart from `search-records.ts`, which builds the records, so that the
 * indexer, a process of its own on every build, loads none of that code.
 */
import {createHash} from 'node:crypto'

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
 * their numbers, or, with {@link SEARCH_RECORDS_SPLIT}, one file per index. `pnpm build` puts
 * them in its work folder instead (`SITE_SEARCH_RECORDS_DIR`).
 */
export const SEARCH_RECORDS_DIR = 'search-records'

/**
 * In a records folder, says the records are already split by index, as the build writes them:
 * `{"indexes": n}`, and `<k>.ndjson` holds the records of index k (none when it is missing), in
 * the articles' order. Splitting them as they are written spares the indexer reading them all
 * (77 MB at 10,000 articles) and writing them again before its first index: 1.2 s.
 */
export const SEARCH_RECORDS_SPLIT = 'split.json'

/** What {@link SEARCH_RECORDS_SPLIT} holds. */
export interface SearchRecordsSplit {
  indexes: number
}

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

/**
 * Articles per Pagefind index, until there are {@link MAX_INDEXES}. Pagefind has no incremental
 * mode: an index is built whole, about 2 ms an article on these machines, and an edited article
 * rebuilds the index that holds it. So an index's size is what an edit costs the search step: at
 * 10,000 articles, 1.9 s with indexes of 500 against 7.0 s with indexes of 2,500; at 1,000, an
 * index of 125 instead of one of 1,000. It also bounds the step's memory, as Pagefind holds a
 * whole index until it writes it (about 0.24 MB an article with full text; 10,000 in one index
 * peaked at 2.4 GB). Small as it is, a reader never pays for more than {@link MAX_INDEXES}.
 * A build makes `ceil(articles / this)` indexes, at most {@link MAX_INDEXES}, and hashes the
 * articles over them, so an index's size is an average: one holds a few percent more or fewer
 * (about ±9% is one standard deviation at 125), never all the corpus.
 * `SEARCH_ARTICLES_PER_INDEX` overrides it (tests use 1 to make shards of a tiny dataset).
 */
export const ARTICLES_PER_INDEX = 125

/**
 * The most indexes a build makes, whatever the corpus: what a reader's search costs grows with the
 * count, not with the articles. The search page merges the indexes (`mergeIndex`), and each costs a
 * first search three small requests (its entry, its metadata, one chunk of words) and each new
 * word one more. Measured in Chromium at 10,000 articles, a first search took 68 requests and
 * about 300 KB with 20 indexes, against 20 requests and about 250 KB with 4: the bytes barely
 * change, as each index's chunks hold fewer pages. So from 2,500 articles on the indexes grow
 * instead (500 at 10,000 articles, 2,500 at 50,000, about 6 s to rebuild one and 0.6 GB for its
 * Pagefind while it runs), and their count stops changing, so no later growth moves articles
 * between indexes.
 */
export const MAX_INDEXES = 20

/** How many indexes `articles` articles go into, at `perIndex` articles an index. */
export function indexCount(articles: number, perIndex: number): number {
  return Math.min(MAX_INDEXES, Math.max(1, Math.ceil(articles / perIndex)))
}

/** The articles per index this build uses (`SEARCH_ARTICLES_PER_INDEX`, else {@link ARTICLES_PER_INDEX}). */
export function articlesPerIndex(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['SEARCH_ARTICLES_PER_INDEX']
  if (value === undefined || value === '') return ARTICLES_PER_INDEX
  const size = Number(value)
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`SEARCH_ARTICLES_PER_INDEX must be a positive whole number, got "${value}"`)
  }
  return size
}

/**
 * The index (0 to `indexes` - 1) that holds the article at `url`.
 *
 * Why a hash and not the records' order: the records are written newest first, so cutting them
 * into consecutive batches put every article after a new one into the next batch, and publishing
 * one article changed (and rebuilt) every index. A hash of the article's address depends on
 * nothing else, so an edited or a new article changes only the index it hashes to, and the
 * incremental build moves the others back (at 10,000 articles, one index's ~7 s instead of the
 * whole 29 s step). The address is what the record carries and what the site keys the article by.
 *
 * Why jump consistent hash (Lamping & Veach 2014, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm") and not `hash % indexes`: the count of indexes grows with the site
 * (`ceil(articles / perIndex)`). The build that adds an index rebuilds every index either way, each
 * giving up some articles; but with a modulo almost every article would change index, and so the
 * folder its Pagefind files are published under (`pagefind/shard-<k>/fragment/…`): nearly the
 * whole search index written anew, and every cached copy of it stale. Jump hash, going from n to
 * n + 1 indexes, moves only the ~1/(n + 1) of the articles that go into the new index; every other
 * article stays where it was. It spreads keys evenly and needs no table, only a 64-bit key: the
 * first 8 bytes of the address's SHA-256.
 */
export function indexOfArticle(url: string, indexes: number): number {
  return jumpConsistentHash(createHash('sha256').update(url).digest().readBigUInt64BE(0), indexes)
}

const UINT64 = (1n << 64n) - 1n

/** Jump consistent hash: the bucket in [0, buckets) of a 64-bit key, as in the paper's C++. */
export function jumpConsistentHash(key: bigint, buckets: number): number {
  let bucket = -1
  let jump = 0
  let state = key & UINT64
  while (jump < buckets) {
    bucket = jump
    state = (state * 2862933555777941757n + 1n) & UINT64
    // A double division, as in C++; exact in JavaScript numbers too (both operands below 2^53).
    jump = Math.floor((bucket + 1) * (2 ** 31 / Number((state >> 33n) + 1n)))
  }
  return bucket
}
