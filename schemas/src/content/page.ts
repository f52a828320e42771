/**
 * One page's content, for the preview server: a request does the work of its own page (the article
 * and what it references), never the whole site's join. The page's documents are read whole, then
 * the content layer's own queries and join run over just them, so a previewed page is built by
 * exactly the rules a published one is.
 */
import {publishedId} from '../ids.ts'
import type {StoredDocument} from './dataset.ts'
import {fetchRawContent} from './fetch.ts'
import type {SiteContent} from './graph.ts'
import {buildSiteContent} from './join.ts'
import {createLocalSource} from './local-source.ts'
import {articlePageDocumentsQuery, documentsByIdQuery} from './queries.ts'
import type {ContentSource} from './source-types.ts'

/** An article page's documents, and the article itself as stored (its request, its sign-off). */
export interface ArticlePageDocuments {
  article: StoredDocument | undefined
  documents: StoredDocument[]
}

/** Reads the documents the page of the article with `slug` shows, in the source's perspective. */
export async function fetchArticlePageDocuments(source: ContentSource, slug: string): Promise<ArticlePageDocuments> {
  const page = (await source.fetch(articlePageDocumentsQuery, {slug})) as unknown as Record<
    string,
    StoredDocument | StoredDocument[] | null
  >
  const article = (page['article'] as StoredDocument | null) ?? undefined
  const documents: StoredDocument[] = []
  for (const value of Object.values(page)) {
    if (Array.isArray(value)) documents.push(...value)
    else if (value) documents.push(value)
  }
  if (article) {
    const have = new Set(documents.map((doc) => doc._id))
    const ids = [...referencedIds(article)].filter((id) => !have.has(id))
    if (ids.length > 0) {
      const referenced = (await source.fetch(documentsByIdQuery, {ids})) as unknown as StoredDocument[]
      documents.push(...referenced)
      // FAQs embed images too; one more round for what the referenced documents point at.
      const more = [...new Set(referenced.flatMap((doc) => [...referencedIds(doc)]))].filter(
        (id) => !have.has(id) && !ids.includes(id),
      )
      if (more.length > 0)
        documents.push(...((await source.fetch(documentsByIdQuery, {ids: more})) as StoredDocument[]))
    }
  }
  return {article, documents}
}

/** The content graph of one article page, built from its documents alone. */
export async function loadArticlePageContent(documents: readonly StoredDocument[], now: Date): Promise<SiteContent> {
  // The documents come from the source in its perspective, already under their published IDs.
  return buildSiteContent(await fetchRawContent(createLocalSource(documents)), now)
}

/** Every published ID a document references, anywhere in it. */
function referencedIds(document: StoredDocument): Set<string> {
  const ids = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>
      if (typeof record['_ref'] === 'string') ids.add(publishedId(record['_ref']))
      for (const child of Object.values(record)) visit(child)
    }
  }
  visit(document)
  return ids
}
