import type {ValidationClient} from '@sanity/validation'
import {evaluate, parse} from 'groq-js'
import {from, type Observable} from 'rxjs'

import type {StoredDocument} from '../document.ts'

/** A document as stored in a dataset. */
export type DatasetDocument = StoredDocument

/**
 * A stand-in for `@sanity/client` that answers GROQ from documents in memory, so the Studio's
 * own validation rules (unique slugs, custom rules that query) run offline, in tests and in
 * `pnpm validate`. Like the Content Lake, it sees drafts too: validators exclude them themselves.
 */
export function createDatasetClient(documents: readonly DatasetDocument[]): ValidationClient {
  const byId = new Map(documents.map((document) => [document._id, document]))
  const query = async (groq: string, params: Record<string, unknown> = {}) => {
    const tree = parse(groq, {params})
    const value = await evaluate(tree, {dataset: documents, params, dereference: ({_ref}) => byId.get(_ref)})
    return value.get()
  }
  const unsupported = (): Observable<never> => {
    throw new Error('The offline validation client answers GROQ queries only.')
  }
  const client = {
    fetch: (groq: string, params?: Record<string, unknown>) => query(groq, params),
    getDataUrl: (operation: string, path?: string) => `/data/${operation}/offline${path ? `/${path}` : ''}`,
    observable: {
      fetch: (groq: string, params?: Record<string, unknown>) => from(query(groq, params)),
      request: unsupported,
    },
    withConfig: () => client,
  }
  // The structural type names the full client's overloads; this object answers the subset validation uses.
  return client as unknown as ValidationClient
}

/** Answers "does this referenced document exist (published)?" from the same documents. */
export function createDocumentExists(documents: readonly DatasetDocument[]) {
  const ids = new Set(documents.map((document) => document._id))
  return async ({id}: {id: string}) => ids.has(id)
}
