/**
 * A redirect target that stays on this site: a path starting with one `/`, without a scheme,
 * host or backslash trick that a browser would read as another origin. Anything else is `/`.
 */
export function sitePath(requested: string | null | undefined): string {
  if (!requested?.startsWith('/') || requested.startsWith('//') || requested.includes('\\')) return '/'
  const url = new URL(requested, 'http://preview.invalid')
  if (url.origin !== 'http://preview.invalid') return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
