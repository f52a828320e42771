/**
 * Click to edit: in draft mode the preview writes invisible edit links (stega, the encoding
 * `@sanity/client` uses) into the visible text of an article — its title, the text of its body,
 * and the text of its callouts, calls to action and tables — so `@sanity/visual-editing` in the
 * Studio's Presentation tool can take an editor from a heading, a callout or a table cell to that
 * field.
 *
 * Only copies for display are encoded, at render time, from the document and field paths the
 * preview already knows: the content layer returns whole documents, so no source map is needed,
 * and the data the page is built from stays clean. Addresses, heading anchors, `<head>`, JSON-LD
 * and the review's content hash are all computed from the clean article, never from these copies.
 */
import {createEditUrl} from '@sanity/client/csm'
import {vercelStegaCombine, vercelStegaEncode} from '@vercel/stega'

/** A Portable Text item as stored: blocks with spans, or custom objects left as they are. */
interface BodyItem {
  _type: string
  _key: string
  children?: unknown
}

/** What the article page shows in place of the article's own title and body. */
export interface EditableText<Body extends readonly BodyItem[] | null | undefined> {
  title: string
  body: Body
}

/**
 * The Studio's base path for edit links: its URL's path without a trailing slash (`/` at the
 * root), as `createEditUrl` wants it. Presentation resolves the link inside its own workspace.
 */
export function studioBase(studioUrl: string | undefined): string {
  if (!studioUrl) return '/'
  try {
    const {origin, pathname} = new URL(studioUrl)
    const path = pathname.replace(/\/+$/, '')
    return `${origin}${path}`
  } catch {
    return '/'
  }
}

/**
 * Encodes `text` with an edit link to `path` of the document (`@sanity/client`'s stega format),
 * after the text; or before it (`at: 'start'`) for text the page trims, since the encoding's
 * alphabet includes U+FEFF, which `String.prototype.trim` removes from the end.
 */
export function stegaText(
  text: string,
  target: {id: string; type: string; path: string; baseUrl: string},
  at: 'end' | 'start' = 'end',
): string {
  if (!text.trim()) return text
  const href = createEditUrl({baseUrl: target.baseUrl, id: target.id, type: target.type, path: target.path})
  return at === 'end'
    ? vercelStegaCombine(text, {origin: 'sanity.io', href}, false)
    : `${vercelStegaEncode({origin: 'sanity.io', href})}${text}`
}

/**
 * The article's title and body with edit links in their visible text: the title; each span of
 * each text block, addressed by `_key` so the Studio focuses exactly that block; a callout's text
 * (its first paragraph carries the link: the page splits it into paragraphs and trims them); a
 * call to action's text and button label; a table's caption, column headings and cells. Images
 * and FAQ lists are left clean: their strings reach attributes (`alt`, `aria-label`), and an
 * embedded FAQ is another document.
 */
export function editableArticle<Body extends readonly BodyItem[] | null | undefined>(
  article: {_id: string; title: string; body: Body},
  studioUrl: string | undefined,
): EditableText<Body> {
  const baseUrl = studioBase(studioUrl)
  // The page's article is read without its `_type`: it is an article by the query that found it.
  const target = (path: string) => ({id: article._id, type: 'article', path, baseUrl})
  const body = article.body?.map((item) => {
    const field = (path: string) => target(`body[_key=="${item._key}"].${path}`)
    const text = (value: unknown, path: string, at?: 'start') =>
      typeof value === 'string' ? stegaText(value, field(path), at) : value
    const fields = item as BodyItem & Record<string, unknown>
    if (item._type === 'callout') return {...item, text: text(fields['text'], 'text', 'start')}
    if (item._type === 'callToAction') {
      return {...item, text: text(fields['text'], 'text'), buttonLabel: text(fields['buttonLabel'], 'buttonLabel')}
    }
    if (item._type === 'comparisonTable') {
      const columns = Array.isArray(fields['columns']) ? fields['columns'] : undefined
      const rows = Array.isArray(fields['rows']) ? (fields['rows'] as {_key?: unknown; cells?: unknown}[]) : undefined
      return {
        ...item,
        caption: text(fields['caption'], 'caption'),
        columns: columns?.map((column, index) => text(column, `columns[${index}]`)),
        rows: rows?.map((row) =>
          typeof row?._key === 'string' && Array.isArray(row.cells)
            ? {...row, cells: row.cells.map((cell, index) => text(cell, `rows[_key=="${row._key}"].cells[${index}]`))}
            : row,
        ),
      }
    }
    if (item._type !== 'block' || !Array.isArray(item.children)) return item
    const children = (item.children as {_type?: string; _key?: string; text?: unknown}[]).map((span) =>
      span._type === 'span' && span._key && typeof span.text === 'string'
        ? {
            ...span,
            text: stegaText(span.text, target(`body[_key=="${item._key}"].children[_key=="${span._key}"].text`)),
          }
        : span,
    )
    return {...item, children}
  }) as Body
  return {title: stegaText(article.title, target('title')), body}
}
