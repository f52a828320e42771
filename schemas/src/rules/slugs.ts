/** Slugs: what may stand as one segment of a page address. */

/** The longest slug the site accepts; longer ones make unreadable URLs. */
export const MAX_SLUG_LENGTH = 96

/** Lower-case words separated by single hyphens: safe as one URL path segment. */
export const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Why a slug is unsafe for a URL, or undefined when it is fine. */
export function slugProblem(slug: string | undefined | null): string | undefined {
  if (!slug) return 'The slug is empty: generate one from the title.'
  if (slug.length > MAX_SLUG_LENGTH) return `The slug is ${slug.length} characters long; keep it to ${MAX_SLUG_LENGTH}.`
  if (!SAFE_SLUG.test(slug)) {
    return 'Use only lower-case letters, digits and single hyphens (no spaces, slashes, dots or capitals).'
  }
  return undefined
}
