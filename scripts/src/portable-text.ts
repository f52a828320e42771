/**
 * Builders for Portable Text as the Studio stores it, with `_key`s derived from a scope string
 * and position, so the same input always gives the same bytes.
 */
import {createHash} from 'node:crypto'

/** A 12-hex-digit key, the length the Studio uses, derived from its parts. */
export function stableKey(...parts: ReadonlyArray<string | number>): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12)
}

/** What a stretch of text carries: a decorator, a link to another document, or an external link. */
export type MarkSpec = {decorator: 'strong' | 'em'} | {internalLink: string} | {link: string}

/** Marks over `text.slice(start, end)`. Ranges of one block must not overlap. */
export interface MarkRange {
  start: number
  end: number
  marks: MarkSpec[]
}

export interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}

export type MarkDef =
  | {_type: 'internalLink'; _key: string; reference: {_type: 'reference'; _ref: string}}
  | {_type: 'link'; _key: string; href: string}

export interface TextBlock {
  _type: 'block'
  _key: string
  style: string
  listItem?: 'bullet' | 'number'
  level?: number
  markDefs: MarkDef[]
  children: Span[]
}

/** The range of the first `phrase` in `text`, or undefined. */
export function findPhrase(text: string, phrase: string, marks: MarkSpec[]): MarkRange | undefined {
  const start = text.indexOf(phrase)
  return start < 0 ? undefined : {start, end: start + phrase.length, marks}
}

/**
 * A text block whose spans carry the given marks. Spans are cut at range edges only, so the
 * block's text is exactly `text`.
 */
export function textBlock(
  key: string,
  text: string,
  options: {style?: string; listItem?: 'bullet' | 'number'; ranges?: readonly MarkRange[]} = {},
): TextBlock {
  const ranges = [...(options.ranges ?? [])].sort((a, b) => a.start - b.start)
  const markDefs: MarkDef[] = []
  const children: Span[] = []
  const push = (spanText: string, marks: string[]) => {
    if (spanText !== '')
      children.push({_type: 'span', _key: stableKey(key, 'span', children.length), text: spanText, marks})
  }
  let cursor = 0
  for (const range of ranges) {
    if (range.start < cursor || range.end > text.length || range.end <= range.start) {
      throw new Error(`Block ${key}: mark range ${range.start}–${range.end} overlaps another or leaves the text.`)
    }
    push(text.slice(cursor, range.start), [])
    const names = range.marks.map((mark) => {
      if ('decorator' in mark) return mark.decorator
      const defKey = stableKey(key, 'markDef', markDefs.length)
      markDefs.push(
        'internalLink' in mark
          ? {_type: 'internalLink', _key: defKey, reference: {_type: 'reference', _ref: mark.internalLink}}
          : {_type: 'link', _key: defKey, href: mark.link},
      )
      return defKey
    })
    push(text.slice(range.start, range.end), names)
    cursor = range.end
  }
  push(text.slice(cursor), [])
  return {
    _type: 'block',
    _key: key,
    style: options.style ?? 'normal',
    ...(options.listItem ? {listItem: options.listItem, level: 1} : {}),
    markDefs,
    children,
  }
}
