/**
 * The stand-in's documents: held in memory, changed only through transactions that either apply
 * whole or not at all, each giving every document it touches a new revision (`_rev` = the
 * transaction ID, as the Content Lake does) and one mutation event per document for listeners.
 */
import {randomBytes} from 'node:crypto'
import {isDeepStrictEqual} from 'node:util'
import {Mutation} from '@sanity/mutator'

/** A stored document: `_id` and `_type` always, system fields set by the store. */
export interface StoredDocument {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

/** A patch as the mutate and actions APIs take it. */
export interface PatchBody {
  id?: string
  ifRevisionID?: string
  query?: string
  [operation: string]: unknown
}

/** One mutation of the mutate API. */
export type MutationBody =
  | {create: Partial<StoredDocument>}
  | {createIfNotExists: StoredDocument}
  | {createOrReplace: StoredDocument}
  | {delete: {id: string; query?: string}}
  | {patch: PatchBody}

/**
 * An error the API answers with: the HTTP status and the JSON body the Content Lake sends
 * (`{error: {type, description, items}}`), so the Studio's own error handling runs.
 */
export class StandInError extends Error {
  readonly status: number
  readonly body: {error: Record<string, unknown>}
  constructor(status: number, type: string, description: string, items?: unknown[]) {
    super(description)
    this.status = status
    this.body = {error: {type, description, ...(items ? {items} : {})}}
  }
}

/** A mutation failed on one document: 409 for conflicts, 404 for a missing document. */
function documentError(status: 404 | 409, itemType: string, id: string, description: string, type = 'mutationError') {
  return new StandInError(status, type, `The mutation(s) failed: ${description}`, [
    {error: {type: itemType, id, description}, index: 0},
  ])
}

export const notFound = (id: string, type?: string) =>
  documentError(404, 'documentNotFoundError', id, `Document "${id}" not found`, type)
export const alreadyExists = (id: string, type?: string) =>
  documentError(409, 'documentAlreadyExistsError', id, `Document by ID "${id}" already exists`, type)
export const revisionMismatch = (id: string, expected: string, actual: string | undefined, type?: string) =>
  documentError(
    409,
    'documentRevisionMismatchError',
    id,
    `Document "${id}" has unexpected revision ID ("${actual ?? ''}"), expected "${expected}"`,
    type,
  )

/** What one transaction did to one document, as a listener sees it. */
export interface DocumentChange {
  transactionId: string
  documentId: string
  identity: string
  timestamp: string
  previousRev: string | undefined
  resultRev: string
  transition: 'appear' | 'update' | 'disappear'
  before: StoredDocument | null
  after: StoredDocument | null
  /** The mutations of the transaction that name this document. */
  mutations: MutationBody[]
  transactionTotalEvents: number
  transactionCurrentEvent: number
}

/** The result of one committed transaction. */
export interface Committed {
  transactionId: string
  results: {id: string; operation: 'create' | 'update' | 'delete' | 'none'}[]
  changes: DocumentChange[]
}

/** A random ID in the Content Lake's style (letters and digits). */
export function randomId(length = 22): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('')
}

/**
 * The working copy of one transaction: reads see its own writes; nothing reaches the store
 * until {@link DocumentStore.transact} commits it.
 */
export class Transaction {
  readonly #base: ReadonlyMap<string, StoredDocument>
  readonly #overlay = new Map<string, StoredDocument | null>()
  readonly #mutations = new Map<string, MutationBody[]>()
  readonly results: Committed['results'] = []
  /** The error type items carry (`mutationError` for /mutate, `actionError` for /actions). */
  readonly errorType: string

  constructor(base: ReadonlyMap<string, StoredDocument>, errorType: string) {
    this.#base = base
    this.errorType = errorType
  }

  /** The document as this transaction sees it, or null. */
  get(id: string): StoredDocument | null {
    return this.#overlay.has(id) ? (this.#overlay.get(id) ?? null) : (this.#base.get(id) ?? null)
  }

  /** Applies one mutation of the mutate API. */
  apply(mutation: MutationBody): void {
    if ('create' in mutation) {
      const id = mutation.create._id || newId(mutation.create._id)
      if (this.get(id)) throw alreadyExists(id, this.errorType)
      this.#write(id, {...mutation.create, _id: id} as StoredDocument, mutation, 'create')
    } else if ('createIfNotExists' in mutation) {
      const id = requireId(mutation.createIfNotExists._id)
      if (this.get(id)) this.results.push({id, operation: 'none'})
      else this.#write(id, mutation.createIfNotExists, mutation, 'create')
    } else if ('createOrReplace' in mutation) {
      const id = requireId(mutation.createOrReplace._id)
      this.#write(id, mutation.createOrReplace, mutation, this.get(id) ? 'update' : 'create')
    } else if ('delete' in mutation) {
      if (mutation.delete.query) throw unsupported('delete by query')
      const id = requireId(mutation.delete.id)
      this.#write(id, null, mutation, 'delete')
    } else if ('patch' in mutation) {
      const {patch} = mutation
      if (patch.query) throw unsupported('patch by query')
      const id = requireId(patch.id)
      const current = this.get(id)
      if (!current) throw notFound(id, this.errorType)
      if (patch.ifRevisionID && patch.ifRevisionID !== current._rev) {
        throw revisionMismatch(id, patch.ifRevisionID, current._rev, this.errorType)
      }
      const patched = new Mutation({mutations: [{patch: {...patch, id}}]}).apply(structuredClone(current))
      if (!patched) throw notFound(id, this.errorType)
      this.#write(id, patched as StoredDocument, mutation, 'update')
    } else {
      throw new StandInError(400, 'validationError', `Unsupported mutation: ${JSON.stringify(mutation).slice(0, 200)}`)
    }
  }

  /** Puts a whole document (or removes it: `null`), recording the mutation that did it. */
  put(id: string, document: StoredDocument | null): void {
    const mutation: MutationBody = document ? {createOrReplace: document} : {delete: {id}}
    this.#write(id, document, mutation, document ? (this.get(id) ? 'update' : 'create') : 'delete')
  }

  #write(
    id: string,
    document: StoredDocument | null,
    mutation: MutationBody,
    operation: Committed['results'][number]['operation'],
  ): void {
    if (document && typeof document._type !== 'string') {
      throw new StandInError(400, 'mutationError', `The mutation(s) failed: Document "${id}" does not have a type`)
    }
    this.#overlay.set(id, document ? structuredClone({...document, _id: id}) : null)
    this.#mutations.set(id, [...(this.#mutations.get(id) ?? []), mutation])
    this.results.push({id, operation})
  }

  /** The documents this transaction changed: ID, before and after. */
  changed(): {id: string; before: StoredDocument | null; after: StoredDocument | null; mutations: MutationBody[]}[] {
    return [...this.#overlay].map(([id, after]) => ({
      id,
      before: this.#base.get(id) ?? null,
      after,
      mutations: this.#mutations.get(id) ?? [],
    }))
  }
}

function requireId(id: string | undefined): string {
  if (!id) throw new StandInError(400, 'validationError', 'The mutation(s) failed: Document ID is required')
  return id
}

/** `create` without `_id` gets a random one; `drafts.` as the whole ID asks for a random draft. */
function newId(id: string | undefined): string {
  return id?.endsWith('.') ? `${id}${randomId()}` : randomId()
}

function unsupported(what: string): StandInError {
  return new StandInError(400, 'validationError', `The local Content Lake stand-in does not support ${what}`)
}

/** A listener for committed changes. */
export type ChangeListener = (changes: readonly DocumentChange[]) => void

/** All documents of one dataset, in memory. */
export class DocumentStore {
  readonly #documents = new Map<string, StoredDocument>()
  readonly #listeners = new Set<ChangeListener>()

  constructor(documents: readonly StoredDocument[], now = new Date()) {
    const loadedRev = randomId()
    for (const document of documents) {
      if (typeof document._id !== 'string' || typeof document._type !== 'string') {
        throw new Error(`A document without _id or _type cannot be loaded: ${JSON.stringify(document).slice(0, 120)}`)
      }
      if (this.#documents.has(document._id)) throw new Error(`Duplicate document _id "${document._id}"`)
      this.#documents.set(document._id, {
        _createdAt: now.toISOString(),
        _updatedAt: now.toISOString(),
        ...structuredClone(document),
        _rev: document._rev ?? loadedRev,
      })
    }
  }

  /** One document (a copy), or null. */
  get(id: string): StoredDocument | null {
    const document = this.#documents.get(id)
    return document ? structuredClone(document) : null
  }

  /** Every document, as stored (do not modify). */
  all(): StoredDocument[] {
    return [...this.#documents.values()]
  }

  /** Calls `listener` with every committed transaction's changes until the returned function is called. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Runs `work` on a transaction and commits it if it returns; if it throws, nothing changes.
   * Documents whose content did not change keep their revision and produce no event.
   */
  transact(
    identity: string,
    work: (transaction: Transaction) => void,
    options: {transactionId?: string | undefined; errorType?: string; dryRun?: boolean} = {},
  ): Committed {
    const transaction = new Transaction(this.#documents, options.errorType ?? 'mutationError')
    work(transaction)
    const transactionId = options.transactionId || randomId()
    const timestamp = new Date().toISOString()
    const changed = transaction.changed().filter(({before, after}) => !sameContent(before, after))
    const changes: DocumentChange[] = changed.map(({id, before, after, mutations}, index) => ({
      transactionId,
      documentId: id,
      identity,
      timestamp,
      previousRev: before?._rev,
      resultRev: transactionId,
      transition: before && after ? 'update' : after ? 'appear' : 'disappear',
      before,
      after: after
        ? {
            ...after,
            _createdAt: before?._createdAt ?? after._createdAt ?? timestamp,
            _updatedAt: timestamp,
            _rev: transactionId,
          }
        : null,
      mutations,
      transactionTotalEvents: changed.length,
      transactionCurrentEvent: index + 1,
    }))
    if (options.dryRun) return {transactionId, results: transaction.results, changes: []}
    for (const change of changes) {
      if (change.after) this.#documents.set(change.documentId, change.after)
      else this.#documents.delete(change.documentId)
    }
    if (changes.length > 0) for (const listener of this.#listeners) listener(changes)
    return {transactionId, results: transaction.results, changes}
  }
}

/** Whether two versions of a document hold the same content (system fields aside). */
function sameContent(a: StoredDocument | null, b: StoredDocument | null): boolean {
  if (!a || !b) return a === b
  const strip = ({_rev, _updatedAt, _createdAt, ...rest}: StoredDocument) => rest
  return isDeepStrictEqual(strip(a), strip(b))
}
