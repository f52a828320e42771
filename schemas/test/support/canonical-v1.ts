/**
 * The canonical form as first released (schemas/src/review/hash.ts at c73e5d4), frozen. Sign-offs
 * stored in real datasets hash this exact text, so the production code may be rewritten for speed
 * but must keep producing it byte for byte: tests compare the two on generated content.
 * Never edit this file to make a test pass.
 */
import type {EmbeddedFaq, ReviewableContent} from '../../src/review/index.ts'

/** Keys that identify or lay out content without being content. */
const IGNORED_KEYS = new Set([
  '_key',
  '_rev',
  '_updatedAt',
  '_createdAt',
  'crop',
  'hotspot',
  '_weak',
  '_strengthenOnPublish',
])

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

/** The `_id`s of the FAQs embedded in a body, in order of first appearance. */
function embeddedFaqIds(body: readonly unknown[] | null | undefined): string[] {
  const ids: string[] = []
  for (const block of body ?? []) {
    if (!isRecord(block) || block['_type'] !== 'faqList' || !Array.isArray(block['faqs'])) continue
    for (const ref of block['faqs']) {
      const id = isRecord(ref) && typeof ref['_ref'] === 'string' ? publishedId(ref['_ref']) : undefined
      if (id && !ids.includes(id)) ids.push(id)
    }
  }
  return ids
}

/** The exact text that was hashed. */
export function referenceCanonicalContent(
  content: ReviewableContent,
  embeddedFaqs: readonly EmbeddedFaq[] = [],
): string {
  const wanted = embeddedFaqIds(content.body)
  const faqsById = new Map(embeddedFaqs.map((faq) => [publishedId(faq._id), faq]))
  return stableStringify({
    title: normaliseText(content.title ?? ''),
    excerpt: normaliseText(content.excerpt ?? ''),
    body: canonicalBlocks(content.body ?? []),
    // An embedded FAQ that cannot be found hashes as missing, so deleting it makes the review stale.
    faqs: wanted.map((id) => {
      const faq = faqsById.get(id)
      return faq
        ? {id, question: normaliseText(faq.question ?? ''), answer: canonicalBlocks(asArray(faq.answer))}
        : {id, missing: true}
    }),
  })
}

function canonicalBlocks(blocks: readonly unknown[]): Json[] {
  return blocks.map((block) =>
    isRecord(block) && block['_type'] === 'block' ? canonicalTextBlock(block) : canonical(block),
  )
}

/**
 * A text block, with each span's marks resolved to the annotation they point at: markDef keys
 * are arbitrary, so two blocks that differ only in keys must hash alike.
 */
function canonicalTextBlock(block: Record<string, unknown>): Json {
  const markDefs = new Map<string, Json>()
  for (const def of asArray(block['markDefs'])) {
    if (isRecord(def) && typeof def['_key'] === 'string') markDefs.set(def['_key'], canonical(def))
  }
  const children: Json[] = []
  for (const child of asArray(block['children'])) {
    if (!isRecord(child) || child['_type'] !== 'span') {
      children.push(canonical(child))
      continue
    }
    const marks: Json[] = asArray(child['marks'])
      .filter((mark): mark is string => typeof mark === 'string')
      .map((mark) => stableStringify(markDefs.get(mark) ?? mark))
      .sort()
    const text = String(child['text'] ?? '')
    // Splitting a span in two without changing text or marks is not a change of content.
    const previous = children.at(-1)
    if (isSpan(previous) && stableStringify(previous.marks) === stableStringify(marks)) {
      children[children.length - 1] = {text: previous.text + text, marks}
    } else {
      children.push({text, marks})
    }
  }
  return {
    _type: 'block',
    style: typeof block['style'] === 'string' ? block['style'] : 'normal',
    listItem: typeof block['listItem'] === 'string' ? block['listItem'] : null,
    level: typeof block['level'] === 'number' ? block['level'] : null,
    children: children
      .map((child) => (isSpan(child) ? {text: collapseWhitespace(child.text), marks: child.marks} : child))
      .filter((child) => !isSpan(child) || child.text !== ''),
  }
}

function isSpan(value: Json | undefined): value is {text: string; marks: Json[]} {
  return isRecord(value) && typeof value['text'] === 'string' && Array.isArray(value['marks'])
}

/** Any other value: ignored keys dropped, references to drafts read as the published id, strings normalised. */
function canonical(value: unknown): Json {
  if (typeof value === 'string') return normaliseText(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  if (Array.isArray(value)) return value.map(canonical)
  if (isRecord(value)) {
    const out: {[key: string]: Json} = {}
    for (const [key, child] of Object.entries(value)) {
      if (IGNORED_KEYS.has(key) || child === undefined) continue
      out[key] = key === '_ref' && typeof child === 'string' ? publishedId(child) : canonical(child)
    }
    return out
  }
  return null
}

/** JSON with object keys sorted, so key order never changes the hash. */
function stableStringify(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (isRecord(value)) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(value[key] as Json)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** Unicode-normalised text with runs of whitespace collapsed: invisible differences are not edits. */
function collapseWhitespace(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ')
}

/** A whole field's text: as above, and trimmed. */
function normaliseText(text: string): string {
  return collapseWhitespace(text).trim()
}

function publishedId(id: string): string {
  return id.replace(/^drafts\./, '').replace(/^versions\.[^.]+\./, '')
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
