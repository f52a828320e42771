/**
 * Seeded random article content built from the pieces the canonical form treats specially:
 * whitespace of every kind, combining marks split across spans, surrogates, marks that resolve
 * to annotations or not, spans that merge, inline objects that look like spans, ignored keys,
 * draft references, malformed fields. Same seed, same content.
 */
import type {EmbeddedFaq, ReviewableContent} from '../../src/review/index.ts'

const TEXTS = [
  '',
  ' ',
  '  ',
  'word',
  'Recovery',
  ' is ',
  'e',
  '\u0301',
  'a\u0308',
  '\u00e4',
  '\t',
  '\n\r',
  '\u00a0',
  '\u2003\u3000',
  '\u2028',
  '\ufeff',
  '\u200b',
  '\u{1F9E0}',
  '\ud83e',
  '\udc00',
  '"',
  '\\',
  '\u0000',
  '\u1112',
  '\u1100',
  '\u2000',
  '\u0344',
  '\u0345',
  '\u1161',
  '\u11ab',
  '\u212b',
  '\ufb01',
  '9–12 weeks',
  'it’s',
]
const KEYS = [
  '_type',
  '_key',
  '_ref',
  '_rev',
  'crop',
  'hotspot',
  '_weak',
  'text',
  'alt',
  'b',
  'A',
  '10',
  'é',
  'e\u0301',
]
const MARKS = ['strong', 'em', 'code', 'm1', 'm2', 'm3', 'missing', '"q"']

/** A deterministic generator of article content from `seed`. */
export function randomContent(seed: number): {content: ReviewableContent; embeddedFaqs: EmbeddedFaq[]} {
  let state = seed >>> 0 || 1
  const next = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 0x100000000
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const times = <T>(max: number, make: () => T): T[] => Array.from({length: int(max + 1)}, make)
  const text = () => times(3, () => pick(TEXTS)).join('')

  const value = (depth: number): unknown => {
    switch (int(depth > 2 ? 5 : 8)) {
      case 0:
        return text()
      case 1:
        return pick([0, -0, 1.5, 1e21, -7, Number.NaN])
      case 2:
        return pick([true, false, null, undefined])
      case 3:
        return `${pick(['', 'drafts.', 'versions.r1.'])}doc-${int(3)}`
      case 4:
        return text()
      case 5: {
        const items = times(3, () => value(depth + 1))
        // A hole, as a sparse array has: not JSON, but the Studio's in-memory values are not JSON either.
        if (int(6) === 0) items.length += 1
        return items
      }
      default: {
        const out: Record<string, unknown> = {}
        for (const key of times(4, () => pick(KEYS))) out[key] = value(depth + 1)
        return out
      }
    }
  }
  const child = (): unknown => {
    const roll = int(10)
    if (roll < 7) {
      const span: Record<string, unknown> = {_type: 'span', _key: `s${int(99)}`, text: text()}
      if (int(8) > 0) span['marks'] = times(3, () => pick(MARKS))
      if (int(20) === 0) span['text'] = pick([undefined, null, 5])
      return span
    }
    if (roll === 7) return {_type: 'inline', _key: 'i', text: text(), marks: times(2, () => pick(MARKS))}
    return value(2)
  }
  const textBlock = () => ({
    _type: 'block',
    _key: `b${int(99)}`,
    ...(int(4) > 0 ? {style: pick(['normal', 'h2', 'blockquote'])} : {}),
    ...(int(3) === 0 ? {listItem: pick(['bullet', 'number', 7]), level: pick([1, 2, -0, 1.5, Number.NaN, '2'])} : {}),
    markDefs: times(3, () => ({
      _type: pick(['link', 'internalLink', 'citationRef']),
      _key: pick(MARKS),
      ...(int(2) ? {href: text()} : {reference: {_type: 'reference', _ref: value(3)}}),
    })),
    children: times(6, child),
  })
  const faqIds = ['faq-a', 'drafts.faq-a', 'faq-b', 'versions.r1.faq-c', 'faq-missing']
  const blocks = (max: number) =>
    times(max, () => {
      const roll = int(12)
      if (roll < 8) return textBlock()
      if (roll === 8)
        return {_type: 'faqList', _key: 'f', faqs: times(3, () => ({_type: 'reference', _ref: pick(faqIds)}))}
      return value(1)
    })

  return {
    content: {
      ...(int(6) > 0 ? {title: text()} : {}),
      ...(int(6) > 0 ? {excerpt: int(8) ? text() : null} : {}),
      ...(int(10) > 0 ? {body: blocks(8)} : {}),
    },
    embeddedFaqs: times(3, () => ({
      _id: pick(faqIds),
      question: int(6) ? text() : null,
      answer: int(6) ? blocks(3) : value(3),
    })),
  }
}
