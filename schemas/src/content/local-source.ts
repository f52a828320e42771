import {type ExprNode, evaluate, parse} from 'groq-js'
import {isPublishedId, isVersionId, publishedId} from '../ids.ts'
import type {StoredDocument} from './dataset.ts'
import {PAGE_PARAM, requirePagedQuery, withoutPageSlice} from './paging.ts'
import type {ContentSource, Perspective, QueryParams} from './source-types.ts'

/**
 * A content source over documents held in memory, queried with groq-js as the Content Lake would
 * answer with the same perspective (groq-js has none of its own: the documents a perspective
 * shows are chosen here).
 */
export function createLocalSource(
  documents: readonly StoredDocument[],
  perspective: Perspective = 'published',
): ContentSource {
  const visible =
    perspective === 'published' ? documents.filter((doc) => isPublishedId(doc._id)) : overlayDrafts(documents)
  // `->` looks a reference up in this index; without it groq-js scans the dataset per reference.
  const byId = new Map(visible.map((document) => [document._id, document]))
  const dereference = ({_ref}: {_ref: string}) => byId.get(perspective === 'drafts' ? publishedId(_ref) : _ref)
  const run = async (query: string, params: QueryParams) => {
    const tree = parse(query, {params})
    // groq-js reads a missing parameter as null (a paged query without `lastId` would quietly
    // answer nothing); the Content Lake refuses the query, and so does this source.
    for (const name of parameterNames(tree)) {
      if (!(name in params)) throw new Error(`param $${name} referenced, but not provided`)
    }
    return (await evaluate(tree, {dataset: visible, params, dereference})).get()
  }
  return {
    perspective,
    // One page (when `lastId` is given) is answered as the Content Lake answers it.
    fetch: (query: string, params: QueryParams = {}) => run(query, params),
    async fetchAll(query: string, params: QueryParams = {}) {
      requirePagedQuery(query)
      // The whole collection is what its pages from `lastId: ""` on add up to, in the final order:
      // here one evaluation without the page slice. Paging through memory would filter and sort
      // the dataset again for every page, quadratic at tens of thousands of documents.
      const everyPage = {...params, [PAGE_PARAM]: ''}
      const tree = withoutPageSlice(parse(query, {params: everyPage}))
      return (await evaluate(tree, {dataset: visible, params: everyPage, dereference})).get()
    },
  }
}

/** The names of the `$parameters` a parsed query uses. */
function parameterNames(tree: ExprNode): Set<string> {
  const names = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child)
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>
      if (record['type'] === 'Parameter' && typeof record['name'] === 'string') names.add(record['name'])
      for (const child of Object.values(record)) visit(child)
    }
  }
  visit(tree)
  return names
}

/**
 * The `drafts` perspective: every document as its draft when it has one, under the published ID,
 * with the draft's own ID in `_originalId`. Release versions are left out.
 */
function overlayDrafts(documents: readonly StoredDocument[]): StoredDocument[] {
  const shown = new Map<string, StoredDocument>()
  for (const doc of documents) {
    if (isVersionId(doc._id)) continue
    const id = publishedId(doc._id)
    if (isPublishedId(doc._id)) {
      if (!shown.has(id)) shown.set(id, {...doc, _originalId: doc._id})
    } else {
      shown.set(id, {...doc, _id: id, _originalId: doc._id})
    }
  }
  return [...shown.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}
