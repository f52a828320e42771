import {createClient} from '@sanity/client'
import {inFinalOrder, PAGE_PARAM, type PagedQuery, requirePagedQuery, summarise} from './paging.ts'
import {API_VERSION, type ContentSource, type Perspective, type QueryParams, type QueryResult} from './source-types.ts'

/**
 * How hard a build tries before giving up on the Content Lake. A build that cannot get content
 * must fail with one clear message rather than publish a site built from partial answers.
 */
export interface RetryPolicy {
  /** Attempts per request (per page, for a paged query), the first included. */
  maxAttempts: number
  /** One attempt is abandoned after this long (a hung connection counts as a failure). */
  requestTimeoutMs: number
  /** No retry starts once this much time has passed since the request's (the page's) first attempt. */
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
  /** `published` (the static site) or `drafts` (previews; needs a token that can read drafts). */
  perspective?: Perspective | undefined
  /** A read token, for private datasets and drafts. Used on the server only. */
  token?: string | undefined
  /** Where the Content Lake is; tests point this at a local server. */
  apiHost?: string | undefined
  retry?: Partial<RetryPolicy> | undefined
}

/**
 * A query, or one page of a paged query, that could not be answered within the retry policy.
 * Names the query, the page and the last failure.
 */
export class LiveQueryError extends Error {
  override readonly name = 'LiveQueryError'
  readonly status: number | undefined
  readonly attempts: number
  /** The `lastId` of the page that failed, for a paged query read whole; undefined otherwise. */
  readonly lastId: string | undefined
  constructor(message: string, status: number | undefined, attempts: number, lastId?: string) {
    super(message)
    this.status = status
    this.attempts = attempts
    this.lastId = lastId
  }
}

/**
 * A content source over a live Sanity project, with one perspective (published by default). A
 * paged query read whole costs one request per page (see `paging.ts`).
 */
export function createLiveSource(options: LiveSourceOptions): ContentSource {
  const policy = {...DEFAULT_RETRY_POLICY, ...options.retry}
  const perspective = options.perspective ?? 'published'
  const client = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: API_VERSION,
    // A build wants the freshest published content, not a cached edge copy.
    useCdn: false,
    perspective,
    // Retries are ours: the client's own ignore Retry-After, 500/504 and hung responses.
    maxRetries: 0,
    timeout: policy.requestTimeoutMs,
    ...(options.token ? {token: options.token} : {}),
    ...(options.apiHost ? {apiHost: options.apiHost, useProjectHostname: false} : {}),
  })
  const where = `${options.projectId}/${options.dataset}`

  /** One request's answer, retried under the policy; `page` says which page, for the error. */
  async function request(query: string, params: QueryParams, page?: string): Promise<unknown> {
    const started = Date.now()
    for (let attempt = 1; ; attempt++) {
      let failure: Failure
      try {
        const body: unknown = await client.fetch(query, params, {filterResponse: false})
        // A body cut short or mangled on the way parses as nothing; never build from it.
        if (typeof body === 'object' && body !== null && 'result' in body) return body.result
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
            `Query: ${summarise(query)}${page === undefined ? '' : `\nPage: ${pageLabel(page)}`}`,
          failure.status,
          attempt,
          page,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }

  /** Every page of a paged query, each its own request with its own retries, in the final order. */
  async function everyPage(query: string, params: QueryParams, paging: PagedQuery): Promise<unknown[]> {
    const rows: unknown[] = []
    let lastId = ''
    for (;;) {
      const page = await request(query, {...params, [PAGE_PARAM]: lastId}, lastId)
      const unusable = (why: string) =>
        new LiveQueryError(
          `Content Lake query to ${where} answered a page ${why}.\n` +
            `Query: ${summarise(query)}\nPage: ${pageLabel(lastId)}`,
          undefined,
          1,
          lastId,
        )
      if (!Array.isArray(page)) throw unusable('with something other than a list')
      rows.push(...page)
      if (page.length < paging.pageSize) break
      const next = greatestId(page)
      // A page that does not move past `lastId` would be asked for again forever.
      if (next === undefined || next <= lastId) {
        throw unusable(`without an \`_id\` after "${lastId}", so the next page cannot be asked for`)
      }
      lastId = next
    }
    return inFinalOrder(rows, paging.order)
  }

  return {
    perspective,
    async fetch<const Q extends string>(query: Q, params: QueryParams = {}): Promise<QueryResult<Q>> {
      return (await request(query, params)) as QueryResult<Q>
    },
    async fetchAll<const Q extends string>(query: Q, params: QueryParams = {}): Promise<QueryResult<Q>> {
      return (await everyPage(query, params, requirePagedQuery(query))) as QueryResult<Q>
    },
  }
}

function pageLabel(lastId: string): string {
  return lastId === '' ? 'the first' : `after _id "${lastId}"`
}

/** The greatest `_id` among a page's rows: the page's end, whatever order the rows come in. */
function greatestId(rows: unknown[]): string | undefined {
  let greatest: string | undefined
  for (const row of rows) {
    const id = typeof row === 'object' && row !== null && '_id' in row ? row._id : undefined
    if (typeof id !== 'string') return undefined
    if (greatest === undefined || id > greatest) greatest = id
  }
  return greatest
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
