/**
 * WordPress items to Sanity documents: IDs from WordPress post IDs, slugs kept when they are safe,
 * what becomes a published article and what only a draft, and the redirects from old permalinks.
 * Everything here is a pure function of the export, so a second import writes the same bytes.
 */
import {ARTICLE_CATEGORIES, slugProblem} from '@repo/schemas'
import type {ExportedDocument} from '@repo/schemas/document'
import {stableKey} from '../portable-text.ts'
import type {WxrItem, WxrTerm} from './wxr.ts'

/** A document as `sanity dataset export` writes it. */
export type DatasetDocument = ExportedDocument

/** The `_id` of the article made from WordPress post `id` (published; drafts add `drafts.`). */
export function articleId(id: number): string {
  return `article-wp-${id}`
}

/** The `_id` of the redirect from post `id`'s old permalink. */
export function redirectId(id: number): string {
  return `redirect-wp-${id}`
}

/** The `_id` of the author with WordPress login `login`. */
export function authorId(login: string): string {
  return `author-wp-${slugify(login) || stableKey('login', login)}`
}

/** The site's address of an article. */
export function articlePath(slug: string): string {
  return `/blog/${slug}/`
}

/**
 * A URL-safe slug from any text: accents dropped (`Ça va` → `ca-va`), anything else that is not
 * a letter or digit becomes a hyphen. Text with no Latin letters at all gives ''.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/œ/gi, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
}

/**
 * Slugs that would be taken for another page under `/blog/`: digits only are listing pages
 * (`/blog/2/`), `category` is the category listings' folder.
 */
function reservedSlug(slug: string): boolean {
  return /^\d+$/.test(slug) || slug === 'category'
}

/**
 * The slug an item keeps: WordPress's own `post_name` when the site accepts it (so the URL can
 * stay), else one made from it or from the title, else `post-<id>`; never one of the blog's own
 * paths (`2`, `category`). `taken` holds slugs already given; a clash gets the post ID appended.
 */
export function chooseSlug(item: WxrItem, taken: Set<string>): string {
  let name = item.postName
  try {
    name = decodeURIComponent(name)
  } catch {
    // A malformed escape: use the name as written.
  }
  const candidates = [name, slugify(name), slugify(item.title), `post-${item.postId}`]
  let slug =
    candidates.find((candidate) => candidate && !slugProblem(candidate) && !reservedSlug(candidate)) ??
    `post-${item.postId}`
  if (taken.has(slug)) slug = `${slug.slice(0, 80)}-${item.postId}`
  taken.add(slug)
  return slug
}

/** WordPress statuses that were never public: their items become drafts only. */
const UNPUBLISHED: Record<string, string> = {
  draft: 'a draft in WordPress',
  pending: 'pending review in WordPress',
  private: 'private in WordPress',
  future: 'scheduled in WordPress',
}

/** Why a post or page cannot be imported at all, or undefined when it can. */
export function skipReason(item: WxrItem, pages: boolean): string | undefined {
  // Every ID derives from it: without one, a second import could not find what the first wrote.
  if (item.postId <= 0) return 'it has no <wp:post_id>, which every WordPress export item carries'
  switch (item.postType) {
    case 'post':
      break
    case 'page':
      if (!pages) return 'a page (pass --pages to import pages as articles)'
      break
    case 'attachment':
      return 'an attachment (imported as an image where a post uses it)'
    case 'revision':
      return 'a revision (the current version is imported)'
    case 'nav_menu_item':
      return 'a menu item (menus are not content)'
    default:
      return `a “${item.postType || 'unknown'}” item (only posts${pages ? ' and pages' : ''} are imported)`
  }
  if (item.status === 'trash') return 'in the trash in WordPress'
  if (item.status === 'auto-draft') return 'an empty auto-draft'
  if (item.status === 'inherit') return 'an item without its own status'
  return undefined
}

/**
 * Why an importable post becomes a draft rather than a published article, or undefined when it
 * is published. `hasBody` is whether its body came out with any content.
 */
export function draftReason(item: WxrItem, hasBody: boolean): string | undefined {
  const unpublished = UNPUBLISHED[item.status]
  if (unpublished) return unpublished
  if (item.status !== 'publish') return `status “${item.status}” in WordPress`
  if (item.password) return 'password-protected in WordPress'
  if (!item.title.trim()) return 'it has no title'
  if (!hasBody) return 'it has no body text'
  if (!publishedAt(item)) return 'it has no publication date'
  return undefined
}

/**
 * A cheap look at the raw HTML for whether a body will have content, used before conversion to
 * decide which posts other posts may link to.
 */
export function looksNonEmpty(content: string): boolean {
  if (/<(img|table|pre|iframe|video|audio)\b|\[(gallery|caption|embed|video|audio)\b/i.test(content)) return true
  const text = content
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
  return text.trim() !== ''
}

/** An ISO instant from WordPress's `YYYY-MM-DD HH:MM:SS` (GMT first, then local time). */
export function publishedAt(item: WxrItem): string | undefined {
  for (const value of [item.postDateGmt, item.postDate]) {
    const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value)
    if (match && match[1] !== '0000') return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`
  }
  const parsed = Date.parse(item.pubDate)
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().replace(/\.000Z$/, 'Z')
}

/** The site's category for the item's WordPress categories, matched by slug or name. */
export function matchCategory(terms: readonly WxrTerm[]): {category?: string; unmatched: string[]} {
  const categories = terms.filter((term) => term.domain === 'category')
  for (const term of categories) {
    const found = ARTICLE_CATEGORIES.find(
      (candidate) =>
        candidate.value === term.nicename.toLowerCase() ||
        candidate.title.toLowerCase() === term.name.toLowerCase() ||
        candidate.value === slugify(term.name),
    )
    if (found) return {category: found.value, unmatched: []}
  }
  return {unmatched: categories.map((term) => term.name || term.nicename)}
}

/** Plain text of an HTML fragment (excerpts). */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&#8217;/g, '’')
    .replace(/\s+/g, ' ')
    .trim()
}

/** At most `max` characters of `text`, cut at a sentence end when there is one, else a word. */
export function shorten(text: string, max = 280): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const sentence = cut.search(/[.!?](?=\s)[^.!?]*$/)
  if (sentence > max / 3) return cut.slice(0, sentence + 1)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).trimEnd()}…`
}

/** The path of an old permalink, or undefined for a `?p=` address or one on another site. */
export function permalinkPath(link: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(link, baseUrl || undefined)
    if (url.search) return undefined
    const base = baseUrl ? new URL(baseUrl) : undefined
    if (base && url.host !== base.host) return undefined
    // WordPress.com writes `//greek/…` for some pages; the path a host matches has single slashes.
    return decodeURI(url.pathname).replace(/\/{2,}/g, '/')
  } catch {
    return undefined
  }
}

/** A document with the system fields an export carries; `_rev` changes exactly when the content does. */
export function datasetDocument(
  _id: string,
  _type: string,
  instant: string,
  fields: Record<string, unknown>,
): DatasetDocument {
  return {
    _id,
    _type,
    _createdAt: instant,
    _updatedAt: instant,
    _rev: stableKey('rev', JSON.stringify({_id, _type, ...fields})),
    ...fields,
  }
}

/** A redirect document, or undefined when the old address already is the new one. */
export function redirectDocument(id: number, from: string | undefined, slug: string, instant: string) {
  const to = articlePath(slug)
  if (!from || from === to || `${from}/` === to || /[\s#?]/.test(from)) return undefined
  return datasetDocument(redirectId(id), 'redirect', instant, {from, to, permanent: true})
}
