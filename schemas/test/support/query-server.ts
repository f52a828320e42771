import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {performance} from 'node:perf_hooks'
import {GroqSyntaxError} from 'groq-js'
import type {StoredDocument} from '../../src/content/dataset.ts'
import {createLocalSource} from '../../src/content/local-source.ts'
import {API_VERSION, type QueryParams} from '../../src/content/source-types.ts'

export interface QueryServerOptions {
  /** The dataset, as exported: drafts and release versions included, hidden by the evaluation. */
  documents: readonly StoredDocument[]
  /** The only API version answered, with or without a leading `v`; the live source's by default. */
  apiVersion?: string
  /** The only dataset name answered; `production` by default. */
  dataset?: string
  /**
   * Tokens that may read drafts (`perspective=drafts` or `raw`), as a Viewer token can. Without
   * one of them, such a request is refused; `published` needs none.
   */
  draftTokens?: readonly string[]
}

/** One query as the server received it. */
export interface RecordedQuery {
  method: 'GET' | 'POST'
  dataset: string
  query: string
  params: QueryParams
  /** The `perspective` query-string value, or null when the request named none. */
  perspective: string | null
  /** The bearer token from `Authorization`, or null for an anonymous request. */
  token: string | null
}

export interface QueryServer {
  /** What `@sanity/client` takes as `apiHost` (with `useProjectHostname: false`). */
  apiHost: string
  /** Every query request, in arrival order, including those answered with an error. */
  requests: RecordedQuery[]
  close(): Promise<void>
}

/**
 * Starts an HTTP server on 127.0.0.1 (free port) that answers Sanity's query endpoint the way
 * `@sanity/client` 8 calls it:
 *
 * - `GET /v{apiVersion}/data/query/{dataset}?query=…&$name=<JSON>&returnQuery=false&perspective=published`
 * - `POST` of the same path once the encoded query and parameters reach 11,264 characters, with
 *   the JSON body `{query, params}` and only the options (`perspective`, `returnQuery`, …) in the
 *   query string.
 *
 * Results come from the project's own `createLocalSource`, so drafts are hidden as the published
 * perspective hides them; the reply is `{query, result, ms}`, without `query` when the request says
 * `returnQuery=false`, as the Content Lake replies. A request must name its perspective
 * (`published`; `drafts` or `raw` with a token from `draftTokens`): the site must never depend on
 * a default that changes with the API version.
 */
export async function startQueryServer(options: QueryServerOptions): Promise<QueryServer> {
  const apiVersion = (options.apiVersion ?? API_VERSION).replace(/^v/, '')
  const datasetName = options.dataset ?? 'production'
  const sources = {
    published: createLocalSource(options.documents, 'published'),
    drafts: createLocalSource(options.documents, 'drafts'),
    raw: createLocalSource(options.documents, 'raw'),
  }
  const requests: RecordedQuery[] = []

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const route = /^\/v([^/]+)\/data\/query\/([^/]+)$/.exec(url.pathname)
    if (!route || route[1] !== apiVersion) {
      return reply(response, 404, {error: 'Not Found', message: `No route for ${request.method} ${url.pathname}`})
    }
    const dataset = decodeURIComponent(route[2] ?? '')
    if (request.method !== 'GET' && request.method !== 'POST') {
      response.setHeader('allow', 'GET, POST')
      return reply(response, 405, queryError('httpMethodNotAllowed', `Method ${request.method} not allowed`))
    }

    let query: string
    let params: QueryParams
    try {
      ;({query, params} =
        request.method === 'GET' ? queryFromSearch(url.searchParams) : queryFromBody(await readBody(request)))
    } catch (error) {
      return reply(response, 400, queryError('httpBadRequest', (error as Error).message))
    }
    const perspective = url.searchParams.get('perspective')
    requests.push({
      method: request.method,
      dataset,
      query,
      params,
      perspective,
      token: /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null,
    })

    if (dataset !== datasetName) {
      return reply(response, 404, queryError('httpNotFound', `Dataset "${dataset}" not found`))
    }
    if (perspective !== 'published' && perspective !== 'drafts' && perspective !== 'raw') {
      return reply(
        response,
        400,
        queryError(
          'httpBadRequest',
          `This test server serves perspective published, drafts or raw, not ${perspective}`,
        ),
      )
    }
    const token = requests.at(-1)?.token
    if (perspective !== 'published' && !(token && options.draftTokens?.includes(token))) {
      return reply(
        response,
        401,
        queryError('httpUnauthorized', `perspective=${perspective} needs a token that can read drafts`),
      )
    }
    const source = sources[perspective]

    const started = performance.now()
    let result: unknown
    try {
      result = await source.fetch(query, params)
    } catch (error) {
      if (error instanceof GroqSyntaxError) {
        return reply(response, 400, {
          error: {
            description: error.message,
            query,
            start: error.position,
            end: error.position + 1,
            type: 'queryParseError',
          },
        })
      }
      return reply(response, 400, queryError('queryExecutionError', (error as Error).message))
    }
    const ms = Math.round(performance.now() - started)
    const returnQuery = url.searchParams.get('returnQuery') !== 'false'
    return reply(response, 200, returnQuery ? {query, result, ms} : {result, ms})
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      reply(response, 500, queryError('internalError', String(error)))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    apiHost: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // The client keeps connections alive; idle ones would hold `close` open.
        server.closeIdleConnections()
      }),
  }
}

/** Reads a GET request: `query`, and each `$name` as a JSON-encoded parameter. */
function queryFromSearch(search: URLSearchParams): {query: string; params: QueryParams} {
  const query = search.get('query')
  if (query === null) throw new Error('Missing `query` in the query string')
  const params: QueryParams = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw new Error(`Parameter "${key}" is not valid JSON: ${value}`)
    }
  }
  return {query, params}
}

/** Reads a POST request's JSON body `{query, params}`. */
function queryFromBody(body: string): {query: string; params: QueryParams} {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new Error('The request body is not valid JSON')
  }
  const {query, params = {}} = (parsed ?? {}) as {query?: unknown; params?: unknown}
  if (typeof query !== 'string') throw new Error('Missing `query` in the request body')
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new Error('`params` in the request body must be an object')
  }
  return {query, params: params as QueryParams}
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function queryError(type: string, description: string) {
  return {error: {description, type}}
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  })
  response.end(json)
}
