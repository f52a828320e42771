/**
 * This build's content, for the pages: asks the content layer (`@repo/schemas/content`) once per
 * build and shares the answer. Which source is read (the bundled dataset, `CONTENT_DATASET_FILE`,
 * or a live project with `SANITY_PROJECT_ID`; images not yet uploaded from `CONTENT_IMAGES_DIR`)
 * and how a review is judged are the content layer's;
 * this module adds the build's clock, its review report and how pages are listed.
 */
import {createHash} from 'node:crypto'
import {readFile, rename, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {
  buildSiteContent,
  type ContentHashMemo,
  createContentSource,
  fetchRawContent,
  type PageShows,
  pageCacheKeys,
  reviewTrustFromEnv,
  type SiteContent,
} from '@repo/schemas/content'
import {reviewClock, type VerifiedSignatures} from '@repo/schemas/review'
import {writeSearchRecords} from '../lib/search-records.ts'
import {printReviewReport, type ReviewReportOptions} from './review-report.ts'

export type {
  Article,
  ArticleCategory,
  ArticleEntry,
  Author,
  Faq,
  FaqEntry,
  ImageSources,
  ImageValue,
  ProgramLevel,
  ProgramLevelEntry,
  Reviewer,
  ReviewerEntry,
  Settings,
  SiteContent,
  Therapy,
  TherapyEntry,
} from '@repo/schemas/content'
/** Each page's cache key for incremental builds, for the routes' `getStaticPaths`. */
export {pageCacheKeys}

/**
 * Articles per page of the blog and of each category listing: twenty short cards are one quick
 * scroll on a phone, and half the listing pages of ten to build at tens of thousands of articles.
 */
export const ARTICLES_PER_PAGE = 20

/** How many of the newest articles the home page lists. */
export const HOME_LATEST_ARTICLES = 3

/**
 * `getStaticPaths` of a page that exists once (the home page, `/faq/`, the feed, `_redirects`),
 * keyed by what `shows` says it shows of this build's content. Each is a rest route
 * (`[...index].astro`) or a named endpoint (`[feed].xml.ts`) for this alone: Astro's incremental
 * build skips only pages that `getStaticPaths` returns with a cache key, never a static route, so
 * a static route would render on every build. The not-found page is the exception: Astro finds it
 * by its static route, `/404`, and is patched to read that one path's key (site/patches/astro@*).
 *
 * The preview server renders on demand and never calls `getStaticPaths`, so there such a route
 * also matches addresses it has no page for; the route answers those with a 404.
 */
export async function onlyPath<Params extends Record<string, string | undefined>>(
  params: Params,
  name: string,
  shows: (content: SiteContent) => PageShows,
) {
  const content = await loadContent()
  return [{params, cacheKey: pageCacheKeys(content).page(name, shows(content))}]
}

let loaded: Promise<SiteContent> | undefined

/**
 * The content a page renders. In the static build: this build's content, loaded on first use and
 * shared by every page; the first load prints the clinical review report, and with
 * `REVIEW_STRICT=1` fails the build when any article that needs review cannot show a valid one.
 * On the preview server: the content the preview middleware loaded for this one request
 * (`locals.content`), in the perspective the request may see.
 *
 * The first load also writes the articles' search records, before any page is rendered, into
 * `SITE_SEARCH_RECORDS_DIR` (set for every `astro build` by the site-finish integration, or by
 * `pnpm build`): under `pnpm build` the indexer builds the search index from them on the second
 * core while Astro renders the pages on the first.
 */
export function loadContent(
  locals: App.Locals = {},
  options: ReviewReportOptions = reportOptionsFromEnv(),
): Promise<SiteContent> {
  if (locals.content) return locals.content
  loaded ??= (async () => {
    const source = await createContentSource(process.env, import.meta.env.BUNDLED_DATASET)
    const remembered = await rememberedReviewWork(process.env['SITE_INCREMENTAL_DIR'])
    const content = await buildSiteContent(
      await fetchRawContent(source),
      reviewClock(process.env['REVIEW_NOW']),
      reviewTrustFromEnv(process.env),
      {
        localImagesDir: process.env['CONTENT_IMAGES_DIR'],
        contentHashes: remembered?.contentHashes,
        verifiedSignatures: remembered?.verifiedSignatures,
      },
    )
    await remembered?.save()
    printReviewReport(content, options)
    for (const problem of content.localImageProblems) console.warn(`[content] ${problem}`)
    const recordsDir = process.env['SITE_SEARCH_RECORDS_DIR']
    if (recordsDir) await writeSearchRecords(recordsDir, content.articles)
    return content
  })()
  return loaded
}

function reportOptionsFromEnv(): ReviewReportOptions {
  return {strict: process.env['REVIEW_STRICT'] === '1', log: (line) => console.log(line)}
}

/** The files in `pnpm build`'s work folder that keep what the last build computed. */
const CONTENT_HASHES_FILE = 'content-hashes.json'
const VERIFIED_SIGNATURES_FILE = 'verified-signatures.json'
const CONTENT_HASH = /^sha256:[0-9a-f]{64}$/

/**
 * In an incremental build (`SITE_INCREMENTAL_DIR`, the work folder of `pnpm build`), what the last
 * build computed and this one may reuse: the articles' content hashes, and the signatures that
 * verified (each remembered as the SHA-256 of its entry, so the file holds no payloads).
 */
async function rememberedReviewWork(dir: string | undefined): Promise<
  | {
      contentHashes: ContentHashMemo
      verifiedSignatures: VerifiedSignatures
      save(): Promise<void>
    }
  | undefined
> {
  if (!dir) return undefined
  const hashes = await rememberedMap(
    join(dir, CONTENT_HASHES_FILE),
    (value): value is string => typeof value === 'string' && CONTENT_HASH.test(value),
  )
  const signatures = await rememberedMap(join(dir, VERIFIED_SIGNATURES_FILE), (value): value is true => value === true)
  const digest = (entry: string) => createHash('sha256').update(entry).digest('hex')
  return {
    contentHashes: {get: (key) => hashes.previous.get(key), set: (key, hash) => hashes.next.set(key, hash)},
    verifiedSignatures: {
      has(entry) {
        const key = digest(entry)
        if (!signatures.previous.has(key)) return false
        signatures.next.set(key, true)
        return true
      },
      add: (entry) => signatures.next.set(digest(entry), true),
    },
    save: async () => {
      await hashes.save()
      await signatures.save()
    },
  }
}

/**
 * A memo kept in one JSON file between builds: the entries the last build stored (`previous`,
 * those whose value passes `valid`) and the ones this build used (`next`), which `save` keeps for
 * the next build: only those, so the file never outgrows the site. An unreadable file is an empty
 * memo. Written whole to a temporary file and renamed, so a failed build leaves the last complete
 * file.
 */
async function rememberedMap<Value>(
  file: string,
  valid: (value: unknown) => value is Value,
): Promise<{previous: ReadonlyMap<string, Value>; next: Map<string, Value>; save(): Promise<void>}> {
  const previous = new Map<string, Value>()
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'))
    if (stored && typeof stored === 'object') {
      for (const [key, value] of Object.entries(stored)) if (valid(value)) previous.set(key, value)
    }
  } catch {
    // No memo yet, or one that cannot be read: everything is computed.
  }
  const next = new Map<string, Value>()
  return {
    previous,
    next,
    async save() {
      await writeFile(`${file}.tmp`, JSON.stringify(Object.fromEntries(next)))
      await rename(`${file}.tmp`, file)
    },
  }
}
