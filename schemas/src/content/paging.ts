/**
 * Paged queries: how a collection that can grow large is read in pages of at most a fixed number
 * of documents, by `_id` (keyset pagination, as Sanity recommends), instead of in one response
 * that grows with the dataset.
 *
 * A paged query has exactly this shape, with the page size a literal (GROQ slices take no
 * parameters) and an optional final `order` for the collection as a whole:
 *
 *     *[FILTER && _id > $lastId] | order(_id asc) [0...1000] {PROJECTION with _id} | order(…)
 *
 * One page is the query run with `lastId` set (`ContentSource.fetch`): the documents after that
 * `_id`. The whole collection (`ContentSource.fetchAll`) is the pages from `lastId: ""` on, each
 * starting after the last page's greatest `_id`, until one comes back short; the final `order` is
 * then applied to all of them, since the Content Lake can apply it only within a page.
 */
import {type ExprNode, evaluate, parse} from 'groq-js'

/** The parameter a paged query pages by. */
export const PAGE_PARAM = 'lastId'

/** What a source needs to know to read a paged query whole. */
export interface PagedQuery {
  /** The most documents one page holds: the query's slice. */
  pageSize: number
  /** The collection's final `order(…)` arguments, or undefined when `_id` order is the order. */
  order: ExprNode[] | undefined
}

const SHAPE = '*[… && _id > $lastId] | order(_id asc) [0...N] {…} | order(…)'

/**
 * Reads a query's paging: undefined for a query that does not use `$lastId`; an error for one that
 * does but is not shaped as a paged query, so a mistake cannot silently fetch a single page.
 */
export function pagedQuery(query: string): PagedQuery | undefined {
  if (!/\$lastId\b/.test(query)) return undefined
  const wrong = (why: string) =>
    new Error(`A query using $${PAGE_PARAM} must be a paged query (${SHAPE}), but ${why}.\nQuery: ${summarise(query)}`)
  const spine = readSpine(parse(query))
  if (!spine) throw wrong('it has no `[0...N]` page slice')
  const {slice, order} = spine
  if (slice.left !== 0 || slice.right <= 0) throw wrong(`its slice is not [0...N] with N > 0`)
  const byId = slice.base
  if (byId.type !== 'PipeFuncCall' || byId.name !== 'order' || !isIdAscending(byId.args)) {
    throw wrong('its page slice does not follow `order(_id asc)`')
  }
  if (byId.base.type !== 'Filter' || !conjuncts(byId.base.expr).some(isAfterLastId)) {
    throw wrong('its filter does not require `_id > $lastId`')
  }
  return {pageSize: slice.isInclusive ? slice.right + 1 : slice.right, order}
}

/** The paging of a query a caller asked to read whole; an error when it is not a paged query. */
export function requirePagedQuery(query: string): PagedQuery {
  const paging = pagedQuery(query)
  if (!paging) {
    throw new Error(
      `Only a paged query (${SHAPE}) can be read whole with fetchAll; use fetch for any other.\nQuery: ${summarise(query)}`,
    )
  }
  return paging
}

/**
 * The query's tree without its page slice: every page at once, in one evaluation. The local source
 * uses it so reading a collection whole costs one pass over the dataset, not one per page.
 */
export function withoutPageSlice(tree: ExprNode): ExprNode {
  switch (tree.type) {
    case 'Slice':
      return tree.base
    case 'PipeFuncCall':
    case 'Map':
    case 'Projection':
      return {...tree, base: withoutPageSlice(tree.base)}
    default:
      throw new Error(`A paged query has no page slice where one was expected (found ${tree.type})`)
  }
}

/** Puts rows from several pages in the collection's final order, with GROQ's own ordering rules. */
export async function inFinalOrder(rows: unknown[], order: ExprNode[] | undefined): Promise<unknown[]> {
  if (!order) return rows
  const tree: ExprNode = {type: 'PipeFuncCall', base: {type: 'Parameter', name: 'rows'}, name: 'order', args: order}
  return (await (await evaluate(tree, {params: {rows}})).get()) as unknown[]
}

/** The spine of a paged query: an optional final order, then the projection over the page slice. */
function readSpine(
  tree: ExprNode,
): {slice: Extract<ExprNode, {type: 'Slice'}>; order: ExprNode[] | undefined} | undefined {
  let node = tree
  let order: ExprNode[] | undefined
  if (node.type === 'PipeFuncCall' && node.name === 'order' && node.base.type !== 'Slice') {
    order = node.args
    node = node.base
  }
  if (node.type === 'Map' || node.type === 'Projection') node = node.base
  return node.type === 'Slice' ? {slice: node, order} : undefined
}

function isIdAscending(args: ExprNode[]): boolean {
  const [only] = args
  if (args.length !== 1 || !only) return false
  const key = only.type === 'Asc' ? only.base : only
  return key.type === 'AccessAttribute' && key.name === '_id' && key.base === undefined
}

/** The terms of a filter joined by `&&` (groups unwrapped). */
export function conjuncts(expr: ExprNode): ExprNode[] {
  if (expr.type === 'And') return [...conjuncts(expr.left), ...conjuncts(expr.right)]
  if (expr.type === 'Group') return conjuncts(expr.base)
  return [expr]
}

function isAfterLastId(expr: ExprNode): boolean {
  return (
    expr.type === 'OpCall' &&
    expr.op === '>' &&
    expr.left.type === 'AccessAttribute' &&
    expr.left.name === '_id' &&
    expr.left.base === undefined &&
    expr.right.type === 'Parameter' &&
    expr.right.name === PAGE_PARAM
  )
}

/** A query on one line, shortened for an error message. */
export function summarise(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim()
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat
}
