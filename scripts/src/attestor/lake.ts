/**
 * The attestor's access to the Content Lake through `@sanity/client`, with a robot token that may
 * update `clinicalSignoff` documents. Reads and writes bypass the CDN.
 */

import type {SignoffRecord} from '@repo/schemas/review'
import {createClient, type SanityClient} from '@sanity/client'
import type {AttestorLake} from './attestor.ts'

/** The Content Lake API version the attestor pins. */
export const ATTESTOR_API_VERSION = '2025-02-19'

/** Settings of the project the attestor writes to. */
export interface LakeSettings {
  projectId: string
  dataset: string
  token: string
  /** Another API host (the local stand-in); unset for Sanity's. */
  apiHost?: string | undefined
}

export function attestorClient(settings: LakeSettings): SanityClient {
  return createClient({
    projectId: settings.projectId,
    dataset: settings.dataset,
    token: settings.token,
    apiVersion: ATTESTOR_API_VERSION,
    useCdn: false,
    perspective: 'raw',
    ...(settings.apiHost ? {apiHost: settings.apiHost, useProjectHostname: false} : {}),
  })
}

/** The lake operations the attestor needs, over a client. */
export function clientLake(client: SanityClient): AttestorLake {
  return {
    getDocument: async (id) =>
      ((await client.getDocument(id)) as (SignoffRecord & {_type?: string; _rev?: string}) | undefined) ?? null,
    setAttestation: async (id, rev, fields) => {
      await client.patch(id).ifRevisionId(rev).set(fields).commit({returnDocuments: false})
    },
  }
}

/**
 * Who created a document, from the Content Lake's transaction history (the author of its first
 * transaction), for re-running the attestor without the webhook's `identity()`. Undefined when the
 * history no longer reaches back that far (retention depends on the plan) or is not available.
 */
export async function creatorOf(client: SanityClient, dataset: string, id: string): Promise<string | undefined> {
  const body = await client.request<string>({
    uri: `/data/history/${dataset}/transactions/${encodeURIComponent(id)}`,
    query: {excludeContent: 'true', reverse: 'false', limit: '1'},
    json: false,
  })
  const first = String(body ?? '')
    .split('\n')
    .find((line) => line.trim() !== '')
  if (!first) return undefined
  const transaction = JSON.parse(first) as {author?: string}
  return transaction.author
}
