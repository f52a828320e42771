/**
 * The WordPress import as a function: two streaming passes over the export (first an index of
 * attachments, slugs and permalinks, so links and galleries can point forward; then the
 * conversion, one item at a time), the dataset written to a temporary file beside `out` and
 * renamed into place only when everything succeeded.
 */
import {once} from 'node:events'
import {createReadStream, createWriteStream, existsSync} from 'node:fs'
import {rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {createInterface} from 'node:readline'
import {pathToFileURL} from 'node:url'
import {
  articleId,
  authorId,
  chooseSlug,
  type DatasetDocument,
  datasetDocument,
  draftReason,
  htmlText,
  looksNonEmpty,
  matchCategory,
  permalinkPath,
  publishedAt,
  redirectDocument,
  shorten,
  skipReason,
  slugify,
} from './documents.ts'
import {type BodyContext, convertBody, type ImageFacts, type LinkTarget, safeScheme} from './html.ts'
import type {ImportReport, ItemReport, Outcome} from './report.ts'
import {readWxr, type WxrChannel, type WxrItem} from './wxr.ts'

export interface WordPressImportOptions {
  /** The WXR export. */
  file: string
  /** The NDJSON dataset to write. */
  out: string
  /** A copy of `wp-content/uploads`: images found there are imported from the file. */
  uploads?: string | undefined
  /** Import WordPress pages as articles too. */
  pages?: boolean | undefined
  /** A dataset whose other documents (settings, programs, reviewers…) are copied into `out`. */
  base?: string | undefined
  /** How the export is named in messages. */
  shownFile?: string | undefined
}

interface Attachment {
  id: number
  url: string
  alt: string
  caption: string
  parent: number
}

interface PostEntry {
  slug: string
  /** Whether the post will be a published article (decided before conversion; see `looksNonEmpty`). */
  published: boolean
}

/** What the first pass learns about the whole export. */
interface ExportIndex {
  attachments: Map<number, Attachment>
  attachmentsByUrl: Map<string, number>
  posts: Map<number, PostEntry>
  postsByPath: Map<string, number>
}

/** A resized copy's address (`photo-1024x768.jpg`) to its original's (`photo.jpg`). */
function originalImageUrl(url: string): string {
  return url.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1')
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

async function indexExport(options: WordPressImportOptions, shown: string): Promise<ExportIndex> {
  const index: ExportIndex = {
    attachments: new Map(),
    attachmentsByUrl: new Map(),
    posts: new Map(),
    postsByPath: new Map(),
  }
  const taken = new Set<string>()
  await readWxr(
    options.file,
    (item, channel) => {
      if (item.postType === 'attachment') {
        const url = item.attachmentUrl || item.link
        index.attachments.set(item.postId, {
          id: item.postId,
          url,
          alt: (item.meta['_wp_attachment_image_alt'] ?? '').trim(),
          caption: htmlText(item.excerpt),
          parent: item.parentId,
        })
        index.attachmentsByUrl.set(url, item.postId)
        return
      }
      if (skipReason(item, options.pages === true)) return
      const slug = chooseSlug(item, taken)
      const published = draftReason(item, looksNonEmpty(item.content)) === undefined
      index.posts.set(item.postId, {slug, published})
      const path = permalinkPath(item.link, channel.baseUrl)
      if (path) index.postsByPath.set(path, item.postId)
    },
    shown,
  )
  return index
}

/** Runs the import and returns its report; throws (writing nothing) on a broken or foreign file. */
export async function importWordPress(options: WordPressImportOptions): Promise<ImportReport> {
  const started = performance.now()
  const shown = options.shownFile ?? options.file
  const index = await indexExport(options, shown)
  const out = resolve(options.out)
  const temporary = join(dirname(out), `.${process.pid}-${Date.now()}.wordpress-import.tmp`)
  const stream = createWriteStream(temporary, {encoding: 'utf8'})
  const documents: Record<string, number> = {}
  const written = new Set<string>()
  const write = async (doc: DatasetDocument) => {
    written.add(doc._id)
    documents[doc._type] = (documents[doc._type] ?? 0) + 1
    if (!stream.write(`${JSON.stringify(doc)}\n`)) await once(stream, 'drain')
  }
  const items: ItemReport[] = []
  const usedBy = new Map<number, number>()
  let authorsWritten = false
  let channelSeen: WxrChannel | undefined

  try {
    const channel = await readWxr(
      options.file,
      async (item, channel) => {
        channelSeen = channel
        if (!authorsWritten) {
          authorsWritten = true
          for (const author of channel.authors) {
            await write(
              datasetDocument(authorId(author.login), 'author', '2000-01-01T00:00:00Z', {
                name: author.displayName,
                slug: {_type: 'slug', current: slugify(author.displayName) || slugify(author.login) || 'author'},
              }),
            )
          }
        }
        items.push(await convertItem(item, channel, index, options, usedBy, write))
      },
      shown,
    )
    channelSeen = channel
    if (options.base) await copyBase(options.base, written, write)
    stream.end()
    await once(stream, 'finish')
    await rename(temporary, out)
  } catch (error) {
    stream.destroy()
    await rm(temporary, {force: true})
    throw error
  }

  // Attachments are accounted for once every post has said which images it uses.
  for (const item of items) {
    if (item.postType !== 'attachment') continue
    const user = usedBy.get(item.wordpressId)
    item.reason =
      user === undefined
        ? 'an attachment no imported post uses: not imported'
        : `an attachment: imported as an image of post ${user}`
  }
  const counts: Record<Outcome, number> = {published: 0, draft: 0, skipped: 0}
  for (const item of items) counts[item.outcome]++
  const seconds = (performance.now() - started) / 1000
  return {
    source: shown,
    output: options.out,
    site: channelSeen?.baseUrl ?? '',
    items,
    documents,
    counts,
    seconds,
    itemsPerSecond: items.length / Math.max(seconds, 0.001),
    postsPerSecond: (counts.published + counts.draft) / Math.max(seconds, 0.001),
  }
}

async function copyBase(
  base: string,
  written: ReadonlySet<string>,
  write: (doc: DatasetDocument) => Promise<void>,
): Promise<void> {
  const lines = createInterface({input: createReadStream(base, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY})
  let number = 0
  for await (const line of lines) {
    number++
    if (line.trim() === '') continue
    let doc: DatasetDocument
    try {
      doc = JSON.parse(line) as DatasetDocument
    } catch (error) {
      throw new Error(`${base}:${number}: not a JSON document (${(error as Error).message})`)
    }
    // The imported documents win: a base that already holds them (an earlier import) is updated.
    if (!written.has(doc._id)) await write(doc)
  }
}

async function convertItem(
  item: WxrItem,
  channel: WxrChannel,
  index: ExportIndex,
  options: WordPressImportOptions,
  usedBy: Map<number, number>,
  write: (doc: DatasetDocument) => Promise<void>,
): Promise<ItemReport> {
  const report: ItemReport = {
    wordpressId: item.postId,
    postType: item.postType,
    status: item.status,
    title: item.title,
    link: item.link,
    outcome: 'skipped',
    notes: [],
  }
  const skipped = skipReason(item, options.pages === true)
  const entry = index.posts.get(item.postId)
  if (skipped || !entry) {
    report.reason = skipped ?? 'not indexed'
    if (item.comments > 0) report.notes.push(`${item.comments} comment(s) not imported`)
    return report
  }
  const id = articleId(item.postId)
  const notes: string[] = []
  const context = bodyContext(item, channel, index, options, id, notes, usedBy)
  const {blocks, notes: bodyNotes} = convertBody(item.content, context)
  const reason = draftReason(item, blocks.length > 0)
  if (!reason && !entry.published) {
    notes.push('its body turned out empty only after conversion: links to it from other posts need checking')
  }

  const excerptFromWordPress = htmlText(item.excerpt)
  // No excerpt in WordPress: the first paragraph, else the first text of any kind, else the title.
  const textBlocks = blocks.filter((block) => block._type === 'block')
  const firstText = [textBlocks.find((block) => block['style'] === 'normal' && !block['listItem']), ...textBlocks]
    .map((block) =>
      ((block?.['children'] as Array<{text?: string}> | undefined) ?? [])
        .map((span) => span.text ?? '')
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .find((text) => text !== '')
  const excerpt = excerptFromWordPress || shorten(firstText || item.title.trim())
  if (!excerptFromWordPress && excerpt) notes.push('no excerpt in WordPress: written from the body text')
  const {category, unmatched} = matchCategory(item.terms)
  if (unmatched.length > 0)
    notes.push(`WordPress categories with no site category: ${unmatched.join(', ')} (choose one in the Studio)`)
  const tags = item.terms.filter((term) => term.domain === 'post_tag').map((term) => term.name)
  if (tags.length > 0) notes.push(`tags not imported: ${tags.join(', ')}`)
  if (item.comments > 0) notes.push(`${item.comments} comment(s) not imported`)

  const author = channel.authors.find((candidate) => candidate.login === item.creator)
  if (item.creator && !author) notes.push(`author “${item.creator}” is not in the export's author list`)

  let heroImage: Record<string, unknown> | undefined
  const thumbnail = Number.parseInt(item.meta['_thumbnail_id'] ?? '', 10)
  if (Number.isFinite(thumbnail)) {
    const attachment = index.attachments.get(thumbnail)
    const facts = attachment ? context.image(attachment.url, thumbnail) : undefined
    if (facts) {
      heroImage = {
        _type: 'image',
        _sanityAsset: facts.asset,
        ...(facts.alt ? {alt: facts.alt} : {}),
        ...(facts.caption ? {caption: facts.caption} : {}),
      }
      if (!facts.alt) notes.push('the featured image has no alt text')
    } else notes.push(`the featured image (attachment ${thumbnail}) is not in the export`)
  }

  const date = publishedAt(item)
  const fields: Record<string, unknown> = {
    title: item.title,
    slug: {_type: 'slug', current: entry.slug},
    ...(excerpt ? {excerpt} : {}),
    ...(heroImage ? {heroImage} : {}),
    ...(author ? {author: {_type: 'reference', _ref: authorId(author.login)}} : {}),
    ...(date ? {publishedAt: date} : {}),
    ...(category ? {category} : {}),
    body: blocks,
    requiresClinicalReview: true,
  }
  const instant = date ?? '2000-01-01T00:00:00Z'
  report.notes = [...bodyNotes, ...notes]

  if (reason) {
    report.outcome = 'draft'
    report.reason = reason
    report.documentId = `drafts.${id}`
    await write(datasetDocument(`drafts.${id}`, 'article', instant, fields))
    return report
  }

  // Images without alt text cannot be published (screen-reader users would miss them): the
  // published article goes without them, and a draft holds them for an editor to describe.
  const withoutAlt = (image: unknown) =>
    typeof image === 'object' &&
    image !== null &&
    (image as {_type?: string})._type === 'image' &&
    !(image as {alt?: string}).alt
  const needsDraft = blocks.some(withoutAlt) || (heroImage !== undefined && withoutAlt(heroImage))
  const published = needsDraft
    ? {
        ...fields,
        body: blocks.filter((block) => !withoutAlt(block)),
        ...(heroImage && withoutAlt(heroImage) ? {heroImage: undefined} : {}),
      }
    : fields
  if (published['heroImage'] === undefined) delete published['heroImage']
  report.outcome = 'published'
  report.documentId = id
  await write(datasetDocument(id, 'article', instant, published))
  if (needsDraft) {
    report.notes.push(
      `images without alt text are left out of the published article and kept in its draft (drafts.${id}): describe them in the Studio`,
    )
    await write(datasetDocument(`drafts.${id}`, 'article', instant, fields))
  }
  const redirect = redirectDocument(item.postId, permalinkPath(item.link, channel.baseUrl), entry.slug, instant)
  if (redirect) await write(redirect)
  return report
}

function bodyContext(
  item: WxrItem,
  channel: WxrChannel,
  index: ExportIndex,
  options: WordPressImportOptions,
  documentId: string,
  notes: string[],
  usedBy: Map<number, number>,
): BodyContext & {image(src: string, attachmentId: number | undefined): ImageFacts | undefined} {
  const base = channel.baseUrl || 'http://localhost/'
  const baseHost = (() => {
    try {
      return new URL(base).host
    } catch {
      return ''
    }
  })()
  const note = (message: string) => {
    if (!notes.includes(message)) notes.push(message)
  }
  const image = (src: string, attachmentId: number | undefined): ImageFacts | undefined => {
    let attachment = attachmentId === undefined ? undefined : index.attachments.get(attachmentId)
    let url: URL
    try {
      url = new URL(src.trim(), base)
    } catch {
      return undefined
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    attachment ??= [url.href, originalImageUrl(url.href)]
      .map((candidate) => index.attachmentsByUrl.get(candidate))
      .map((id) => (id === undefined ? undefined : index.attachments.get(id)))
      .find((found) => found !== undefined)
    if (attachment) usedBy.set(attachment.id, item.postId)
    const address = attachment?.url || url.href
    return {
      asset: assetFor(address, options.uploads, note),
      alt: attachment?.alt ?? '',
      caption: attachment?.caption ?? '',
    }
  }
  return {
    documentId,
    title: item.title || `Post ${item.postId}`,
    baseUrl: base,
    image,
    attachmentFigure: (id) => {
      const attachment = index.attachments.get(id)
      if (!attachment) return undefined
      return `<figure><img src="${escapeAttribute(attachment.url)}" class="wp-image-${id}" alt="${escapeAttribute(attachment.alt)}">${
        attachment.caption ? `<figcaption>${escapeAttribute(attachment.caption)}</figcaption>` : ''
      }</figure>`
    },
    childImageIds: () =>
      [...index.attachments.values()]
        .filter((attachment) => attachment.parent === item.postId)
        .map((attachment) => attachment.id)
        .sort((a, b) => a - b),
    link: (href): LinkTarget => {
      const trimmed = href.trim()
      if (trimmed === '' || trimmed.startsWith('#')) return {unsafe: trimmed || 'empty address'}
      let url: URL
      try {
        url = new URL(trimmed, base)
      } catch {
        return {unsafe: trimmed}
      }
      if (!safeScheme(url)) return {unsafe: trimmed}
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host === baseHost) {
        const byQuery = Number.parseInt(url.searchParams.get('p') ?? url.searchParams.get('page_id') ?? '', 10)
        let path: string
        try {
          path = decodeURI(url.pathname)
        } catch {
          path = url.pathname
        }
        const target = Number.isFinite(byQuery)
          ? byQuery
          : (index.postsByPath.get(path) ?? index.postsByPath.get(path.endsWith('/') ? path : `${path}/`))
        const entry = target === undefined ? undefined : index.posts.get(target)
        if (target !== undefined && entry) {
          return entry.published ? {internal: articleId(target)} : {unsafe: `${trimmed}, a post that is not published`}
        }
      }
      return {href: url.href}
    },
  }
}

/**
 * `image@file://…` when the file is in the uploads copy (the address's part after
 * `wp-content/uploads/`, or its original when WordPress linked a resized copy), else
 * `image@<address>`, which `sanity dataset import` downloads.
 */
function assetFor(address: string, uploads: string | undefined, note: (message: string) => void): string {
  if (!uploads) return `image@${address}`
  const marker = address.indexOf('/wp-content/uploads/')
  if (marker >= 0) {
    const relativePath = address.slice(marker + '/wp-content/uploads/'.length).split(/[?#]/)[0] ?? ''
    for (const candidate of [relativePath, originalImageUrl(relativePath)]) {
      let decoded = candidate
      try {
        decoded = decodeURIComponent(candidate)
      } catch {
        // Keep the name as written.
      }
      const file = resolve(uploads, decoded)
      // Never outside the uploads folder, whatever `..` the address holds.
      if (file.startsWith(resolve(uploads)) && existsSync(file)) return `image@${pathToFileURL(file).href}`
    }
  }
  note(`image not found in the uploads folder, imported from its address: ${address}`)
  return `image@${address}`
}

/** Writes the report as JSON, atomically. */
export async function writeReport(report: ImportReport, file: string): Promise<void> {
  const target = resolve(file)
  const temporary = join(dirname(target), `.${process.pid}-${Date.now()}.report.tmp`)
  await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`)
  await rename(temporary, target)
}
