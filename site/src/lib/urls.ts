/**
 * Every URL the site writes into an `href` or `src` passes through here. Content comes from many
 * hands; a `javascript:`, `data:` or `vbscript:` address must never become clickable.
 */

/** The schemes a reader may be sent to from content, as the Studio's link annotation allows. */
const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:'])

/**
 * The address as it may appear in an `href`, or undefined when it is not an absolute http(s),
 * mailto or tel URL. Relative or protocol-relative addresses are refused too: content links to
 * other sites with a full address and to this site with an internal link.
 */
export function safeExternalHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  // Browsers strip tabs and newlines inside a scheme ("java\nscript:"); URL parsing does too,
  // but only an address that already reads as a safe scheme, character for character, is kept.
  if (!/^(?:https?:\/\/|mailto:|tel:)/i.test(trimmed)) return undefined
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  if (!SAFE_LINK_PROTOCOLS.has(url.protocol)) return undefined
  return url.href
}

/** Only `https:` addresses (sources, profiles elsewhere): the same check, stricter scheme list. */
export function safeHttpsHref(value: unknown): string | undefined {
  const href = safeExternalHref(value)
  return href?.startsWith('https://') ? href : undefined
}

/**
 * A `tel:` address for a phone number as editors type it ("877.920.6583", "1-800-662-4357",
 * "988"). Ten-digit numbers are North American and get +1, so phones dial them from anywhere.
 */
export function telHref(phone: string): string | undefined {
  const digits = phone.replace(/[^0-9]/g, '')
  if (digits === '') return undefined
  if (phone.trim().startsWith('+')) return `tel:+${digits}`
  if (digits.length === 10) return `tel:+1${digits}`
  if (digits.length === 11 && digits.startsWith('1')) return `tel:+${digits}`
  return `tel:${digits}`
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
