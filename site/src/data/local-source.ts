import {evaluate, parse} from 'groq-js'
import {isPublished, type StoredDocument} from './dataset.ts'
import type {ContentSource, QueryParams} from './source-types.ts'

/**
 * A content source over documents held in memory, queried with groq-js exactly as the Content
 * Lake would answer with the published perspective.
 */
export function createLocalSource(documents: readonly StoredDocument[]): ContentSource {
  const published = documents.filter(isPublished)
  // `->` looks a reference up in this index; without it groq-js scans the dataset per reference.
  const byId = new Map(published.map((document) => [document._id, document]))
  return {
    async fetch(query: string, params: QueryParams = {}) {
      const tree = parse(query, {params})
      const value = await evaluate(tree, {
        dataset: published,
        params,
        dereference: ({_ref}) => byId.get(_ref),
      })
      return value.get()
    },
  }
}
