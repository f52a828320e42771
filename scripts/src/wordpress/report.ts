/**
 * The import report: every `<item>` of the export with what became of it, so nothing is lost
 * without a word. Printed at the end of a run, and written as JSON with `--report`.
 */

/** What became of one item. */
export type Outcome = 'published' | 'draft' | 'skipped'

export interface ItemReport {
  /** WordPress's post ID. */
  wordpressId: number
  postType: string
  status: string
  title: string
  /** The old permalink. */
  link: string
  outcome: Outcome
  /** The document written (`article-wp-12`, `drafts.article-wp-12`), when one was. */
  documentId?: string
  /** Why the item is a draft or was skipped. */
  reason?: string
  /** What an editor should look at: flattened shortcodes, dropped links, images without alt… */
  notes: string[]
}

export interface ImportReport {
  source: string
  output: string
  site: string
  items: ItemReport[]
  /** Documents written per `_type` (drafts counted under their type). */
  documents: Record<string, number>
  counts: Record<Outcome, number>
  /** Items per second of the whole run (both passes over the file), attachments and menu items included. */
  itemsPerSecond: number
  /** Posts (and pages) converted into articles per second of the whole run. */
  postsPerSecond: number
  seconds: number
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** The report as lines for a terminal: one per item, then the totals. */
export function formatReport(report: ImportReport): string[] {
  const lines: string[] = []
  const width = Math.max(...report.items.map((item) => String(item.wordpressId).length), 1)
  for (const item of report.items) {
    const title = item.title ? `“${item.title}”` : '(no title)'
    const target = item.documentId ? ` → ${item.documentId}` : ''
    const reason = item.reason ? ` — ${item.reason}` : ''
    lines.push(
      `${item.outcome.padEnd(9)} ${String(item.wordpressId).padStart(width)} ${item.postType} ${title}${target}${reason}`,
    )
    for (const note of item.notes) lines.push(`${' '.repeat(10 + width)}  · ${note}`)
  }
  const documents = Object.entries(report.documents)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ')
  lines.push(
    '',
    `${plural(report.items.length, 'item')}: ${report.counts.published} published, ${report.counts.draft} as drafts, ${report.counts.skipped} skipped.`,
    `Wrote ${documents || 'no documents'} to ${report.output} in ${report.seconds.toFixed(1)} s (${Math.round(report.postsPerSecond)} posts/s, ${Math.round(report.itemsPerSecond)} items/s).`,
  )
  return lines
}
