/**
 * The fingerprint of what a clinician vouches for. The Studio computes it when a clinician signs;
 * the site computes it again at build time; the review holds only while the two are equal.
 *
 * Vouched: the title, the excerpt, the body (text, structure, links, tables, callouts, images'
 * alt text and asset) and the question and answer of every FAQ the body embeds.
 * Not vouched: SEO fields, hero image, image crops and hotspots, `_key`s, `_rev`, `_updatedAt`,
 * key order — anything a non-clinical edit may change without altering what a reader is told.
 */
import {publishedId} from '../ids.ts'
import {nodeCrypto} from './node-crypto.ts'

/** The parts of an article a clinician vouches for, as stored or as queried. */
export interface ReviewableContent {
  title?: string | null | undefined
  excerpt?: string | null | undefined
  body?: readonly unknown[] | null | undefined
}

/** An FAQ the body embeds through a `faqList` block, resolved to its current published content. */
export interface EmbeddedFaq {
  _id: string
  question?: string | null | undefined
  answer?: unknown
}

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

/** The `_id`s of the FAQs embedded in a body, in order of first appearance. */
export function embeddedFaqIds(body: readonly unknown[] | null | undefined): string[] {
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

/**
 * SHA-256 (hex, prefixed `sha256:`) of the canonical form of the vouched content: with Web Crypto
 * in the Studio (browser), with Node's crypto in the build; the same value either way.
 */
export async function clinicalContentHash(
  content: ReviewableContent,
  embeddedFaqs: readonly EmbeddedFaq[] = [],
): Promise<string> {
  const text = canonicalClinicalContent(content, embeddedFaqs)
  if (nodeCrypto) return `sha256:${nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex')}`
  const bytes = encoder.encode(text)
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes))
  let hex = 'sha256:'
  for (const byte of digest) hex += HEX_BYTES[byte]
  return hex
}

const encoder = new TextEncoder()
const HEX_BYTES = Array.from({length: 256}, (_, byte) => byte.toString(16).padStart(2, '0'))

/*
 * The canonical form is JSON with object keys sorted, of this value:
 *   {title, excerpt, body: [block...], faqs: [{id, question, answer: [block...]} | {id, missing: true}]}
 * where a text block is {_type: 'block', style, listItem, level, children: [{text, marks}...]} and
 * any other value has its ignored keys dropped. Stored sign-offs hash this exact text, so the code
 * below writes it directly, keys already in sorted order, instead of building the value and
 * stringifying it; `schemas/test/review-hash-golden.test.ts` holds it to the first release's bytes.
 */

/** The exact text that is hashed; exported so tests and debugging can see what changed. */
export function canonicalClinicalContent(
  content: ReviewableContent,
  embeddedFaqs: readonly EmbeddedFaq[] = [],
): string {
  const wanted = embeddedFaqIds(content.body)
  const faqsById = new Map(embeddedFaqs.map((faq) => [publishedId(faq._id), faq]))
  const title = fieldJson(content.title ?? '')
  const excerpt = fieldJson(content.excerpt ?? '')
  const body = content.body ?? []
  // Checked here: the loop below would otherwise read a string's characters as blocks.
  if (!Array.isArray(body)) throw new TypeError(`The body to hash is not an array but ${typeof body}.`)
  // An embedded FAQ that cannot be found hashes as missing, so deleting it makes the review stale.
  const faqs = wanted.map((id) => {
    const faq = faqsById.get(id)
    return faq
      ? `{"answer":${blocksJson(asArray(faq.answer))},"id":${stringJson(id)},"question":${fieldJson(faq.question ?? '')}}`
      : `{"id":${stringJson(id)},"missing":true}`
  })
  return `{"body":${blocksJson(body)},"excerpt":${excerpt},"faqs":[${faqs.join(',')}],"title":${title}}`
}

function blocksJson(blocks: readonly unknown[]): string {
  let out = '['
  for (let index = 0; index < blocks.length; index++) {
    if (index > 0) out += ','
    if (index in blocks) out += blockJson(blocks[index])
  }
  return `${out}]`
}

function blockJson(block: unknown): string {
  return isRecord(block) && block['_type'] === 'block' ? textBlockJson(block) : valueJson(block)
}

const NO_MARK_DEFS: ReadonlyMap<string, string> = new Map()

/**
 * A text block, with each span's marks resolved to the annotation they point at: markDef keys
 * are arbitrary, so two blocks that differ only in keys must hash alike.
 */
function textBlockJson(block: Record<string, unknown>): string {
  // Each annotation as it appears in `marks`: the JSON of its canonical form.
  let markDefs = NO_MARK_DEFS
  const defs = asArray(block['markDefs'])
  if (defs.length > 0) {
    const byKey = new Map<string, string>()
    for (const def of defs) {
      if (isRecord(def) && typeof def['_key'] === 'string') byKey.set(def['_key'], valueJson(def))
    }
    markDefs = byKey
  }
  let children = ''
  // The span being written: its text stays raw until no following span can merge into it.
  let text: string | undefined
  let marks = ''
  for (const child of asArray(block['children'])) {
    if (isRecord(child) && child['_type'] === 'span') {
      const childText = String(child['text'] ?? '')
      const childMarks = marksJson(child['marks'], markDefs)
      // Splitting a span in two without changing text or marks is not a change of content.
      if (text !== undefined && childMarks === marks) {
        text += childText
        continue
      }
      children = appendSpan(children, text, marks)
      text = childText
      marks = childMarks
    } else if (isSpanShaped(child)) {
      // Any object with a string `text` and an array `marks` has always been read as a span.
      children = appendSpan(children, text, marks)
      text = normaliseText(child['text'])
      marks = valueJson(child['marks'])
    } else {
      children = appendSpan(children, text, marks)
      text = undefined
      children += `${children === '' ? '' : ','}${valueJson(child)}`
    }
  }
  children = appendSpan(children, text, marks)
  const level = typeof block['level'] === 'number' ? numberJson(block['level']) : 'null'
  const listItem = typeof block['listItem'] === 'string' ? stringJson(block['listItem']) : 'null'
  const style = typeof block['style'] === 'string' ? stringJson(block['style']) : '"normal"'
  return `{"_type":"block","children":[${children}],"level":${level},"listItem":${listItem},"style":${style}}`
}

/** `children` with a span appended, unless there is none or its text collapses to nothing. */
function appendSpan(children: string, text: string | undefined, marks: string): string {
  if (text === undefined) return children
  const json = textJson(text, false)
  if (json === '""') return children
  return `${children}${children === '' ? '' : ','}{"marks":${marks},"text":${json}}`
}

/**
 * A span's marks: each resolved to its annotation's JSON (or kept as the decorator's name, in
 * JSON), sorted, as a JSON array of those strings.
 */
function marksJson(marks: unknown, markDefs: ReadonlyMap<string, string>): string {
  if (!Array.isArray(marks) || marks.length === 0) return '[]'
  const resolved: string[] = []
  for (const mark of marks) {
    if (typeof mark === 'string') resolved.push(markDefs.get(mark) ?? stringJson(mark))
  }
  if (resolved.length > 1) resolved.sort()
  return `[${resolved.map(stringJson).join(',')}]`
}

/** Whether a non-span child's canonical form has a string `text` and an array `marks`. */
function isSpanShaped(value: unknown): value is {text: string; marks: unknown[]} {
  return (
    isRecord(value) &&
    Object.prototype.propertyIsEnumerable.call(value, 'text') &&
    typeof value['text'] === 'string' &&
    Object.prototype.propertyIsEnumerable.call(value, 'marks') &&
    Array.isArray(value['marks'])
  )
}

/** Any other value, as JSON: ignored keys dropped, keys sorted, references to drafts read as the published id, strings normalised. */
function valueJson(value: unknown): string {
  if (typeof value === 'string') return fieldJson(value)
  if (typeof value === 'number') return numberJson(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Array.isArray(value)) return `[${value.map(valueJson).join(',')}]`
  if (!isRecord(value)) return 'null'
  const keys = Object.keys(value).sort()
  let out = '{'
  for (const key of keys) {
    const child = value[key]
    // `__proto__` never became a key of the canonical object, so it has never been hashed.
    if (child === undefined || IGNORED_KEYS.has(key) || key === '__proto__') continue
    const json = key === '_ref' && typeof child === 'string' ? stringJson(publishedId(child)) : valueJson(child)
    out += `${out === '{' ? '' : ','}${stringJson(key)}:${json}`
  }
  return `${out}}`
}

/** Text as a JSON string, as `JSON.stringify` writes it; most text needs no escaping. */
function stringJson(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`
}
/** What `JSON.stringify` escapes: `"`, `\\`, control characters and (lone) surrogates. */
const NEEDS_ESCAPE = /[^ !#-[\]-\ud7ff\ue000-\uffff]/
/** As JSON writes numbers: `NaN` and infinities as `null`. */
const numberJson = (number: number): string => JSON.stringify(number)

/**
 * What normalising or JSON-escaping may change: two spaces in a row, or a character outside
 * printable ASCII but `"` and `\\`, U+00A1–U+02FF and U+200B–U+206F but whitespace. Each of those
 * is a starter that composes with nothing before it, so text made only of them is already NFC
 * (checked over every pair by `review-hash-golden.test.ts`), and JSON writes it as it is.
 */
const MAY_CHANGE = /[^!#-[\]-~\u00a1-\u02ff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u206f ]| {2}/
const WHITESPACE_RUN = /\s+/g

/**
 * Text, normalised (and trimmed, for a whole field), as a JSON string. Most text has nothing to
 * normalise or escape: one test finds that and skips the copies each step would make.
 */
function textJson(text: string, trim: boolean): string {
  if (!MAY_CHANGE.test(text)) return `"${trim ? text.trim() : text}"`
  const collapsed = collapseWhitespace(text)
  return stringJson(trim ? collapsed.trim() : collapsed)
}

/** A whole field's text (title, excerpt, question) as a JSON string. */
function fieldJson(text: string): string {
  return textJson(text, true)
}

/** Unicode-normalised text with runs of whitespace collapsed: invisible differences are not edits. */
function collapseWhitespace(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE_RUN, ' ')
}

/** A whole field's text: as above, and trimmed. */
function normaliseText(text: string): string {
  return collapseWhitespace(text).trim()
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
