/**
 * The HTTP side of the stand-in: the Content Lake and project API paths the Studio and the site
 * call, on 127.0.0.1, plus (optionally) the built Studio itself on the same port. Every API path
 * is `/v<version>/…`; the Studio's own routes never start that way, so one port serves both.
 */
import {randomUUID} from 'node:crypto'
import {readFile, stat} from 'node:fs/promises'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {extname, join, resolve, sep} from 'node:path'
import {type ActionBody, applyAction} from './actions.ts'
import {
  type DocumentChange,
  type DocumentStore,
  type MutationBody,
  StandInError,
  type StoredDocument,
} from './documents.ts'
import {documentsFor, matchesListenQuery, perspectiveOf, runQuery} from './queries.ts'
import {
  type AuthenticatedUser,
  datasetGrants,
  memberResource,
  projectGrants,
  type StandInUser,
  userResource,
} from './users.ts'

/** One request the stand-in received, for tests to inspect. */
export interface RecordedRequest {
  method: string
  /** The path after the API version, e.g. `data/query/production`, or the Studio path. */
  path: string
  status: number
  user: string | undefined
}

export interface ServerOptions {
  store: DocumentStore
  users: readonly AuthenticatedUser[]
  projectId: string
  dataset: string
  port: number
  /** Label shown as the project name, e.g. to say the data is a demo. */
  projectName: string
  /** At most this many API requests are answered; later ones get 429 (a runaway client fails fast). */
  maxRequests: number
}

/** Largest request body accepted (the real API allows more; the Studio sends far less). */
const MAX_BODY_BYTES = 8 * 1024 * 1024
/** How long a listener may stay open before the stand-in closes it (the client reconnects). */
const LISTENER_LIFETIME_MS = 10 * 60 * 1000
const HEARTBEAT_MS = 15_000
/**
 * Listeners for features the stand-in does not implement, by their `tag`. Over plain HTTP/1.1 a
 * browser opens at most six connections to a host (Sanity's API speaks HTTP/2), and every open
 * listener holds one, so these are closed right after `welcome`.
 */
const UNSUPPORTED_LISTENERS = /\.(releases\.listen|tasks-store|comments-store)$/
/**
 * More listeners closed after `welcome`, for the same reason, by their query: Canvas links (not
 * implemented), and the Presentation tool's whole-dataset listener, which feeds live loaders in
 * a front end (the preview server reloads its page instead, so nothing reads it).
 */
const UNSUPPORTED_LISTEN_QUERIES = ['"sanity.canvas.link"', '!(_id in path("_.**"))']

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

export interface RunningServer {
  port: number
  requests: RecordedRequest[]
  /** API paths the stand-in does not implement, as they were asked for (answered 404). */
  unanswered: string[]
  /** Serves a built Studio (`sanity build` output) at `/` from now on. */
  serveStudio(directory: string): void
  close(): Promise<void>
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const {store, users, dataset} = options
  const requests: RecordedRequest[] = []
  const unanswered: string[] = []
  const sessions = new Map<string, AuthenticatedUser>()
  const openListeners = new Set<ServerResponse>()
  /**
   * The transactions of sign-offs, with their authors: what `pnpm attestor:pending` reads to learn
   * who created one. Kept for `clinicalSignoff` documents only, so the Studio's timeline of every
   * other document stays as empty as before.
   */
  const signoffHistory = new Map<string, {id: string; timestamp: string; author: string; documentIDs: string[]}[]>()
  store.subscribe((changes) => {
    for (const change of changes) {
      if ((change.after ?? change.before)?._type !== 'clinicalSignoff') continue
      const entry = {
        id: change.transactionId,
        timestamp: change.timestamp,
        author: change.identity,
        documentIDs: [change.documentId],
      }
      signoffHistory.set(change.documentId, [...(signoffHistory.get(change.documentId) ?? []), entry])
    }
  })
  let studioDirectory: string | undefined
  let apiRequests = 0

  const userByToken = (request: IncomingMessage): AuthenticatedUser | undefined => {
    const header = request.headers.authorization ?? ''
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]
    return token ? users.find((user) => user.token === token) : undefined
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (!allowCors(request, response)) return send(response, 403, {error: 'Origin not allowed'})
    if (request.method === 'OPTIONS') {
      response.writeHead(204)
      return response.end()
    }
    const api = /^\/v(?:\d[\w-]*|X)\/(.*)$/.exec(url.pathname)
    if (!api) {
      void serveStatic(url.pathname, response)
      return
    }
    const path = api[1] ?? ''
    const version = url.pathname.split('/')[1]?.slice(1) ?? '1'
    const user = userByToken(request)
    apiRequests++
    const record: RecordedRequest = {method: request.method ?? 'GET', path, status: 200, user: user?.id}
    requests.push(record)
    response.on('finish', () => {
      record.status = response.statusCode
    })
    if (apiRequests > options.maxRequests) {
      return send(response, 429, {
        error: {type: 'rateLimited', description: 'The stand-in answered its maximum number of requests.'},
      })
    }
    handleApi(request, response, url, path, version, user).catch((error: unknown) => {
      if (error instanceof StandInError) return send(response, error.status, error.body)
      console.error('Stand-in error on', request.method, url.pathname, error)
      if (!response.headersSent) send(response, 500, {error: {type: 'internalError', description: String(error)}})
      else response.end()
    })
  })
  server.requestTimeout = 30_000

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    path: string,
    version: string,
    user: AuthenticatedUser | undefined,
  ): Promise<void> {
    const parts = path.split('/').map((part) => decodeURIComponent(part))
    const [first, second, third, fourth, fifth] = parts
    const method = request.method ?? 'GET'

    // Identity and login.
    if (first === 'users' && second === 'me' && !third) return send(response, 200, user ? userResource(user) : {})
    if (first === 'users' && second === 'me' && third === 'keyvalue') {
      return send(response, 200, method === 'GET' ? [] : await readJson(request).then(() => []))
    }
    if (first === 'users' && second) return send(response, 200, usersById(second))
    if (first === 'auth') return auth(request, response, url, second, third)

    // The project, its datasets and grants.
    if (first === 'projects' && second) {
      if (!third) {
        return send(response, 200, {
          id: second,
          displayName: options.projectName,
          studioHost: null,
          isBlocked: false,
          isDisabled: false,
          isDisabledByUser: false,
          organizationId: null,
          metadata: {color: '#1f6feb', externalStudioHost: null},
          members: users.map((member) => memberResource(member, user)),
          features: [],
          createdAt: '2026-01-01T00:00:00Z',
        })
      }
      if (third === 'grants') return send(response, 200, projectGrants(user?.role))
      if (third === 'datasets' && !fourth) {
        return send(response, 200, [{name: dataset, aclMode: 'public', createdAt: '2026-01-01T00:00:00Z', tags: []}])
      }
      if (third === 'datasets' && fifth === 'acl') return send(response, 200, datasetGrants(user?.role))
      if (third === 'users' && fourth) return send(response, 200, usersById(fourth))
      if (third === 'features') return send(response, 200, [])
      if (third === 'user-applications') return send(response, 200, [])
    }
    if (first === 'features') return send(response, 200, [])
    if (first === 'ping') return sendText(response, 200, 'PONG')
    // Onboarding, help, scheduling and telemetry: the Studio works without them.
    if (first && ['journey', 'intake', 'help', 'schedules', 'telemetry', 'user-applications'].includes(first)) {
      return send(response, 200, method === 'GET' ? (first === 'help' ? {} : []) : {})
    }

    // The Live Content API, which the Presentation tool subscribes to: a stream that says welcome
    // and then only keeps alive. Sync tags are always empty here, so there is never a change to
    // announce; the preview server reloads its page after each saved edit instead.
    if (first === 'data' && second === 'live' && third === 'events' && fourth === dataset) return liveEvents(response)

    if (first === 'data' && third !== undefined) {
      if (third !== dataset) {
        return send(response, 404, {error: {type: 'datasetNotFound', description: `Dataset "${third}" not found`}})
      }
      switch (second) {
        case 'doc':
          return getDocuments(response, fourth ?? '', user)
        case 'query':
          return query(request, response, url, version, user)
        case 'listen':
          return listen(request, response, url, user)
        case 'mutate':
          return mutate(request, response, url, requireWriter(user, method))
        case 'actions':
          return actions(request, response, requireWriter(user, method))
        case 'history':
          // No history is kept: the Studio's review pane shows an empty timeline.
          if (fourth === 'events') return send(response, 200, {events: {}, nextCursor: ''})
          if (fourth === 'transactions') {
            const transactions = fifth ? (signoffHistory.get(fifth) ?? []) : []
            return sendText(response, 200, transactions.map((entry) => `${JSON.stringify(entry)}\n`).join(''))
          }
          if (fourth === 'documents') return send(response, 200, {documents: []})
          break
      }
    }
    unanswered.push(`${method} /${path}`)
    return send(response, 404, {
      error: {type: 'notFound', description: `The local Content Lake stand-in does not implement ${method} /${path}`},
    })
  }

  function usersById(ids: string) {
    const list = ids.split(',').map((id) => users.find((user) => user.id === id))
    const resources = list.map((user) => (user ? {...userResource(user), isCurrentUser: false} : null))
    return ids.includes(',') ? resources.filter(Boolean) : (resources[0] ?? null)
  }

  // Login for the demo: every user is a "provider"; choosing one comes back with a session ID the
  // Studio exchanges for that user's token, as Sanity's login does.
  async function auth(request: IncomingMessage, response: ServerResponse, url: URL, action?: string, who?: string) {
    if (action === 'providers') {
      const base = `http://${request.headers.host ?? '127.0.0.1'}/v1/auth/login`
      return send(response, 200, {
        thirdPartyLogin: true,
        sso: {saml: false},
        providers: users.map((user) => ({
          name: `stand-in-${user.id}`,
          title: `${user.name} (${user.signsAs ? 'clinician' : user.role})`,
          url: `${base}/${encodeURIComponent(user.id)}`,
        })),
      })
    }
    if (action === 'login' && who) {
      const user = users.find((candidate) => candidate.id === who)
      const origin = url.searchParams.get('origin') ?? ''
      if (!user || !isLocalOrigin(origin)) return send(response, 400, {error: 'Unknown user or origin'})
      const sid = randomUUID()
      sessions.set(sid, user)
      response.writeHead(302, {location: `${origin.split('#')[0]}#sid=${sid}`})
      response.end()
      return
    }
    if (action === 'fetch') {
      const user = sessions.get(url.searchParams.get('sid') ?? '')
      sessions.delete(url.searchParams.get('sid') ?? '')
      return user ? send(response, 200, {token: user.token}) : send(response, 401, {error: 'Unknown session'})
    }
    if (action === 'id') return send(response, 401, {error: 'No session cookie'})
    if (action === 'logout') return send(response, 200, {})
    unanswered.push(`${request.method} /auth/${action ?? ''}`)
    return send(response, 404, {error: 'Not found'})
  }

  /** Who may see what: anonymous requests see published documents only, as on a public dataset. */
  function visibleDocuments(user: StandInUser | undefined): StoredDocument[] {
    const all = store.all()
    return user ? all : all.filter((document) => !document._id.includes('.'))
  }

  function getDocuments(response: ServerResponse, idList: string, user: StandInUser | undefined) {
    const ids = idList.split(',').filter(Boolean)
    const visible = new Map(visibleDocuments(user).map((document) => [document._id, document]))
    const documents: StoredDocument[] = []
    const omitted: {id: string; reason: 'existence' | 'permission'}[] = []
    for (const id of ids) {
      const document = visible.get(id)
      if (document) documents.push(document)
      else omitted.push({id, reason: store.get(id) ? 'permission' : 'existence'})
    }
    return send(response, 200, {documents, omitted})
  }

  async function query(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    version: string,
    user: AuthenticatedUser | undefined,
  ) {
    const search = url.searchParams
    let text = search.get('query') ?? ''
    let params: Record<string, unknown> = {}
    let perspectiveParam = search.get('perspective')
    if (request.method === 'POST') {
      const body = (await readJson(request)) as {query?: string; params?: Record<string, unknown>; perspective?: string}
      text = body.query ?? ''
      params = body.params ?? {}
      perspectiveParam ??= body.perspective ?? null
    } else {
      params = searchParams(search)
    }
    if (!text) throw new StandInError(400, 'queryParseError', 'The query is missing')
    const perspective = perspectiveOf(perspectiveParam, version.replace(/^v/, ''))
    const started = performance.now()
    const dataset = documentsFor(perspective, visibleDocuments(user))
    const result = await runQuery(text, params, dataset, user?.id)
    const ms = Math.round(performance.now() - started)
    const reply =
      search.get('returnQuery') === 'false' ? {result, ms, syncTags: []} : {query: text, result, ms, syncTags: []}
    return send(response, 200, reply)
  }

  async function listen(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    user: AuthenticatedUser | undefined,
  ) {
    const search = url.searchParams
    const text = search.get('query') ?? ''
    const params = searchParams(search)
    if (!text) throw new StandInError(400, 'queryParseError', 'The listen query is missing')
    await runQuery(text, params, [], user?.id) // a broken query fails now, as a 400, not later
    const includeResult = search.get('includeResult') !== 'false'
    const includePrevious = search.get('includePreviousRevision') === 'true'
    const includeMutations = search.get('includeMutations') !== 'false'
    const mendoza = search.get('effectFormat') === 'mendoza'

    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    })
    response.write(`event: welcome\ndata: ${JSON.stringify({listenerName: randomUUID()})}\n\n`)
    if (
      UNSUPPORTED_LISTENERS.test(search.get('tag') ?? '') ||
      UNSUPPORTED_LISTEN_QUERIES.some((fragment) => text.includes(fragment))
    ) {
      // Releases, tasks and comments are not implemented: their listeners are told to come back
      // in a day and closed, so they do not hold one of the browser's six connections a host.
      response.end(`retry: ${24 * 60 * 60 * 1000}\n\n`)
      return
    }
    openListeners.add(response)

    const canSee = (document: StoredDocument | null) => Boolean(document && (user || !document._id.includes('.')))
    // Events go out in commit order even though matching is asynchronous.
    let queue = Promise.resolve()
    const onChanges = (changes: readonly DocumentChange[]) => {
      queue = queue.then(async () => {
        for (const change of changes) {
          const candidates = [change.before, change.after].filter(canSee) as StoredDocument[]
          let matches = false
          for (const candidate of candidates) {
            if (await matchesListenQuery(text, params, candidate, user?.id)) matches = true
          }
          if (!matches || response.writableEnded) continue
          const event = {
            eventId: `${change.transactionId}#${change.documentId}`,
            documentId: change.documentId,
            transactionId: change.transactionId,
            transition: change.transition,
            identity: change.identity,
            timestamp: change.timestamp,
            previousRev: change.previousRev,
            resultRev: change.resultRev,
            visibility: 'query',
            transactionTotalEvents: change.transactionTotalEvents,
            transactionCurrentEvent: change.transactionCurrentEvent,
            ...(includeMutations ? {mutations: change.mutations} : {}),
            ...(includeResult && change.after ? {result: change.after} : {}),
            ...(includePrevious && change.before ? {previous: change.before} : {}),
            ...(mendoza ? {effects: wholeValueEffects(change.before, change.after)} : {}),
          }
          response.write(`id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`)
        }
      })
    }
    const unsubscribe = store.subscribe(onChanges)
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS)
    const lifetime = setTimeout(() => response.end(), LISTENER_LIFETIME_MS)
    heartbeat.unref()
    lifetime.unref()
    request.on('close', () => {
      unsubscribe()
      clearInterval(heartbeat)
      clearTimeout(lifetime)
      openListeners.delete(response)
    })
  }

  function liveEvents(response: ServerResponse) {
    response.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache'})
    // Closed right after welcome, told to come back in a day, like the unsupported listeners: an
    // open stream would hold one of the browser's six connections to the host for nothing.
    response.end(`retry: ${24 * 60 * 60 * 1000}\nevent: welcome\ndata: {}\n\n`)
  }

  async function mutate(request: IncomingMessage, response: ServerResponse, url: URL, user: AuthenticatedUser) {
    const body = (await readJson(request)) as {mutations?: MutationBody[]; transactionId?: string}
    if (!Array.isArray(body.mutations)) throw new StandInError(400, 'validationError', 'Body must have "mutations"')
    const mutations = body.mutations
    const search = url.searchParams
    const committed = store.transact(
      user.id,
      (transaction) => {
        for (const mutation of mutations) transaction.apply(mutation)
      },
      {
        transactionId: body.transactionId ?? search.get('transactionId') ?? undefined,
        dryRun: search.get('dryRun') === 'true',
      },
    )
    const returnDocuments = search.get('returnDocuments') === 'true'
    const results = committed.results.map(({id, operation}) => ({
      id,
      operation,
      ...(returnDocuments
        ? {document: committed.changes.find((change) => change.documentId === id)?.after ?? store.get(id)}
        : {}),
    }))
    return send(response, 200, {
      transactionId: committed.transactionId,
      results,
      ...(search.get('returnIds') === 'true' ? {documentIds: results.map((result) => result.id)} : {}),
    })
  }

  async function actions(request: IncomingMessage, response: ServerResponse, user: AuthenticatedUser) {
    const body = (await readJson(request)) as {actions?: ActionBody[]; transactionId?: string; dryRun?: boolean}
    if (!Array.isArray(body.actions)) throw new StandInError(400, 'validationError', 'Body must have "actions"')
    const list = body.actions
    const committed = store.transact(
      user.id,
      (transaction) => {
        for (const action of list) applyAction(transaction, action)
      },
      {
        transactionId: body.transactionId,
        errorType: 'actionError',
        dryRun: body.dryRun === true,
      },
    )
    return send(response, 200, {transactionId: committed.transactionId})
  }

  function requireWriter(user: AuthenticatedUser | undefined, method: string): AuthenticatedUser {
    if (method !== 'POST') throw new StandInError(405, 'httpMethodNotAllowed', `Method ${method} not allowed`)
    if (!user) throw new StandInError(401, 'unauthorized', 'Unauthorized - Session not found')
    if (user.role === 'viewer')
      throw new StandInError(403, 'permissionDenied', 'Insufficient permissions; permission "update" required')
    return user
  }

  async function serveStatic(pathname: string, response: ServerResponse) {
    if (!studioDirectory) return sendText(response, 404, 'No Studio is served here (only the API).')
    const root = resolve(studioDirectory)
    const requested = resolve(join(root, decodeURIComponent(pathname)))
    const inside = requested === root || requested.startsWith(root + sep)
    let file = join(root, 'index.html')
    if (inside) {
      const info = await stat(requested).catch(() => undefined)
      if (info?.isFile()) file = requested
    }
    try {
      const body = await readFile(file)
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      })
      response.end(body)
    } catch {
      sendText(response, 404, 'Not found')
    }
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, '127.0.0.1', () => done())
  })
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    unanswered,
    serveStudio(directory) {
      studioDirectory = directory
    },
    close() {
      for (const listener of openListeners) listener.end()
      server.closeAllConnections()
      return new Promise((done) => server.close(() => done()))
    },
  }
}

/**
 * Mendoza effects that rebuild the whole value: opcode 0 ("value") outputs its literal. The
 * Content Lake sends minimal diffs; a whole-value patch is larger but applies the same way.
 * `_rev` is left out, as the Studio applies effects to the document without it.
 */
function wholeValueEffects(before: StoredDocument | null, after: StoredDocument | null) {
  const literal = (document: StoredDocument | null) => {
    if (!document) return null
    const {_rev, ...rest} = document
    return rest
  }
  return {apply: [0, literal(after)], revert: [0, literal(before)]}
}

const isLocalOrigin = (origin: string) => {
  try {
    const {hostname, protocol} = new URL(origin)
    return (
      protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname.endsWith('.localhost'))
    )
  } catch {
    return false
  }
}

/** CORS for the Studio's origin: only loopback origins, with credentials. False when refused. */
function allowCors(request: IncomingMessage, response: ServerResponse): boolean {
  const origin = request.headers.origin
  if (!origin) return true
  if (!isLocalOrigin(origin)) return false
  response.setHeader('access-control-allow-origin', origin)
  response.setHeader('access-control-allow-credentials', 'true')
  response.setHeader('vary', 'origin')
  response.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
  response.setHeader(
    'access-control-allow-headers',
    request.headers['access-control-request-headers'] ?? 'authorization, content-type, x-sanity-app',
  )
  response.setHeader('access-control-max-age', '600')
  return true
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new StandInError(413, 'requestTooLarge', 'Request body too large')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new StandInError(400, 'invalidJson', 'The request body is not valid JSON')
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end()
  response.writeHead(status, {'content-type': 'application/json; charset=utf-8'})
  response.end(JSON.stringify(body))
}

function sendText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {'content-type': 'text/plain; charset=utf-8'})
  response.end(body)
}

/** The `$name=<JSON>` parameters of a GET query or listen request; a value that is not JSON is a 400. */
function searchParams(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw new StandInError(400, 'queryParseError', `Parameter ${key} is not valid JSON`)
    }
  }
  return params
}
