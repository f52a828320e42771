/**
 * Per-page cache keys for Astro's incremental builds (`experimental.incrementalBuild`): a page
 * whose key and code are unchanged since the last build is not rendered again. A key therefore
 * has to cover everything the page shows, and nothing that changes while the page does not:
 *
 * - every document the page renders, as a digest of what the site's query returned for it (the
 *   projection, not `_rev`: the queries do not read `_rev`, and a digest also catches an edit of
 *   a dataset file that did not bump `_rev`, while an edit of a field the site never reads
 *   re-renders nothing);
 * - what those documents point at: the address of every document they link to (a slug change
 *   moves a link), the image sources of every image, each embedded FAQ with its own links;
 * - the documents the page lists (related levels, therapies, FAQs, the articles of a listing
 *   page, the previous and next program level) and their addresses;
 * - the settings, which every page's header and footer show;
 * - the review claim computed for this build's clock: status, review date and expiry, so a review
 *   that lapses re-renders its article, the listings that mark it, and its reviewer's page.
 *   Never `daysUntilExpiry` or `reason`, which change every day while the page does not.
 *
 * Keys are digests (SHA-1, hex); each document is digested once per build however many pages
 * show it.
 */
import {createHash} from 'node:crypto'
import {documentDigest} from './digests.ts'
import type {ArticleEntry, FaqEntry, ProgramLevelEntry, ReviewerEntry, SiteContent, TherapyEntry} from './graph.ts'

/** The cache key of every kind of page, for one build's content. */
export interface PageCacheKeys {
  /** `/blog/<slug>/`. */
  article(entry: ArticleEntry): string
  /** `/programs/<slug>/`. */
  programLevel(entry: ProgramLevelEntry): string
  /** `/therapies/<slug>/`. */
  therapy(entry: TherapyEntry): string
  /** `/reviewers/<slug>/`. */
  reviewer(entry: ReviewerEntry): string
  /**
   * One page of a paginated article listing: its articles as cards, the page's place among
   * `lastPage` pages, and `extra` for whatever else the listing shows (its category, the
   * categories it links to).
   */
  listing(page: {data: readonly ArticleEntry[]; currentPage: number; lastPage: number}, extra?: unknown): string
  /**
   * Any other page or file: one that exists once (the home page, `/faq/`, the feed) or one of a
   * set (a file of search records), by what it shows, as listed in `shows`. `name` tells such
   * pages apart.
   */
  page(name: string, shows: PageShows): string
}

/** What a page keyed by {@link PageCacheKeys.page} shows. */
export interface PageShows {
  /**
   * The settings: every HTML page's header and footer show them, so true unless the file shows
   * none (a feed of records, robots.txt). Covers the addresses their rich text links to.
   */
  settings: boolean
  /** Articles as cards or links: address, title, dates, summary, category and review mark. */
  articles?: readonly ArticleEntry[]
  programLevels?: readonly ProgramLevelEntry[]
  therapies?: readonly TherapyEntry[]
  faqs?: readonly FaqEntry[]
  reviewers?: readonly ReviewerEntry[]
  /** Anything else the page shows, as JSON (the review policy, the redirects). */
  extra?: unknown
}

const memo = new WeakMap<SiteContent, PageCacheKeys>()

/** The page cache keys for `content`, computed lazily and shared by every route of the build. */
export function pageCacheKeys(content: SiteContent): PageCacheKeys {
  let keys = memo.get(content)
  if (!keys) {
    keys = createPageCacheKeys(content)
    memo.set(content, keys)
  }
  return keys
}

/**
 * Bump when what a key covers changes in a way the page code's hash would not show (for example
 * a change here that makes keys cover more): every keyed page then renders once more.
 */
const KEY_VERSION = 'page-cache-key/2'

function createPageCacheKeys(content: SiteContent): PageCacheKeys {
  const faces = new WeakMap<object, string>()
  const shell = digest([KEY_VERSION, json(content.settings)])

  /**
   * A document as the page sees it: its own data, the address of everything it links to, the
   * sources of its images and the FAQs its body embeds (each with its own face).
   */
  const face = (doc: object | null | undefined): string => {
    if (!doc) return '-'
    const known = faces.get(doc)
    if (known !== undefined) return known
    // A placeholder first, so two FAQs embedding each other cannot recurse forever.
    faces.set(doc, 'cycle')
    const parts: string[] = [documentDigest(doc)]
    walk(doc, (node) => {
      const ref = typeof node['_ref'] === 'string' ? node['_ref'] : undefined
      if (ref !== undefined) {
        parts.push(`ref ${ref} ${content.linkTarget(ref) ?? '-'}`)
        const faq = content.faqById(ref)
        if (faq && faq.faq !== doc) parts.push(`faq ${face(faq.faq)}`)
      }
      if ('asset' in node) parts.push(`image ${json(content.image(node as never) ?? null)}`)
    })
    const result = digest(parts)
    faces.set(doc, result)
    return result
  }

  const review = (entry: ArticleEntry) => {
    const {status, reviewedAt, expiresAt, licenceExpiredOn} = entry.review
    return json({
      status,
      reviewedAt,
      expiresAt,
      licenceExpiredOn,
      reviewedBy: entry.reviewedBy ? [entry.reviewedBy.url, face(entry.reviewedBy.reviewer)] : null,
    })
  }
  const levelFace = (entry: ProgramLevelEntry | undefined) => (entry ? `${entry.url} ${face(entry.level)}` : '-')
  const therapyFace = (entry: TherapyEntry) => `${entry.url} ${face(entry.therapy)}`
  const faqFace = (entry: FaqEntry) => `${entry.url} ${entry.anchor} ${face(entry.faq)}`
  // An article where another page lists it: a card or a link shows its address, title, date,
  // summary, category and review mark; the article's face covers all but the mark.
  const card = (entry: ArticleEntry) => `${entry.url} ${face(entry.article)} ${entry.reviewedBy ? 'reviewed' : '-'}`

  return {
    article: (entry) =>
      digest([
        shell,
        'article',
        entry.url,
        face(entry.article),
        review(entry),
        face(entry.author),
        ...entry.programLevels.map(levelFace),
        '|',
        ...entry.therapies.map(therapyFace),
        '|',
        ...entry.relatedFaqs.map(faqFace),
        '|',
        ...entry.embeddedFaqs.map(faqFace),
      ]),
    programLevel: (entry) =>
      digest([
        shell,
        'programLevel',
        String(content.programLevels.length),
        levelFace(entry),
        levelFace(entry.previous),
        levelFace(entry.next),
        ...entry.therapies.map(therapyFace),
        '|',
        ...entry.faqs.map(faqFace),
        '|',
        ...entry.articles.map(card),
      ]),
    therapy: (entry) =>
      digest([
        shell,
        'therapy',
        therapyFace(entry),
        ...entry.programLevels.map(levelFace),
        '|',
        ...entry.articles.map(card),
      ]),
    reviewer: (entry) =>
      digest([shell, 'reviewer', entry.url ?? '-', face(entry.reviewer), ...entry.reviewedArticles.map(card)]),
    listing: (page, extra) =>
      digest([shell, 'listing', `${page.currentPage}/${page.lastPage}`, json(extra ?? null), ...page.data.map(card)]),
    page: (name, shows) =>
      digest([
        KEY_VERSION,
        'page',
        name,
        shows.settings ? `${shell} ${face(content.settings)}` : '-',
        json(shows.extra ?? null),
        ...(shows.articles ?? []).map(card),
        '|',
        ...(shows.programLevels ?? []).map((entry) => `${levelFace(entry)} ${levelFace(entry.next)}`),
        '|',
        ...(shows.therapies ?? []).map(therapyFace),
        '|',
        ...(shows.faqs ?? []).map(faqFace),
        '|',
        ...(shows.reviewers ?? []).map((entry) => `${entry.url ?? '-'} ${face(entry.reviewer)}`),
      ]),
  }
}

/** Calls `visit` on every object inside `value`, depth first. */
function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit)
  } else if (value !== null && typeof value === 'object') {
    visit(value as Record<string, unknown>)
    for (const child of Object.values(value)) walk(child, visit)
  }
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined'
}

function digest(parts: readonly string[]): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}
