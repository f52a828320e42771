/**
 * The site's addresses for each kind of document, used by the site's pages and links, the
 * Studio's "Open preview" and the scripts alike. Slugs are checked with `slugProblem` before they
 * get here; the build refuses a document whose slug would not make a safe segment.
 */

/** An article's page. */
export function articlePath(slug: string): string {
  return `/blog/${slug}/`
}

/** A level of care's page. */
export function programLevelPath(slug: string): string {
  return `/programs/${slug}/`
}

/** A therapy's page. */
export function therapyPath(slug: string): string {
  return `/therapies/${slug}/`
}

/** A clinical reviewer's profile page. */
export function reviewerPath(slug: string): string {
  return `/reviewers/${slug}/`
}

/** The anchor of a question on the FAQ page, from the FAQ's `_id`. */
export function faqAnchor(faqId: string): string {
  return `q-${slugify(faqId) || 'faq'}`
}

/** Where a question is answered: its anchor on the FAQ page. */
export function faqPath(faqId: string): string {
  return `/faq/#${faqAnchor(faqId)}`
}

/** A string safe as an HTML `id` and URL fragment, derived from any text. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '')
}

/**
 * The preview server's draft-mode routes: the Studio's Presentation tool opens the first with its
 * secret, and the second ends draft mode. Served by the preview server only, never the static site.
 */
export const DRAFT_MODE_ROUTES = {enable: '/api/draft-mode/enable/', disable: '/api/draft-mode/disable/'} as const
