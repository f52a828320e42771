/**
 * Reads a WordPress eXtended RSS export (Tools → Export) as a stream: the channel's facts (site
 * address, authors) and one plain object per `<item>`, handed over as soon as the item closes, so
 * memory holds one item at a time however large the export is.
 */
import {createReadStream} from 'node:fs'
import {SaxesParser} from 'saxes'

/** A WordPress author as the channel lists it (`<wp:author>`). E-mail addresses are never read. */
export interface WxrAuthor {
  login: string
  displayName: string
}

/** What the channel says about the site, before and around the items. */
export interface WxrChannel {
  title: string
  /** `wp:base_blog_url` (or the channel `<link>`): the origin of every old permalink. */
  baseUrl: string
  wxrVersion: string
  authors: WxrAuthor[]
}

/** A `<category>` of an item: a category or a tag (`domain`), by slug (`nicename`) and name. */
export interface WxrTerm {
  domain: string
  nicename: string
  name: string
}

/** One `<item>`: a post, page, attachment, menu item, revision… exactly as exported. */
export interface WxrItem {
  /** The 1-based line the item starts on, for messages. */
  line: number
  postId: number
  postType: string
  status: string
  title: string
  /** The old permalink (`<link>`); for drafts WordPress writes a `?p=` address. */
  link: string
  postName: string
  postDate: string
  postDateGmt: string
  pubDate: string
  creator: string
  content: string
  excerpt: string
  parentId: number
  password: string
  attachmentUrl: string
  terms: WxrTerm[]
  meta: Record<string, string>
  comments: number
}

/** The file is well-formed XML but not a WordPress export. */
export class NotWordPressError extends Error {
  override readonly name = 'NotWordPressError'
}

/** Item children read as plain text, by their qualified name as WordPress writes it. */
const ITEM_TEXT: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  pubDate: 'pubDate',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_name': 'postName',
  'wp:post_type': 'postType',
  'wp:status': 'status',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_parent': 'parentId',
  'wp:post_password': 'password',
  'wp:attachment_url': 'attachmentUrl',
}

function emptyItem(line: number): WxrItem {
  return {
    line,
    postId: 0,
    postType: '',
    status: '',
    title: '',
    link: '',
    postName: '',
    postDate: '',
    postDateGmt: '',
    pubDate: '',
    creator: '',
    content: '',
    excerpt: '',
    parentId: 0,
    password: '',
    attachmentUrl: '',
    terms: [],
    meta: {},
    comments: 0,
  }
}

/**
 * Streams `file`, calling `onItem` for every item in document order, and resolves with the
 * channel. Malformed XML rejects with `file:line:column: message`; a well-formed file that is not
 * a WordPress export rejects with a `NotWordPressError` saying why.
 */
export async function readWxr(
  file: string,
  onItem: (item: WxrItem, channel: WxrChannel) => void | Promise<void>,
  shownName: string = file,
): Promise<WxrChannel> {
  const parser = new SaxesParser({fileName: shownName, position: true})
  const channel: WxrChannel = {title: '', baseUrl: '', wxrVersion: '', authors: []}
  const stack: string[] = []
  let text = ''
  let item: WxrItem | undefined
  let author: Partial<WxrAuthor> | undefined
  let meta: {key: string; value: string} | undefined
  let term: {domain: string; nicename: string} | undefined
  let channelLink = ''
  const pending: WxrItem[] = []
  let failure: Error | undefined

  const notWordPress = (why: string) =>
    new NotWordPressError(`${shownName} is not a WordPress export (Tools → Export in WordPress): ${why}.`)

  parser.on('opentag', (tag) => {
    // Without `xmlns`, attributes are plain strings.
    const attributes = tag.attributes as Record<string, string>
    const name = tag.name
    const parent = stack.at(-1)
    stack.push(name)
    text = ''
    if (stack.length === 1 && name !== 'rss') throw notWordPress(`its root element is <${name}>, not <rss>`)
    if (name === 'item' && parent === 'channel') {
      if (!channel.wxrVersion) throw notWordPress('it has items but no <wp:wxr_version>')
      item = emptyItem(parser.line)
    } else if (name === 'wp:author' && parent === 'channel') author = {}
    else if (name === 'wp:postmeta' && item) meta = {key: '', value: ''}
    else if (name === 'wp:comment' && item && parent === 'item') item.comments++
    else if (name === 'category' && item && parent === 'item') {
      term = {domain: attributes['domain'] ?? '', nicename: attributes['nicename'] ?? ''}
    }
  })
  const onText = (chunk: string) => {
    text += chunk
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', (tag) => {
    const name = tag.name
    stack.pop()
    const parent = stack.at(-1)
    if (name === 'wp:postmeta' && item && meta) {
      item.meta[meta.key] = meta.value
      meta = undefined
    } else if (item && parent === 'item') {
      const field = ITEM_TEXT[name]
      if (field === 'postId' || field === 'parentId') item[field] = Number.parseInt(text.trim(), 10) || 0
      else if (field) (item as unknown as Record<string, string>)[field] = field === 'content' ? text : text.trim()
      else if (name === 'category' && term) item.terms.push({...term, name: text.trim()})
    } else if (meta && parent === 'wp:postmeta') {
      if (name === 'wp:meta_key') meta.key = text.trim()
      else if (name === 'wp:meta_value') meta.value = text
    } else if (author && parent === 'wp:author') {
      if (name === 'wp:author_login') author.login = text.trim()
      else if (name === 'wp:author_display_name') author.displayName = text.trim()
    } else if (name === 'wp:author' && author) {
      if (author.login) channel.authors.push({login: author.login, displayName: author.displayName || author.login})
      author = undefined
    } else if (parent === 'channel') {
      if (name === 'title') channel.title = text.trim()
      else if (name === 'link') channelLink = text.trim()
      else if (name === 'wp:wxr_version') channel.wxrVersion = text.trim()
      else if (name === 'wp:base_blog_url') channel.baseUrl = text.trim()
    }
    if (name === 'item' && item) {
      pending.push(item)
      item = undefined
    }
    if (name === 'category') term = undefined
    text = ''
  })

  const stream = createReadStream(file, {encoding: 'utf8', highWaterMark: 256 * 1024})
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string)
      // Items are handed over between chunks, so a slow consumer holds back the reading.
      for (const done of pending.splice(0)) await onItem(done, withBase(channel, channelLink))
    }
    parser.close()
  } catch (error) {
    failure = error as Error
  } finally {
    stream.destroy()
  }
  if (failure) throw failure
  for (const done of pending.splice(0)) await onItem(done, withBase(channel, channelLink))
  if (!channel.wxrVersion) throw notWordPress('it has no <wp:wxr_version>')
  return withBase(channel, channelLink)
}

function withBase(channel: WxrChannel, channelLink: string): WxrChannel {
  if (!channel.baseUrl) channel.baseUrl = channelLink
  return channel
}
