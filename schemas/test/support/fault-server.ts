import {createServer, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

/** What the server does with one request. */
export type Fault =
  | {kind: 'status'; status: number; headers?: Record<string, string>}
  | {kind: 'slow'; ms: number}
  | {kind: 'drop'}
  | {kind: 'invalid-json'}
  | {kind: 'ok'}

export interface FaultServer {
  apiHost: string
  /** How many requests arrived. */
  hits(): number
  /** Each request's `$name` parameters, JSON-decoded, in arrival order. */
  params(): Record<string, unknown>[]
  close(): Promise<void>
}

/** The healthy answer's result for a request, from its `$name` parameters (JSON-decoded). */
export type Answer = (params: Record<string, unknown>) => unknown

/**
 * A stand-in for the Content Lake's query endpoint on 127.0.0.1 that misbehaves on cue: request n
 * gets `script[n]`, and every request after the script gets `after` (a healthy answer by default).
 * A healthy answer holds `result`, or what `result` returns for the request's parameters when it
 * is a function (for paged queries, whose pages differ by `lastId`).
 */
export async function startFaultServer(
  script: Fault[],
  result: unknown,
  after: Fault = {kind: 'ok'},
): Promise<FaultServer> {
  const received: Record<string, unknown>[] = []
  const answer = (params: Record<string, unknown>) =>
    typeof result === 'function' ? (result as Answer)(params) : result
  let count = 0
  const sockets = new Set<import('node:net').Socket>()
  const reply = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {'content-type': 'application/json', ...headers})
    response.end(body)
  }
  const server = createServer((request, response) => {
    const fault = script[count] ?? after
    count++
    const params: Record<string, unknown> = {}
    for (const [key, value] of new URL(request.url ?? '/', 'http://127.0.0.1').searchParams) {
      if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
    }
    received.push(params)
    switch (fault.kind) {
      case 'status':
        return reply(response, fault.status, JSON.stringify({error: `injected ${fault.status}`}), fault.headers)
      case 'slow': {
        const timer = setTimeout(() => reply(response, 200, JSON.stringify({result: answer(params)})), fault.ms)
        response.on('close', () => clearTimeout(timer))
        return
      }
      case 'drop':
        return request.socket.destroy()
      case 'invalid-json':
        return reply(response, 200, '{"result": [{"_id": "cut-off')
      case 'ok':
        return reply(response, 200, JSON.stringify({result: answer(params), ms: 1}))
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    apiHost: `http://127.0.0.1:${port}`,
    hits: () => count,
    params: () => received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
