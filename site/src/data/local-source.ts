import {evaluate, parse} from 'groq-js'
import {isPublished, type StoredDocument} from './dataset.ts'
import {PAGE_PARAM, pagedQuery, withoutPageSlice} from './paging.ts'
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
      const paged = pagedQuery(query)
      if (paged && params[PAGE_PARAM] === undefined) {
        // The whole collection of a paged query is what its pages from `lastId: ""` on add up to,
        // put in the final order. Here that is one evaluation without the page slice: paging
        // through memory would filter and sort the dataset again for every page, quadratic at
        // tens of thousands of documents, for the same answer.
        const everyPage = {...params, [PAGE_PARAM]: ''}
        const tree = withoutPageSlice(parse(query, {params: everyPage}))
        return (await evaluate(tree, {dataset: published, params: everyPage, dereference})).get()
      }
      // One page (when `lastId` is given) is answered as the Content Lake answers it: the query server
      // used in tests relies on that.
      const tree = parse(query, {params})
      return (await evaluate(tree, {dataset: published, params, dereference})).get()
    },
  }

  function dereference({_ref}: {_ref: string}) {
    return byId.get(_ref)
  }
}
