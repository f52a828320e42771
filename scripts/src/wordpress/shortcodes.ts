/**
 * WordPress shortcodes (`[caption]`, `[gallery]`, `[embed]`…), rewritten before the HTML is
 * parsed: captions and galleries become `<figure>`s the image rule understands; every other
 * shortcode keeps its text (or its media address) as a plain paragraph and is reported, so no
 * page shows `[…]` and nothing is silently lost.
 */

/** A shortcode's attributes: `name="value"`, `name='value'` or `name=value`. */
export function shortcodeAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of source.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    const name = match[1]
    if (name) attributes[name.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? ''
  }
  return attributes
}

/** What a gallery needs: the images a `[gallery]` shows, as `<figure>` HTML, by attachment ID. */
export interface ShortcodeContext {
  /** `<figure>` HTML for attachment `id`, or undefined when the export has no such image. */
  figure(id: number): string | undefined
  /** The attachments whose parent is this post, in ID order: a `[gallery]` without `ids`. */
  childImageIds(): number[]
  /** Records a shortcode that was flattened to text. */
  note(message: string): void
}

/** Attributes that hold the media a shortcode shows; kept as text so the address is not lost. */
const MEDIA_ATTRIBUTES = ['src', 'url', 'mp4', 'm4v', 'webm', 'ogv', 'mp3', 'ogg', 'wav', 'href', 'ids']

const ENCLOSING = /\[([A-Za-z][\w-]*)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/g
const SELF_CLOSING = /\[([A-Za-z][\w-]*)(\s[^\]]*?)?\s*\/?\]/g
/** Shortcodes WordPress itself registers: recognised even without attributes. */
const CORE = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio', 'playlist'])

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function paragraph(text: string): string {
  const trimmed = text.trim()
  return trimmed ? `\n\n<p>${trimmed}</p>\n\n` : '\n\n'
}

function mediaText(attributes: Record<string, string>): string {
  return MEDIA_ATTRIBUTES.map((name) => attributes[name])
    .filter((value): value is string => Boolean(value))
    .map(escapeHtml)
    .join(' ')
}

/**
 * Rewrites every shortcode in `html`. `[[name]]` (WordPress's escape) is left as the literal
 * `[name]`. A bracketed word with no attributes and no closing tag that WordPress does not
 * register itself (`[sic]`, `[1]`) is ordinary text and left alone.
 */
export function rewriteShortcodes(html: string, context: ShortcodeContext): string {
  const escaped: string[] = []
  let out = html.replace(/\[\[([^\]]*)\]\]/g, (_, inner: string) => {
    escaped.push(`[${inner}]`)
    return `\u{e000}${escaped.length - 1}\u{e000}`
  })
  // Enclosing shortcodes first, innermost last: a caption may sit inside another shortcode.
  for (let pass = 0; pass < 5; pass++) {
    const before = out
    out = out.replace(ENCLOSING, (whole, name: string, rawAttributes: string | undefined, inner: string) =>
      enclosing(whole, name.toLowerCase(), shortcodeAttributes(rawAttributes ?? ''), inner, context),
    )
    if (out === before) break
  }
  out = out.replace(SELF_CLOSING, (whole, name: string, rawAttributes: string | undefined) => {
    const lower = name.toLowerCase()
    if (!CORE.has(lower) && !(rawAttributes ?? '').includes('=')) return whole
    return selfClosing(whole, lower, shortcodeAttributes(rawAttributes ?? ''), context)
  })
  return out.replace(/\u{e000}(\d+)\u{e000}/gu, (_, index: string) => escapeHtml(escaped[Number(index)] ?? ''))
}

function enclosing(
  whole: string,
  name: string,
  attributes: Record<string, string>,
  inner: string,
  context: ShortcodeContext,
): string {
  if (name === 'caption' || name === 'wp_caption') {
    // `[caption]<a><img></a> The caption[/caption]`; very old exports put it in `caption="…"`.
    const image = /^\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?/i.exec(inner)
    if (!image) {
      context.note(`shortcode [${name}] without an image: its text kept as a paragraph`)
      return paragraph(inner)
    }
    const caption = (inner.slice(image[0].length).trim() || escapeHtml(attributes['caption'] ?? '')).trim()
    return `\n\n<figure>${image[0]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>\n\n`
  }
  const text = inner.trim() || mediaText(attributes)
  const kept = inner.trim() ? 'its text' : text ? 'its address' : 'nothing'
  context.note(`shortcode [${name}] (${summary(whole)}): ${kept} kept as plain text`)
  return paragraph(text)
}

function selfClosing(
  whole: string,
  name: string,
  attributes: Record<string, string>,
  context: ShortcodeContext,
): string {
  if (name === 'gallery') {
    const ids = attributes['ids']
      ? attributes['ids']
          .split(',')
          .map((id) => Number.parseInt(id.trim(), 10))
          .filter((id) => Number.isFinite(id))
      : context.childImageIds()
    const figures: string[] = []
    for (const id of ids) {
      const figure = context.figure(id)
      if (figure) figures.push(figure)
      else context.note(`gallery image ${id} is not in the export: left out`)
    }
    return `\n\n${figures.join('\n')}\n\n`
  }
  context.note(
    `shortcode [${name}] (${summary(whole)}): ${mediaText(attributes) ? 'its address' : 'nothing'} kept as plain text`,
  )
  return paragraph(mediaText(attributes))
}

function summary(shortcode: string): string {
  const flat = shortcode.replace(/\s+/g, ' ')
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat
}
