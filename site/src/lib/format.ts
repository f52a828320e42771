/** How facts read on the page. Dates in UTC so a build gives the same text on any machine. */

const longDate = new Intl.DateTimeFormat('en-US', {dateStyle: 'long', timeZone: 'UTC'})
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

// A build shows the same few thousand dates on many pages (the article, its byline, every listing
// it appears in); parsing and `Intl` formatting are the slow part, and a date's text never
// changes within a build. Both caches hold one entry per distinct stored value.
const longDates = new Map<string, string | undefined>()
const isoDates = new Map<string, string | undefined>()

/** "November 1, 2026", or undefined for a missing or unparseable date. */
export function formatDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  if (longDates.has(value)) return longDates.get(value)
  const date = parseDate(value)
  const text = date ? longDate.format(date) : undefined
  longDates.set(value, text)
  return text
}

/** The ISO instant for a `<time datetime>`, or undefined. Date-only values stay date-only. */
export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  if (DATE_ONLY.test(value)) return value
  if (isoDates.has(value)) return isoDates.get(value)
  const text = parseDate(value)?.toISOString()
  isoDates.set(value, text)
  return text
}

function parseDate(value: string): Date | undefined {
  const date = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** A number range as read aloud: "9–15", "5", or undefined when neither end is known. */
export function formatRange(range: {min: number | null; max: number | null} | null | undefined): string | undefined {
  if (!range) return undefined
  const {min, max} = range
  if (min != null && max != null) return min === max ? `${min}` : `${min}–${max}`
  if (min != null) return `${min}+`
  if (max != null) return `up to ${max}`
  return undefined
}

/** "9–15 hours", with the unit singular for exactly one. */
export function formatRangeWithUnit(
  range: {min: number | null; max: number | null} | null | undefined,
  unit: string,
): string | undefined {
  const text = formatRange(range)
  if (text === undefined) return undefined
  return `${text} ${text === '1' ? unit : `${unit}s`}`
}
