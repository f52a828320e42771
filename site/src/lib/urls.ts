/**
 * Phone numbers as links. Which content addresses may become links at all is a content rule
 * (`@repo/schemas/rules`: `safeExternalHref`), shared with the Studio's validation.
 */

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
