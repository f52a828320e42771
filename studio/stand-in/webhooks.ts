/**
 * Sanity's GROQ-powered webhooks, as far as the stand-in needs them: on the creation of a document
 * of a given type, POST the document projected with the creator's identity (`identity()` in the
 * projection the README documents), signed with `@sanity/webhook` and the webhook's secret.
 * Delivered after the transaction commits, one attempt each, and recorded for tests.
 */
import {encodeSignatureHeader, SIGNATURE_HEADER_NAME} from '@sanity/webhook'
import type {DocumentChange, DocumentStore, StoredDocument} from './documents.ts'

/** One webhook: what triggers it and where it goes. */
export interface StandInWebhook {
  /** Where to POST, e.g. the attestor's `http://127.0.0.1:<port>/signoff`. */
  url: string
  secret: string
  /** Document types whose creation (of a published document) triggers it. */
  types: readonly string[]
  /** The body sent; by default the document with `createdBy: identity()`, as the README's projection. */
  projection?: (document: StoredDocument, identity: string) => unknown
}

/** One delivery, as the tests read it. */
export interface WebhookDelivery {
  url: string
  documentId: string
  status: number | 'failed'
}

const defaultProjection = (document: StoredDocument, identity: string) => ({...document, createdBy: identity})

/** Calls each webhook on the creations it is for; returns a function that stops and waits for deliveries in flight. */
export function deliverWebhooks(
  store: DocumentStore,
  webhooks: readonly StandInWebhook[],
  deliveries: WebhookDelivery[],
): () => Promise<void> {
  const inFlight = new Set<Promise<void>>()
  const deliver = async (webhook: StandInWebhook, change: DocumentChange & {after: StoredDocument}) => {
    const body = JSON.stringify((webhook.projection ?? defaultProjection)(change.after, change.identity))
    const signature = await encodeSignatureHeader(body, Date.now(), webhook.secret)
    const status = await fetch(webhook.url, {
      method: 'POST',
      headers: {'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: signature},
      body,
      signal: AbortSignal.timeout(10_000),
    }).then(
      async (response) => {
        await response.body?.cancel()
        return response.status
      },
      () => 'failed' as const,
    )
    deliveries.push({url: webhook.url, documentId: change.documentId, status})
  }
  const unsubscribe = store.subscribe((changes) => {
    for (const change of changes) {
      if (change.transition !== 'appear' || !change.after || change.documentId.includes('.')) continue
      const created = change as DocumentChange & {after: StoredDocument}
      for (const webhook of webhooks) {
        if (!webhook.types.includes(created.after._type)) continue
        const delivery = deliver(webhook, created)
        inFlight.add(delivery)
        void delivery.finally(() => inFlight.delete(delivery))
      }
    }
  })
  return async () => {
    unsubscribe()
    await Promise.allSettled([...inFlight])
  }
}
