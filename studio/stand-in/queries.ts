/**
 * GROQ over the stand-in's documents with groq-js, through the perspectives the Studio and the
 * site ask for. groq-js has no perspectives, so they are applied to the dataset first.
 */
import {evaluate, parse} from 'groq-js'
import {StandInError, type StoredDocument} from './documents.ts'

/** The perspectives the stand-in answers; release stacks (`rXYZ,drafts`) read as `drafts`. */
export type Perspective = 'raw' | 'published' | 'drafts'

/** The perspective a request names, with the API's default for its version when it names none. */
export function perspectiveOf(requested: string | null, apiVersion: string): Perspective {
  if (!requested) return apiVersion >= '2025-02-19' ? 'published' : 'raw'
  if (requested === 'raw' || requested === 'published') return requested
  // `previewDrafts`, `drafts` and release stacks ending in `drafts`.
  return 'drafts'
}

const isDraft = (id: string) => id.startsWith('drafts.')
const isVersion = (id: string) => id.startsWith('versions.')

/** The documents a perspective sees: drafts overlay published under the published ID. */
export function documentsFor(perspective: Perspective, documents: readonly StoredDocument[]): StoredDocument[] {
  if (perspective === 'raw') return [...documents]
  const published = documents.filter((document) => !isDraft(document._id) && !isVersion(document._id))
  if (perspective === 'published') return published
  const byId = new Map(published.map((document) => [document._id, {...document, _originalId: document._id}]))
  for (const document of documents) {
    if (!isDraft(document._id)) continue
    const id = document._id.slice('drafts.'.length)
    byId.set(id, {...document, _id: id, _originalId: document._id})
  }
  return [...byId.values()]
}

/** Evaluates a query; a syntax error is the API's 400 `queryParseError`. */
export async function runQuery(
  query: string,
  params: Record<string, unknown>,
  dataset: readonly StoredDocument[],
  identity: string | undefined,
): Promise<unknown> {
  let tree: ReturnType<typeof parse>
  try {
    tree = parse(withoutTextQuery(query, params), {params})
  } catch (error) {
    throw new StandInError(400, 'queryParseError', error instanceof Error ? error.message : String(error))
  }
  const value = await evaluate(tree, {dataset, params, ...(identity ? {identity} : {})})
  return value.get()
}

/**
 * groq-js does not implement `text::query()`, which the Studio's lists and search wrap around
 * the search text; `x match text::query($q)` becomes `x match $q`, GROQ's plain term match, and
 * an empty search (which matches everything) becomes `x match "*"`.
 */
function withoutTextQuery(query: string, params: Record<string, unknown>): string {
  return query
    .replace(/text::query\(\s*\$(\w+)\s*\)/g, (_, name: string) => {
      const value = params[name]
      return typeof value === 'string' && value.trim() === '' ? '"*"' : `$${name}`
    })
    .replaceAll('text::query(', '(')
}

/** Whether a document matches a listener's query (`*[filter]`), judged on that document alone. */
export async function matchesListenQuery(
  query: string,
  params: Record<string, unknown>,
  document: StoredDocument,
  identity: string | undefined,
): Promise<boolean> {
  const result = await runQuery(query, params, [document], identity)
  return Array.isArray(result) ? result.length > 0 : Boolean(result)
}
