/**
 * Reads the seed article (`scripts/seed/iop-benefits-article.txt`, a copy of
 * `shared/seed/iop-benefits-article.txt`) into its structure. The text is plain: headings,
 * paragraphs, `- ` list items and a pipe table, one per line, with no markup telling them apart,
 * so the shape of each line decides what it is (see `classify`).
 */

/** One element of the article body, in reading order. */
export type SeedNode =
  | {kind: 'heading'; level: 2 | 3; text: string}
  | {kind: 'paragraph'; text: string}
  | {kind: 'list'; items: string[]}
  | {kind: 'table'; columns: string[]; rows: string[][]}
  | {kind: 'faq'; question: string; answer: string[]}

/** The seed file split into its parts. */
export interface SeedArticle {
  title: string
  /** The name in the byline "Clinically Reviewed by …". */
  reviewerName: string
  body: SeedNode[]
  /** Lines after the body: the source page's footer (tagline, organisation, section name). */
  footer: string[]
}

/** The h2 whose section holds questions and answers instead of prose. */
export const FAQ_HEADING = /^Frequently Asked Questions\b/

const BYLINE = /^Clinically Reviewed by (.+)$/
const LIST_ITEM = /^- +(.*)$/
const NUMBERED_HEADING = /^\d+\.\s/
const TABLE_SEPARATOR = /^[\s|:-]+$/
/** Prose ends a sentence or introduces a list; a heading ends with a question mark or no punctuation. */
const PROSE_END = /[.:!]$/

/**
 * Parses the seed text. Layout: title, byline, a blank line, the body (one element per line), a
 * blank line, the footer. Throws with the line number when a line fits no known shape, so a
 * changed seed fails loudly instead of producing a quietly wrong article.
 */
export function parseSeedArticle(text: string): SeedArticle {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const title = lines[0]?.trim() ?? ''
  const byline = BYLINE.exec(lines[1]?.trim() ?? '')
  if (!title || !byline?.[1]) {
    throw new Error('The seed must start with the title and a “Clinically Reviewed by <name>” byline.')
  }
  let index = 2
  while (index < lines.length && lines[index]?.trim() === '') index++
  const bodyStart = index
  while (index < lines.length && lines[index]?.trim() !== '') index++
  const bodyLines = lines.slice(bodyStart, index).map((line) => line.trim())
  const footer = lines
    .slice(index)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return {title, reviewerName: byline[1], body: parseBody(bodyLines, bodyStart + 1), footer}
}

function parseBody(lines: readonly string[], firstLineNumber: number): SeedNode[] {
  const nodes: SeedNode[] = []
  let inFaq = false
  for (const [offset, line] of lines.entries()) {
    const lineNumber = firstLineNumber + offset
    const previous = nodes.at(-1)
    const item = LIST_ITEM.exec(line)
    if (item) {
      const text = item[1] ?? ''
      if (previous?.kind === 'list') previous.items.push(text)
      else nodes.push({kind: 'list', items: [text]})
      continue
    }
    if (line.includes('|')) {
      if (TABLE_SEPARATOR.test(line)) continue
      const cells = tableCells(line)
      if (previous?.kind === 'table') previous.rows.push(cells)
      else nodes.push({kind: 'table', columns: cells, rows: []})
      continue
    }
    if (inFaq) {
      if (line.endsWith('?')) nodes.push({kind: 'faq', question: line, answer: []})
      else if (previous?.kind === 'faq') previous.answer.push(line)
      else throw new Error(`Seed line ${lineNumber}: an FAQ answer without a question: “${line}”`)
      continue
    }
    const kind = classify(line)
    if (kind === 'paragraph') nodes.push({kind, text: line})
    else {
      nodes.push({kind: 'heading', level: kind === 'h3' ? 3 : 2, text: line})
      inFaq = kind === 'h2' && FAQ_HEADING.test(line)
    }
  }
  return nodes
}

/** "1. Flexible Scheduling…" is a sub-heading; other lines without closing punctuation are h2. */
function classify(line: string): 'h2' | 'h3' | 'paragraph' {
  if (NUMBERED_HEADING.test(line)) return 'h3'
  return PROSE_END.test(line) ? 'paragraph' : 'h2'
}

/** `a | b | c |` → ['a', 'b', 'c']: the pipes at either end close the row and hold no cell. */
function tableCells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim())
}
