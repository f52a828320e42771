/**
 * Reading Portable Text without rendering it: plain text for headings and descriptions, and the
 * outline (h2/h3 with anchor ids) the table of contents and the renderer share.
 */
import {toPlainText} from '@portabletext/toolkit'
import {slugify} from '@repo/schemas/rules'

/** The plain text of one text block (its spans, by the toolkit's `toPlainText`), or '' for anything else. */
export function blockText(block: unknown): string {
  const textBlock = asTextBlock(block)
  return textBlock ? toPlainText(textBlock) : ''
}

/**
 * A text block as `toPlainText` can read it, or undefined. Content is untrusted: children that
 * are not objects, on which the toolkit's own checks would throw, are left out, and so are mark
 * definitions, which plain text does not need.
 */
export function asTextBlock(block: unknown): Parameters<typeof toPlainText>[0] | undefined {
  if (!isRecord(block) || block['_type'] !== 'block' || !Array.isArray(block['children'])) return undefined
  const children = block['children'].filter(
    (child): child is Record<string, unknown> & {_type: string} =>
      isRecord(child) && typeof child['_type'] === 'string',
  )
  return {_type: 'block', children}
}

/** The plain text of a whole Portable Text array, paragraphs separated by blank lines. */
export function plainText(blocks: readonly unknown[] | null | undefined): string {
  return (blocks ?? [])
    .map(blockText)
    .filter((text) => text.trim() !== '')
    .join('\n\n')
}

/** A heading of a body, with the anchor id it is rendered with. */
export interface OutlineHeading {
  /** The block's `_key`, which the renderer looks the id up by. */
  key: string
  id: string
  level: 2 | 3
  text: string
}

/**
 * The h2 and h3 headings of a body with unique anchor ids. `reserved` are ids the page already
 * uses (landmarks, the references list); headings never take them.
 */
export function headingOutline(
  body: readonly unknown[] | null | undefined,
  reserved: Iterable<string> = [],
): OutlineHeading[] {
  const used = new Set(reserved)
  const headings: OutlineHeading[] = []
  for (const [index, block] of (body ?? []).entries()) {
    if (!isRecord(block) || block['_type'] !== 'block') continue
    const style = block['style']
    if (style !== 'h2' && style !== 'h3') continue
    const text = blockText(block).trim()
    if (text === '') continue
    const base = slugify(text) || 'section'
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`
    used.add(id)
    const key = typeof block['_key'] === 'string' ? block['_key'] : `index-${index}`
    headings.push({key, id, level: style === 'h2' ? 2 : 3, text})
  }
  return headings
}

/** A section of the table of contents: an h2 with the h3 sub-sections that follow it. */
export interface OutlineSection extends OutlineHeading {
  children: OutlineHeading[]
}

/**
 * The outline as the table of contents nests it: each h3 inside the h2 before it. An h3 before
 * the first h2 has no section to go in and stands at the top level, so no heading is ever lost.
 */
export function outlineSections(outline: readonly OutlineHeading[]): OutlineSection[] {
  const sections: OutlineSection[] = []
  for (const heading of outline) {
    const parent = sections.at(-1)
    if (heading.level === 3 && parent?.level === 2) parent.children.push(heading)
    else sections.push({...heading, children: []})
  }
  return sections
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
