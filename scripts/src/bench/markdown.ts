/**
 * The Markdown twin of a Portable Text article, for the Markdown-based peers: the same headings,
 * paragraphs, lists, links and tables, as GitHub-flavoured Markdown with YAML frontmatter.
 */

/** Resolves a referenced document `_id` to the URL path of its page. */
export interface MarkdownLinks {
  href(id: string): string
}

/** Frontmatter values; strings are written as YAML double-quoted scalars. */
export type Frontmatter = Record<string, string>

interface Citation {
  _key: string
  title: string
  publisher?: string
  year?: number
  url?: string
}

/** A whole Markdown file: frontmatter, then the body, then the numbered sources when there are any. */
export function toMarkdownFile(
  frontmatter: Frontmatter,
  body: readonly Record<string, unknown>[],
  links: MarkdownLinks,
  citations: readonly Citation[] = [],
): string {
  const yaml = Object.entries(frontmatter)
    // JSON strings are valid YAML double-quoted scalars.
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n')
  const sources = citations.map(
    (citation, index) =>
      `${index + 1}. ${escapeText(citation.title)}${citation.publisher ? `, ${escapeText(citation.publisher)}` : ''}${
        citation.year ? ` (${citation.year})` : ''
      }${citation.url ? `. <${citation.url}>` : ''}`,
  )
  const parts = [`---\n${yaml}\n---`, portableTextToMarkdown(body, links, citations)]
  if (sources.length > 0) parts.push(`**Sources**\n\n${sources.join('\n')}`)
  return `${parts.join('\n\n')}\n`
}

/** Portable Text blocks as Markdown: consecutive list items form one list, other blocks are separated by a blank line. */
export function portableTextToMarkdown(
  blocks: readonly Record<string, unknown>[],
  links: MarkdownLinks,
  citations: readonly Citation[] = [],
): string {
  const chunks: string[] = []
  let list: string[] = []
  const flush = () => {
    if (list.length > 0) chunks.push(list.join('\n'))
    list = []
  }
  for (const block of blocks) {
    if (block['_type'] === 'block') {
      const text = inline(block, links, citations)
      const listItem = block['listItem']
      if (listItem === 'bullet' || listItem === 'number') {
        list.push(`${listItem === 'bullet' ? '-' : '1.'} ${text}`)
        continue
      }
      flush()
      const style = block['style']
      const heading = typeof style === 'string' ? /^h([1-6])$/.exec(style) : null
      if (heading) chunks.push(`${'#'.repeat(Number(heading[1]))} ${text}`)
      else if (style === 'blockquote') chunks.push(`> ${text}`)
      else chunks.push(text)
      continue
    }
    flush()
    if (block['_type'] === 'comparisonTable') chunks.push(table(block))
  }
  flush()
  return chunks.join('\n\n')
}

function inline(block: Record<string, unknown>, links: MarkdownLinks, citations: readonly Citation[]): string {
  const markDefs = new Map<string, Record<string, unknown>>()
  for (const def of asRecords(block['markDefs'])) markDefs.set(String(def['_key']), def)
  return asRecords(block['children'])
    .map((span) => {
      let text = escapeText(String(span['text'] ?? ''))
      for (const mark of Array.isArray(span['marks']) ? (span['marks'] as unknown[]) : []) {
        if (mark === 'strong') text = `**${text}**`
        else if (mark === 'em') text = `*${text}*`
        else if (mark === 'code') text = `\`${text}\``
        else {
          const def = markDefs.get(String(mark))
          if (def?.['_type'] === 'link') text = `[${text}](${String(def['href'])})`
          else if (def?.['_type'] === 'internalLink') {
            const ref = (def['reference'] as {_ref?: string} | undefined)?._ref
            if (ref) text = `[${text}](${links.href(ref)})`
          } else if (def?.['_type'] === 'citationRef') {
            const number = citations.findIndex((citation) => citation._key === def['citationKey']) + 1
            if (number > 0) text = `<sup><a href="#source-${number}">${number}</a></sup>`
          }
        }
      }
      return text
    })
    .join('')
}

function table(block: Record<string, unknown>): string {
  const columns = (Array.isArray(block['columns']) ? block['columns'] : []).map((cell) => escapeCell(String(cell)))
  const rows = asRecords(block['rows']).map((row) =>
    (Array.isArray(row['cells']) ? row['cells'] : []).map((cell) => escapeCell(String(cell))),
  )
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [
    `*${escapeText(String(block['caption'] ?? ''))}*`,
    '',
    line(columns),
    line(columns.map(() => '---')),
    ...rows.map(line),
  ].join('\n')
}

function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1')
}

function escapeCell(text: string): string {
  return escapeText(text).replace(/\n/g, ' ')
}

function asRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : []
}
