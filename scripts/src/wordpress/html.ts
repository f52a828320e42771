/**
 * A WordPress post body (classic or Gutenberg HTML) to the `blockContent` Portable Text the
 * Studio edits, with `@portabletext/block-tools` on the compiled schema and jsdom as the parser.
 * WordPress-specific rules run on the DOM first: block comments dropped, headings fitted to
 * h2–h4, `<pre>` kept verbatim, tables as `comparisonTable`, images and galleries as image
 * blocks, embeds as their address. Links are sorted afterwards: between imported posts they
 * become internal links, safe external ones stay, anything else becomes plain text.
 */
import {type ArbitraryTypedObject, htmlToBlocks} from '@portabletext/block-tools'
import {SAFE_LINK_SCHEMES} from '@repo/schemas'
import {contentSchema} from '@repo/schemas/validation'
import {JSDOM} from 'jsdom'
import {stableKey} from '../portable-text.ts'
import {rewriteShortcodes, type ShortcodeContext} from './shortcodes.ts'

/** An image as the importer knows it: where its file is, and what WordPress says of it. */
export interface ImageFacts {
  /** `image@file://…` or `image@https://…`, as `sanity dataset import` reads it. */
  asset: string
  alt: string
  caption: string
}

/** Where a link goes once the post it is in has moved. */
export type LinkTarget = {internal: string} | {href: string} | {unsafe: string}

/** What converting one body needs from the rest of the export. */
export interface BodyContext {
  /** The `_id` of the document the body belongs to: block keys derive from it. */
  documentId: string
  /** The document title, used to name a table that has no caption. */
  title: string
  /** The old site's address: relative links and images resolve against it. */
  baseUrl: string
  /** An image by its `src` and, when WordPress recorded it, its attachment ID. */
  image(src: string, attachmentId: number | undefined): ImageFacts | undefined
  /** `<figure>` HTML for an attachment, for `[gallery]`. */
  attachmentFigure(id: number): string | undefined
  /** This post's own image attachments, in ID order, for a `[gallery]` without `ids`. */
  childImageIds(): number[]
  /** Where a link goes (internal reference, safe external address, or nowhere). */
  link(href: string): LinkTarget
}

/** An image block as written to the dataset; `alt` is absent when WordPress had none. */
export interface ImageBlock {
  _type: 'image'
  _key: string
  _sanityAsset: string
  alt?: string
  caption?: string
}

export interface BodyResult {
  blocks: ArbitraryTypedObject[]
  /** What the editor should know: flattened shortcodes, unsafe links, images without alt… */
  notes: string[]
}

/**
 * The compiled `blockContent` type. `sanity` and block-tools each resolve their own copy of
 * `@sanity/types`; the compiled type is the same object either way.
 */
const blockContentType = contentSchema.get('blockContent') as unknown as Parameters<typeof htmlToBlocks>[1]

let shared: {window: JSDOM['window']; parser: DOMParser} | undefined

/**
 * One jsdom window (and parser) for every body: a window costs tens of milliseconds to set up, a
 * document parsed in it a fraction of that, and documents hold no reference to each other.
 */
function sharedWindow(): {window: JSDOM['window']; parser: DOMParser} {
  if (!shared) {
    const {window} = new JSDOM('<!doctype html>')
    shared = {window, parser: new window.DOMParser()}
  }
  return shared
}

const BLOCK_TAGS =
  /^<\/?(?:p|div|h[1-6]|ul|ol|li|pre|blockquote|table|thead|tbody|tr|td|th|figure|figcaption|hr|dl|dt|dd|address|section|article|aside|header|footer|form|iframe|video|audio|\/?)\b/i

/**
 * WordPress's `wpautop` in short: classic-editor posts are stored without `<p>` tags, with blank
 * lines between paragraphs. Text between blank lines that does not start with a block tag
 * becomes a paragraph and single line breaks become `<br>`; `<pre>` is left exactly as written.
 */
export function autop(html: string): string {
  const kept: string[] = []
  const protectedHtml = html.replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => {
    kept.push(pre)
    return `\n\n\u{e001}${kept.length - 1}\u{e001}\n\n`
  })
  const chunks = protectedHtml
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
  const out = chunks.map((chunk) => {
    if (/^\u{e001}\d+\u{e001}$/u.test(chunk)) return chunk
    if (BLOCK_TAGS.test(chunk)) return chunk
    return `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`
  })
  return out.join('\n').replace(/\u{e001}(\d+)\u{e001}/gu, (_, index: string) => kept[Number(index)] ?? '')
}

/** Converts one post body. The same input always gives the same blocks and keys. */
export function convertBody(rawHtml: string, context: BodyContext): BodyResult {
  const notes: string[] = []
  const note = (message: string) => {
    if (!notes.includes(message)) notes.push(message)
  }
  const shortcodes: ShortcodeContext = {
    figure: (id) => context.attachmentFigure(id),
    childImageIds: () => context.childImageIds(),
    note,
  }
  const gutenberg = rawHtml.includes('<!-- wp:')
  let html = rewriteShortcodes(rawHtml, shortcodes)
  if (!gutenberg) html = autop(html)

  const {window, parser} = sharedWindow()
  const document = parser.parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html')
  const body = document.body
  const objects: ArbitraryTypedObject[] = []
  const placeholder = (object: ArbitraryTypedObject): Element => {
    const element = document.createElement('div')
    element.setAttribute('data-wp-object', String(objects.length))
    objects.push(object)
    return element
  }

  // Gutenberg's block comments and anything that could run or style: never content.
  const walker = document.createTreeWalker(body, window.NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.parentNode?.removeChild(comment)
  for (const element of elements(body, ['script', 'style', 'noscript', 'template'])) element.remove()
  for (const element of elements(body)) element.removeAttribute('style')

  // The rich text offers h2–h4: the page title is the only h1, and h5/h6 would be lost.
  for (const element of elements(body, ['h1', 'h5', 'h6'])) {
    rename(document, element, element.tagName === 'H1' ? 'h2' : 'h4')
  }

  // Embedded players keep their address as text.
  for (const element of elements(body, ['iframe', 'embed', 'object', 'video', 'audio'])) {
    const src =
      element.getAttribute('src') || element.getAttribute('data') || first(element, 'source')?.getAttribute('src') || ''
    note(`embedded <${element.tagName.toLowerCase()}>${src ? ` (${src})` : ''}: its address kept as text`)
    const paragraph = document.createElement('p')
    paragraph.textContent = src
    element.replaceWith(paragraph)
  }

  // Preformatted text, whitespace and all.
  for (const pre of elements(body, ['pre'])) {
    pre.replaceWith(
      placeholder({
        _type: 'block',
        style: 'normal',
        markDefs: [],
        children: [{_type: 'span', text: (pre.textContent ?? '').replace(/\n$/, ''), marks: ['code']}],
      }),
    )
  }

  // Tables, with a figure's caption if they have one.
  let tables = 0
  for (const table of elements(body, ['table'])) {
    tables++
    const figure = ancestor(table, 'FIGURE')
    const caption =
      first(table, 'caption')?.textContent?.trim() || (figure && first(figure, 'figcaption')?.textContent?.trim()) || ''
    const converted = tableObject(table, caption, `${context.title} (table ${tables})`, note)
    const replacement = converted ? placeholder(converted) : fallbackParagraphs(document, table)
    if (figure && converted) figure.replaceWith(replacement)
    else table.replaceWith(replacement)
  }

  // Images: a figure's own caption, then the attachment's; innermost figures first (galleries nest them).
  const figures = elements(body, ['figure']).filter((figure) => first(figure, 'img'))
  for (const figure of figures.reverse()) {
    const images = elements(figure, ['img'])
    if (images.length !== 1 || first(figure, 'figure')) continue
    const img = images[0] as Element
    const caption = first(figure, 'figcaption')?.textContent?.trim() ?? ''
    const object = imageObject(img, caption, context, note)
    figure.replaceWith(object ? placeholder(object) : document.createTextNode(''))
  }
  for (const img of elements(body, ['img'])) {
    const object = imageObject(img, '', context, note)
    // A linked image (to its full-size file) is just the image.
    const target =
      img.parentElement?.tagName === 'A' && img.parentElement.textContent?.trim() === '' ? img.parentElement : img
    target.replaceWith(object ? placeholder(object) : document.createTextNode(''))
  }

  hoistPlaceholders(body)

  const blocks = htmlToBlocks(body.innerHTML, blockContentType, {
    // The document already parsed and rewritten above: parsing its markup again would cost a second jsdom.
    parseHtml: () => document,
    // Keys are replaced by stable ones in `finish`; a counter spares block-tools' random ones.
    keyGenerator: (() => {
      let next = 0
      return () => `k${next++}`
    })(),
    rules: [
      {
        deserialize(element) {
          if (element.nodeType !== 1) return undefined
          const index = (element as Element).getAttribute('data-wp-object')
          return index === null ? undefined : objects[Number(index)]
        },
      },
    ],
  }) as ArbitraryTypedObject[]

  return {blocks: finish(blocks, context, note), notes}
}

/*
 * DOM lookups by tag name and parent walks only: jsdom's CSS selector engine keeps every document
 * it has queried alive for as long as the window lives, which grew memory with every post.
 */

/** Descendants of `root` with one of `tags` (all elements without), in document order, as a copy. */
function elements(root: Element, tags?: readonly string[]): Element[] {
  const wanted = tags ? new Set(tags.map((tag) => tag.toUpperCase())) : undefined
  const found: Element[] = []
  // A tree walker, not `getElementsByTagName`: jsdom's live collections answer through a proxy,
  // which cost more than the conversion itself.
  const walker = (root.ownerDocument as Document).createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element
    if (!wanted || wanted.has(element.tagName)) found.push(element)
  }
  return found
}

function first(root: Element, tag: string): Element | undefined {
  return elements(root, [tag])[0]
}

/** The nearest ancestor with tag name `tagName` (upper case). */
function ancestor(element: Element, tagName: string): Element | undefined {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (parent.tagName === tagName) return parent
  }
  return undefined
}

function rename(document: Document, element: Element, tag: string): void {
  const renamed = document.createElement(tag)
  while (element.firstChild) renamed.appendChild(element.firstChild)
  element.replaceWith(renamed)
}

/**
 * Objects (images, tables, preformatted text) must sit between blocks, not inside a paragraph or
 * a gallery's list: each moves just after the top-level element it was in, in order, and a
 * wrapper left with no text disappears.
 */
function hoistPlaceholders(body: HTMLElement): void {
  for (const child of [...body.children]) {
    if (child.hasAttribute('data-wp-object')) continue
    const inner = elements(child, ['div']).filter((element) => element.hasAttribute('data-wp-object'))
    if (inner.length === 0) continue
    let after: Element = child
    for (const object of inner) {
      after.after(object)
      after = object
    }
    if ((child.textContent ?? '').trim() === '') child.remove()
  }
}

function cellText(cell: Element): string {
  return (cell.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** The cells of a row, a `colspan` repeated so every row lines up with the headings. */
function rowCells(row: Element): {texts: string[]; allHeadings: boolean} {
  const texts: string[] = []
  let allHeadings = true
  for (const cell of [...row.children]) {
    if (cell.tagName !== 'TD' && cell.tagName !== 'TH') continue
    if (cell.tagName !== 'TH') allHeadings = false
    const span = Math.min(Math.max(Number.parseInt(cell.getAttribute('colspan') ?? '1', 10) || 1, 1), 20)
    for (let i = 0; i < span; i++) texts.push(cellText(cell))
  }
  return {texts, allHeadings: allHeadings && texts.length > 0}
}

/**
 * A `<table>` as a `comparisonTable`: the header row is the `<thead>` row, or a first row of
 * `<th>` cells, or else the first row (noted). Rows are padded to the headings' width. A table
 * of fewer than two columns cannot be a comparison and is left to become paragraphs.
 */
function tableObject(
  table: Element,
  caption: string,
  fallbackCaption: string,
  note: (message: string) => void,
): ArbitraryTypedObject | undefined {
  const rows = elements(table, ['tr']).filter((row) => ancestor(row, 'TABLE') === table)
  if (rows.length === 0) return undefined
  const headRow = rows.find((row) => row.parentElement?.tagName === 'THEAD')
  const first = rows[0] as Element
  const header = headRow ?? first
  if (!headRow && !rowCells(first).allHeadings) {
    note('a table without a header row: its first row is used as the column headings')
  }
  const columns = rowCells(header).texts
  const bodyRows = rows.filter((row) => row !== header).map((row) => rowCells(row).texts)
  const width = Math.max(columns.length, ...bodyRows.map((cells) => cells.length))
  if (width < 2 || bodyRows.length === 0) {
    note('a table with fewer than two columns or no rows: kept as paragraphs')
    return undefined
  }
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')]
  if (!caption) note(`a table without a caption: captioned “${fallbackCaption}”, rename it in the Studio`)
  return {
    _type: 'comparisonTable',
    caption: caption || fallbackCaption,
    columns: pad(columns),
    rows: bodyRows.map((cells) => ({_type: 'comparisonRow', cells: pad(cells)})),
  }
}

function fallbackParagraphs(document: Document, table: Element): Element {
  const wrapper = document.createElement('div')
  for (const row of elements(table, ['tr'])) {
    const paragraph = document.createElement('p')
    paragraph.textContent = rowCells(row).texts.join(' · ')
    wrapper.appendChild(paragraph)
  }
  return wrapper
}

function imageObject(
  img: Element,
  caption: string,
  context: BodyContext,
  note: (message: string) => void,
): ArbitraryTypedObject | undefined {
  const src = img.getAttribute('src') ?? ''
  const idMatch = /\bwp-image-(\d+)\b/.exec(img.getAttribute('class') ?? '')
  const attachmentId = idMatch?.[1] ? Number(idMatch[1]) : undefined
  const facts = context.image(src, attachmentId)
  if (!facts) {
    note(`an image whose address cannot be used (${src.slice(0, 80) || 'empty'}): left out`)
    return undefined
  }
  const alt = (img.getAttribute('alt') ?? '').trim() || facts.alt
  const text = caption || facts.caption
  return {
    _type: 'image',
    _sanityAsset: facts.asset,
    ...(alt ? {alt} : {}),
    ...(text ? {caption: text} : {}),
  }
}

/** Deterministic keys, links sorted, empty paragraphs gone. */
function finish(
  blocks: ArbitraryTypedObject[],
  context: BodyContext,
  note: (message: string) => void,
): ArbitraryTypedObject[] {
  const out: ArbitraryTypedObject[] = []
  for (const block of blocks) {
    const key = stableKey(context.documentId, 'block', out.length)
    if (block._type !== 'block') {
      const object: ArbitraryTypedObject = {...block, _key: key}
      if (object._type === 'comparisonTable') {
        object['rows'] = (object['rows'] as ArbitraryTypedObject[]).map((row, index) => ({
          ...row,
          _key: stableKey(key, 'row', index),
        }))
      }
      if (object._type === 'image' && !object['alt']) note(`an image without alt text (${imageName(object)})`)
      out.push(object)
      continue
    }
    const children = (block['children'] as ArbitraryTypedObject[] | undefined) ?? []
    const text = children.map((child) => (typeof child['text'] === 'string' ? child['text'] : '')).join('')
    if (text.trim() === '') continue
    const renamedMarks = new Map<string, string | null>()
    const markDefs: ArbitraryTypedObject[] = []
    for (const def of (block['markDefs'] as ArbitraryTypedObject[] | undefined) ?? []) {
      const oldKey = String(def._key)
      const newKey = stableKey(key, 'markDef', markDefs.length)
      const href = typeof def['href'] === 'string' ? def['href'] : ''
      const target = def._type === 'link' ? context.link(href) : undefined
      if (target && 'unsafe' in target) {
        note(`a link that cannot be kept (${target.unsafe}): its text kept without the link`)
        renamedMarks.set(oldKey, null)
        continue
      }
      renamedMarks.set(oldKey, newKey)
      if (target && 'internal' in target) {
        markDefs.push({_type: 'internalLink', _key: newKey, reference: {_type: 'reference', _ref: target.internal}})
      } else if (target && 'href' in target) {
        markDefs.push({_type: 'link', _key: newKey, href: target.href})
      } else {
        markDefs.push({...def, _key: newKey})
      }
    }
    out.push({
      ...block,
      _key: key,
      markDefs,
      children: children.map((child, index) => ({
        ...child,
        _key: stableKey(key, 'span', index),
        marks: ((child['marks'] as string[] | undefined) ?? []).flatMap((mark) => {
          if (!renamedMarks.has(mark)) return [mark]
          const renamed = renamedMarks.get(mark)
          return renamed ? [renamed] : []
        }),
      })),
    })
  }
  return out
}

function imageName(image: ArbitraryTypedObject): string {
  const asset = String(image['_sanityAsset'] ?? '')
  return asset.slice(asset.lastIndexOf('/') + 1) || asset
}

/** True when `href`'s scheme is one a reader may be sent to. */
export function safeScheme(url: URL): boolean {
  return (SAFE_LINK_SCHEMES as readonly string[]).includes(url.protocol.replace(/:$/, ''))
}
