/**
 * What the search index holds for each article, built from the data rather than parsed back out
 * of the page: a page is 20 KB of HTML, and parsing 10,000 of them was most of the index's cost.
 * The build writes the records into `search-records/` (see `search-records-files.ts`), one JSON object a line;
 * `search-index.ts` indexes them and deletes the folder, so it is never published.
 */
import {toPlainText} from '@portabletext/toolkit'
import {categoryName} from '@repo/schemas/rules'
import type {ArticleEntry} from '../data/content.ts'
import {asTextBlock} from './portable-text.ts'
import type {ArticleSearchRecord} from './search-records-files.ts'

export {type ArticleSearchRecord, SEARCH_RECORDS_DIR, SEARCH_RECORDS_PER_FILE} from './search-records-files.ts'

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
