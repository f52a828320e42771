import {type ExprNode, evaluate, parse} from 'groq-js'
import {isPublishedId, isVersionId, publishedId} from '../ids.ts'
import type {StoredDocument} from './dataset.ts'
import {conjuncts, PAGE_PARAM, requirePagedQuery, withoutPageSlice} from './paging.ts'
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
    perspective === 'published'
      ? documents.filter((doc) => isPublishedId(doc._id))
      : perspective === 'drafts'
        ? overlayDrafts(documents)
        : [...documents]
  // `->` looks a reference up in this index; without it groq-js scans the dataset per reference.
  const byId = new Map(visible.map((document) => [document._id, document]))
  const index = indexDocuments(visible)
  const dereference = ({_ref}: {_ref: string}) => byId.get(perspective === 'drafts' ? publishedId(_ref) : _ref)
  const run = async (query: string, params: QueryParams) => {
    const tree = parse(query, {params})
    // groq-js reads a missing parameter as null (a paged query without `lastId` would quietly
    // answer nothing); the Content Lake refuses the query, and so does this source.
    for (const name of parameterNames(tree)) {
      if (!(name in params)) throw new Error(`param $${name} referenced, but not provided`)
    }
    return (await evaluate(narrow(tree, index, params), {dataset: visible, params, dereference})).get()
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
      const tree = narrow(withoutPageSlice(parse(query, {params: everyPage})), index, everyPage)
      return (await evaluate(tree, {dataset: visible, params: everyPage, dereference})).get()
    },
  }
}

/** The visible documents by `_type` and by `_id`, each list in dataset order. */
interface DocumentIndex {
  byType: ReadonlyMap<string, StoredDocument[]>
  position: ReadonlyMap<string, number>
  documents: readonly StoredDocument[]
}

function indexDocuments(documents: readonly StoredDocument[]): DocumentIndex {
  const byType = new Map<string, StoredDocument[]>()
  const position = new Map<string, number>()
  for (const [at, doc] of documents.entries()) {
    const list = byType.get(doc._type)
    if (list) list.push(doc)
    else byType.set(doc._type, [doc])
    position.set(doc._id, at)
  }
  return {byType, position, documents}
}

/**
 * The query with each `*[…]` whose filter requires one `_type`, or `_id`s given as parameters or
 * literals, reading only those documents instead of the whole dataset. The filter itself still
 * runs on them, so the answer is exactly the same: only the documents it could never match are
 * skipped. Without this, every query scans every document — per request on the preview server,
 * a page cost a scan of 10,000 articles for each of its few lookups.
 */
function narrow(tree: ExprNode, index: DocumentIndex, params: QueryParams): ExprNode {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (typeof node !== 'object' || node === null) return node
    const record = node as Record<string, unknown>
    const copy: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(record)) copy[key] = visit(value)
    if (record['type'] === 'Filter' && (record['base'] as ExprNode | undefined)?.type === 'Everything') {
      const candidates = candidatesOf(record['expr'] as ExprNode, index, params)
      if (candidates) copy['base'] = {type: 'Value', value: candidates}
    }
    return copy
  }
  return visit(tree) as ExprNode
}

/** The only documents a filter can match, when one of its conjuncts pins `_type` or `_id`. */
function candidatesOf(expr: ExprNode, index: DocumentIndex, params: QueryParams): StoredDocument[] | undefined {
  for (const term of conjuncts(expr)) {
    if (term.type !== 'OpCall') continue
    const attribute = term.left.type === 'AccessAttribute' && !term.left.base ? term.left.name : undefined
    const value = constant(term.right, params)
    if (term.op === '==' && attribute === '_type' && typeof value === 'string') return index.byType.get(value) ?? []
    const ids = term.op === '==' && typeof value === 'string' ? [value] : term.op === 'in' ? value : undefined
    if (attribute === '_id' && Array.isArray(ids) && ids.every((id) => typeof id === 'string')) {
      const positions = ids.flatMap((id) => {
        const at = index.position.get(id)
        return at === undefined ? [] : [at]
      })
      return [...new Set(positions)].sort((a, b) => a - b).map((at) => index.documents[at] as StoredDocument)
    }
  }
  return undefined
}

function constant(node: ExprNode, params: QueryParams): unknown {
  if (node.type === 'Value') return node.value
  if (node.type === 'Parameter') return params[node.name]
  return undefined
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
