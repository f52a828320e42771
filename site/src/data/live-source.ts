import {createClient} from '@sanity/client'
import type {ContentSource, QueryParams, QueryResult} from './source-types.ts'

/** The API version every live query is pinned to, so a Content Lake change cannot alter results. */
export const API_VERSION = '2025-02-19'

/**
 * How hard a build tries before giving up on the Content Lake. A build that cannot get content
 * must fail with one clear message rather than publish a site built from partial answers.
 */
export interface RetryPolicy {
  /** Attempts per query, the first included. */
  maxAttempts: number
  /** One attempt is abandoned after this long (a hung connection counts as a failure). */
  requestTimeoutMs: number
  /** No retry starts once this much time has passed since the query's first attempt. */
  totalBudgetMs: number
  /** Backoff before retry n is `baseDelayMs · 2ⁿ`, capped at `maxDelayMs`, unless the server says otherwise. */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  requestTimeoutMs: 30_000,
  totalBudgetMs: 120_000,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
}

export interface LiveSourceOptions {
  projectId: string
  dataset: string
  /** A read token, for private datasets. Used at build time on the server only. */
  token?: string | undefined
  /** Where the Content Lake is; tests point this at a local server. */
  apiHost?: string | undefined
  retry?: Partial<RetryPolicy> | undefined
}

/** A query that could not be answered within the retry policy. Names the query and the last failure. */
export class LiveQueryError extends Error {
  override readonly name = 'LiveQueryError'
  readonly status: number | undefined
  readonly attempts: number
  constructor(message: string, status: number | undefined, attempts: number) {
    super(message)
    this.status = status
    this.attempts = attempts
  }
}

/** A content source over a live Sanity project, published perspective only. */
export function createLiveSource(options: LiveSourceOptions): ContentSource {
  const policy = {...DEFAULT_RETRY_POLICY, ...options.retry}
  const client = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: API_VERSION,
    // A build wants the freshest published content, not a cached edge copy.
    useCdn: false,
    perspective: 'published',
    // Retries are ours: the client's own ignore Retry-After, 500/504 and hung responses.
    maxRetries: 0,
    timeout: policy.requestTimeoutMs,
    ...(options.token ? {token: options.token} : {}),
    ...(options.apiHost ? {apiHost: options.apiHost, useProjectHostname: false} : {}),
  })
  const where = `${options.projectId}/${options.dataset}`

  return {
    async fetch<const Q extends string>(query: Q, params: QueryParams = {}): Promise<QueryResult<Q>> {
      const started = Date.now()
      for (let attempt = 1; ; attempt++) {
        let failure: Failure
        try {
          const body: unknown = await client.fetch(query, params, {filterResponse: false})
          // A body cut short or mangled on the way parses as nothing; never build from it.
          if (typeof body === 'object' && body !== null && 'result' in body) return body.result as QueryResult<Q>
          failure = {retryable: true, description: 'the response was not valid JSON'}
        } catch (error) {
          failure = classify(error)
        }
        const delay = failure.retryAfterMs ?? Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs)
        const outOfTime = Date.now() - started + delay > policy.totalBudgetMs
        if (!failure.retryable || attempt >= policy.maxAttempts || outOfTime) {
          throw new LiveQueryError(
            `Content Lake query to ${where} failed after ${attempt} attempt${attempt > 1 ? 's' : ''} ` +
              `(${Math.round((Date.now() - started) / 100) / 10} s): ${failure.description}.\n` +
              `Query: ${summarise(query)}`,
            failure.status,
            attempt,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    },
  }
}

interface Failure {
  retryable: boolean
  description: string
  status?: number
  retryAfterMs?: number
}

/** Sorts a failed attempt into "worth retrying" (rate limits, server trouble, network) or not. */
function classify(error: unknown): Failure {
  const err = error as {
    name?: string
    message?: string
    statusCode?: number
    response?: {headers?: Record<string, string>}
    cause?: {code?: string}
  }
  if (typeof err.statusCode === 'number') {
    const status = err.statusCode
    const retryAfterMs = parseRetryAfter(err.response?.headers?.['retry-after'])
    return {
      retryable: status === 429 || status >= 500,
      status,
      description: `HTTP ${status}${err.message ? ` (${err.message})` : ''}`,
      ...(retryAfterMs === undefined ? {} : {retryAfterMs}),
    }
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return {retryable: true, description: 'no response before the request timeout'}
  }
  if (err.name === 'TypeError' || err.cause?.code) {
    return {retryable: true, description: `the connection failed (${err.cause?.code ?? err.message})`}
  }
  return {retryable: false, description: err.message ?? String(error)}
}

/** `Retry-After` in seconds or as an HTTP date, capped so a hostile header cannot stall a build. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : undefined
}

function summarise(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim()
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat
}
