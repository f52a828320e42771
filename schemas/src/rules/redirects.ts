/** Redirects: which old addresses may be sent where, for the Studio's validation and the site's `_redirects` file alike. */

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
