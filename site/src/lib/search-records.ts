/**
 * What the search index holds for each article, built from the data rather than parsed back out
 * of the page: a page is 20 KB of HTML, and parsing 10,000 of them was most of the index's cost.
 * The build writes the records to {@link SEARCH_RECORDS_FILE}; `search-index.ts` indexes them and
 * deletes the file, so it is never published.
 */

import {categoryName} from '@repo/schemas/rules'
import type {ArticleEntry} from '../data/content.ts'
import {headingOutline} from './portable-text.ts'

/** Where in the build output the article records wait for the indexer. */
export const SEARCH_RECORDS_FILE = 'search-records.json'

/** One article as Pagefind indexes it. */
export interface ArticleSearchRecord {
  url: string
  title: string
  /**
   * The words a reader searches an article by: its title, summary, category, section headings
   * and the questions it answers. Not every sentence of the body: at tens of thousands of
   * articles full text multiplied the index's build time and memory (README, "Performance benchmark").
   */
  content: string
}

/** The search record of one published article. */
export function articleSearchRecord(entry: ArticleEntry): ArticleSearchRecord {
  const {article} = entry
  const parts = [
    article.title,
    article.excerpt,
    categoryName(article.category),
    ...headingOutline(article.body).map((heading) => heading.text),
    ...entry.embeddedFaqs.map((faq) => faq.faq.question),
  ]
  return {
    url: entry.url,
    title: article.title,
    content: parts
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.trim())
      .join('. '),
  }
}
