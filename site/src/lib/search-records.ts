/**
 * What the search index holds for each article, built from the data rather than parsed back out
 * of the page: a page is 20 KB of HTML, and parsing 10,000 of them was most of the index's cost.
 * The build writes the records as soon as it has its content, before it renders a page
 * (`writeSearchRecords`, called by `loadContent`), one JSON object a line; `search-index.ts`
 * indexes them, while Astro renders the pages under `pnpm build`, and deletes them, so they are
 * never published.
 */
import {once} from 'node:events'
import {createWriteStream, type WriteStream} from 'node:fs'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {finished} from 'node:stream/promises'
import {toPlainText} from '@portabletext/toolkit'
import {categoryName} from '@repo/schemas/rules'
import type {ArticleEntry} from '../data/content.ts'
import {asTextBlock} from './portable-text.ts'
import {
  type ArticleSearchRecord,
  articlesPerIndex,
  indexCount,
  indexOfArticle,
  SEARCH_RECORDS_SPLIT,
  type SearchRecordsSplit,
} from './search-contract.ts'

export {type ArticleSearchRecord, SEARCH_RECORDS_DIR} from './search-contract.ts'

/**
 * Writes every article's record to `dir`, replacing what was there, already split over the
 * Pagefind indexes (`SEARCH_RECORDS_SPLIT`): `<k>.ndjson` holds the records of the articles
 * `indexOfArticle` puts in index k, in the articles' order, and `split.json` says how many indexes
 * there are. The folder appears whole or not at all: it is written beside `dir` and renamed into
 * place, because under `pnpm build` the indexer is already waiting for it and starts on the first
 * sight of it. Streamed a few hundred kilobytes at a time, never the 77 MB of 10,000 articles whole.
 */
export async function writeSearchRecords(dir: string, articles: readonly ArticleEntry[]): Promise<void> {
  const indexes = indexCount(articles.length, articlesPerIndex())
  const partial = `${dir}.partial-${process.pid}`
  await rm(partial, {recursive: true, force: true})
  await mkdir(partial, {recursive: true})
  const files = new Map<number, {stream: WriteStream; written: Promise<void>; chunk: string}>()
  try {
    for (const entry of articles) {
      const index = indexOfArticle(entry.url, indexes)
      let file = files.get(index)
      if (!file) {
        const stream = createWriteStream(join(partial, `${index}.ndjson`))
        const written = finished(stream)
        // A failed write is thrown by `written`, and must not surface before it as an unhandled error.
        written.catch(() => {})
        file = {stream, written, chunk: ''}
        files.set(index, file)
      }
      file.chunk += `${JSON.stringify(articleSearchRecord(entry))}\n`
      // A few hundred kilobytes a write: one a record would be 10,000 writes at 10,000 articles.
      if (file.chunk.length > 256 * 1024) {
        const {stream, written, chunk} = file
        file.chunk = ''
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), written])
      }
    }
    for (const {stream, chunk} of files.values()) stream.end(chunk)
    await Promise.all([...files.values()].map((file) => file.written))
    const split: SearchRecordsSplit = {indexes}
    await writeFile(join(partial, SEARCH_RECORDS_SPLIT), JSON.stringify(split))
  } catch (error) {
    for (const {stream} of files.values()) stream.destroy()
    await rm(partial, {recursive: true, force: true})
    throw error
  }
  await rm(dir, {recursive: true, force: true})
  await rename(partial, dir)
}

/** The search record of one published article. */
export function articleSearchRecord(entry: ArticleEntry): ArticleSearchRecord {
  const {article} = entry
  const parts = [
    article.title,
    article.excerpt,
    categoryName(article.category),
    ...bodySearchText(article.body),
    ...entry.embeddedFaqs.flatMap((faq) => [faq.faq.question, ...bodySearchText(faq.faq.answer)]),
  ]
  return {
    url: entry.url,
    title: article.title,
    content: parts
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.trim())
      .join('\n\n'),
  }
}

/**
 * The readable text of a Portable Text body, one string per block: text blocks through the
 * toolkit's `toPlainText`, and the strings the site's custom blocks show (callout and call-to-action
 * text, a table's caption, headings and cells). Anything else (images, FAQ lists, unknown or
 * malformed blocks) gives nothing: content is untrusted, and a stray value is skipped, not thrown on.
 */
export function bodySearchText(body: readonly unknown[] | null | undefined): string[] {
  const texts: string[] = []
  for (const block of body ?? []) {
    if (!isTyped(block)) continue
    const textBlock = asTextBlock(block)
    if (textBlock) texts.push(toPlainText(textBlock))
    else if (block._type === 'callout' || block._type === 'callToAction') texts.push(...strings(block['text']))
    else if (block._type === 'comparisonTable') {
      texts.push(...strings(block['caption']), ...strings(block['columns']))
      for (const row of Array.isArray(block['rows']) ? block['rows'] : []) {
        if (isRecord(row)) texts.push(...strings(row['cells']))
      }
    }
  }
  return texts
}

/** A string, or the strings of an array; nothing for any other value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isTyped(value: unknown): value is Record<string, unknown> & {_type: string} {
  return isRecord(value) && typeof value['_type'] === 'string'
}
