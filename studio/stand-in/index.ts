/**
 * A local stand-in for Sanity's Content Lake and project APIs, for the end-to-end tests and
 * `pnpm studio:demo`: test support and demo infrastructure, never a product backend. Documents
 * live in memory, loaded from a dataset file, and are lost when it stops.
 *
 * ```ts
 * import {startStandIn, DEMO_USERS} from '@repo/studio/stand-in'
 * const lake = await startStandIn({datasetFile: 'site/content/dataset.ndjson', users: DEMO_USERS})
 * // The Studio: SANITY_STUDIO_API_HOST=lake.apiHost; the site: SANITY_API_HOST=lake.apiHost
 * ```
 */
import {readFileSync} from 'node:fs'
import {DocumentStore, type StoredDocument} from './documents.ts'
import {type RecordedRequest, startServer} from './server.ts'
import {type AuthenticatedUser, newToken, type StandInUser} from './users.ts'
import {deliverWebhooks, type StandInWebhook, type WebhookDelivery} from './webhooks.ts'

export {buildStudio, type StudioBuildOptions} from './build-studio.ts'
export type {DocumentChange, StoredDocument} from './documents.ts'
export {
  PREVIEW_VIEWER,
  type PreviewServerOptions,
  type RunningPreviewServer,
  startPreviewServer,
} from './preview-server.ts'
export type {RecordedRequest} from './server.ts'
export {type AuthenticatedUser, DEMO_USERS, type StandInUser} from './users.ts'
export type {StandInWebhook, WebhookDelivery} from './webhooks.ts'

export interface StandInOptions {
  /** An NDJSON dataset (one document a line, as `sanity dataset export` writes). */
  datasetFile?: string
  /** Documents to load instead of (or after) the file's. */
  documents?: readonly StoredDocument[]
  users: readonly StandInUser[]
  /** The dataset name the API answers for; `production` by default. */
  dataset?: string
  /** The project name the Studio shows. */
  projectName?: string
  /** 0 (default) picks a free port. */
  port?: number
  /** API requests answered before the stand-in refuses with 429; 20,000 by default. */
  maxRequests?: number
  /** Webhooks called on document creation, as Sanity's GROQ-powered webhooks (e.g. the attestor). */
  webhooks?: readonly StandInWebhook[]
}

export interface StandIn {
  port: number
  /** `http://localhost:<port>`: the `apiHost` for the Studio and for `@sanity/client`. */
  apiHost: string
  /** Where the Studio is served once {@link StandIn.serveStudio} was called. */
  studioUrl: string
  dataset: string
  /** The users with their tokens. */
  users: readonly AuthenticatedUser[]
  /** A user by ID (throws if unknown). */
  user(id: string): AuthenticatedUser
  /** A stored document (a copy), or null. */
  document(id: string): StoredDocument | null
  /** Every API request so far, in order. */
  requests: readonly RecordedRequest[]
  /** API requests the stand-in does not implement (answered 404), for finding gaps. */
  unanswered: readonly string[]
  serveStudio(directory: string): void
  /** Every webhook delivery made so far, in order. */
  webhookDeliveries: readonly WebhookDelivery[]
  close(): Promise<void>
}

/** Reads an NDJSON dataset; a malformed line names the file and line. */
export function readNdjson(file: string): StoredDocument[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (!line.trim()) return []
      try {
        return [JSON.parse(line) as StoredDocument]
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`)
      }
    })
}

/**
 * Checks that each user with `signsAs` names a reviewer profile in the dataset. Whether they may
 * sign as it is the repository's signers file (`schemas/review-signers.json`), never the content.
 */
function checkSigners(documents: StoredDocument[], users: readonly StandInUser[]): StoredDocument[] {
  for (const user of users) {
    if (!user.signsAs) continue
    if (!documents.some((document) => document._id === user.signsAs && document._type === 'clinicalReviewer')) {
      throw new Error(`No clinicalReviewer "${user.signsAs}" in the dataset for ${user.id} to sign as`)
    }
  }
  return documents
}

/** Starts the stand-in on 127.0.0.1. */
export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const loaded = [...(options.datasetFile ? readNdjson(options.datasetFile) : []), ...(options.documents ?? [])]
  const users = options.users.map((user) => ({...user, token: user.token ?? newToken()}))
  const store = new DocumentStore(checkSigners(loaded, users))
  const dataset = options.dataset ?? 'production'
  const server = await startServer({
    store,
    users,
    dataset,
    projectId: 'any',
    port: options.port ?? 0,
    projectName: options.projectName ?? 'Local stand-in',
    maxRequests: options.maxRequests ?? 20_000,
  })
  const webhookDeliveries: WebhookDelivery[] = []
  const stopWebhooks = deliverWebhooks(store, options.webhooks ?? [], webhookDeliveries)
  return {
    port: server.port,
    apiHost: `http://localhost:${server.port}`,
    studioUrl: `http://localhost:${server.port}/`,
    dataset,
    users,
    user(id) {
      const user = users.find((candidate) => candidate.id === id)
      if (!user) throw new Error(`No stand-in user "${id}"`)
      return user
    },
    document: (id) => store.get(id),
    requests: server.requests,
    unanswered: server.unanswered,
    serveStudio: server.serveStudio,
    webhookDeliveries,
    close: async () => {
      await stopWebhooks()
      await server.close()
    },
  }
}
