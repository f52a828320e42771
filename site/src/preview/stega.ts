/**
 * Click to edit: in draft mode the preview writes invisible edit links (stega, the encoding
 * `@sanity/client` uses) into the visible text of an article — its title and the text of its
 * body — so `@sanity/visual-editing` in the Studio's Presentation tool can take an editor from a
 * heading to that field.
 *
 * Only copies for display are encoded, at render time, from the document and field paths the
 * preview already knows: the content layer returns whole documents, so no source map is needed,
 * and the data the page is built from stays clean. Addresses, heading anchors, `<head>`, JSON-LD
 * and the review's content hash are all computed from the clean article, never from these copies.
 */
import {createEditUrl} from '@sanity/client/csm'
import {vercelStegaCombine} from '@vercel/stega'

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

/** Encodes `text` with an edit link to `path` of the document (`@sanity/client`'s stega format). */
export function stegaText(text: string, target: {id: string; type: string; path: string; baseUrl: string}): string {
  if (!text.trim()) return text
  const href = createEditUrl({baseUrl: target.baseUrl, id: target.id, type: target.type, path: target.path})
  return vercelStegaCombine(text, {origin: 'sanity.io', href}, false)
}

/**
 * The article's title and body with edit links in their visible text: the title, and each span of
 * each text block, addressed by `_key` so the Studio focuses exactly that block. Custom blocks
 * (tables, callouts, calls to action, FAQ lists, images) are left clean: their strings also
 * reach attributes such as `alt`.
 */
export function editableArticle<Body extends readonly BodyItem[] | null | undefined>(
  article: {_id: string; title: string; body: Body},
  studioUrl: string | undefined,
): EditableText<Body> {
  const baseUrl = studioBase(studioUrl)
  // The page's article is read without its `_type`: it is an article by the query that found it.
  const target = (path: string) => ({id: article._id, type: 'article', path, baseUrl})
  const body = article.body?.map((item) => {
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
