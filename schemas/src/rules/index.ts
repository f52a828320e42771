/**
 * Content rules that the Studio's validation, the site build and the scripts all enforce. Plain
 * TypeScript with no Sanity import, so the site can use them without bundling the Studio.
 */

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

/** The only URL schemes a reader can be sent to; `javascript:`, `data:` and the like never pass. */
export const SAFE_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const

/**
 * Why `path` cannot be the old address a redirect answers, or undefined when it can: a path on
 * this site (`/2019/03/old-post/`), with no spaces, no query or fragment (static hosts match
 * paths only) and nothing a redirects file would read as a second column.
 */
export function redirectFromProblem(path: string | undefined | null): string | undefined {
  if (!path) return 'Enter the old address, starting with “/”.'
  if (!path.startsWith('/') || path.startsWith('//'))
    return 'The old address is a path on this site: start it with a single “/”.'
  if (/[\s?#]/.test(path)) return 'The old address cannot contain spaces, “?” or “#”.'
  return undefined
}

/**
 * Why `target` cannot be where a redirect sends readers, or undefined when it can: a path on
 * this site, or an `http(s)` address; nothing with spaces, and no other scheme.
 */
export function redirectToProblem(target: string | undefined | null): string | undefined {
  if (!target) return 'Enter where the old address now leads, such as /blog/my-article/.'
  if (/\s/.test(target)) return 'The new address cannot contain spaces.'
  if (target.startsWith('/') && !target.startsWith('//')) return undefined
  if (/^https?:\/\/[^/]/i.test(target)) return undefined
  return 'The new address must be a path on this site (/blog/…) or start with https:// or http://.'
}
