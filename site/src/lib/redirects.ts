/**
 * The `_redirects` file (Netlify / Cloudflare Pages format): one `from to status` line per
 * published redirect document. Redirects are content, so each is checked with the same rules the
 * Studio enforces before it reaches the file; a line that could not be read back as exactly three
 * columns is never written.
 */
import {redirectFromProblem, redirectToProblem} from '@repo/schemas/rules'

/** The file's name, at the root of the site. */
export const REDIRECTS_FILE = '_redirects'

/** A redirect as the query returns it. */
export interface RedirectRecord {
  _id: string
  from: string | null
  to: string | null
  permanent: boolean | null
}

/**
 * The file's text and what was left out. Redirects are sorted by old address; of two with the
 * same old address the first (by `_id`) wins, as a host would apply only the first anyway.
 */
export function redirectsFile(records: readonly RedirectRecord[]): {text: string; skipped: string[]} {
  const skipped: string[] = []
  const seen = new Set<string>()
  const lines = [
    '# Redirects from the content (redirect documents). Written by the site build; edit them in the Studio.',
  ]
  const sorted = [...records].sort((a, b) =>
    (a.from ?? '') < (b.from ?? '') ? -1 : (a.from ?? '') > (b.from ?? '') ? 1 : a._id < b._id ? -1 : 1,
  )
  for (const record of sorted) {
    const problem = redirectFromProblem(record.from) ?? redirectToProblem(record.to)
    if (problem || !record.from || !record.to) {
      skipped.push(`${record._id}: ${problem ?? 'incomplete'}`)
      continue
    }
    if (seen.has(record.from)) {
      skipped.push(`${record._id}: another redirect already answers ${record.from}`)
      continue
    }
    if (record.from === record.to) {
      skipped.push(`${record._id}: it redirects ${record.from} to itself`)
      continue
    }
    seen.add(record.from)
    lines.push(`${record.from} ${record.to} ${record.permanent === false ? 302 : 301}`)
  }
  return {text: `${lines.join('\n')}\n`, skipped}
}
