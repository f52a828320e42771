/**
 * Links: which addresses a reader may be sent to from content. The Studio's link annotation
 * validates with these schemes and the site renders only addresses that pass here, so a
 * `javascript:`, `data:` or `vbscript:` address can never become clickable.
 */

/** The only URL schemes a reader can be sent to; `javascript:`, `data:` and the like never pass. */
export const SAFE_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const

const SAFE_PROTOCOLS = new Set<string>(SAFE_LINK_SCHEMES.map((scheme) => `${scheme}:`))

/** An address that reads, character for character, as one of the safe schemes. */
const SAFE_START = /^(?:https?:\/\/|mailto:|tel:)/i

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
  if (!SAFE_START.test(trimmed)) return undefined
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return undefined
  return url.href
}

/** Only `https:` addresses (sources, profiles elsewhere): the same check, stricter scheme list. */
export function safeHttpsHref(value: unknown): string | undefined {
  const href = safeExternalHref(value)
  return href?.startsWith('https://') ? href : undefined
}
