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
  close(): Promise<void>
}

/**
 * A stand-in for the Content Lake's query endpoint on 127.0.0.1 that misbehaves on cue: request n
 * gets `script[n]`, and every request after the script gets `after` (a healthy answer by default).
 */
export async function startFaultServer(
  script: Fault[],
  result: unknown,
  after: Fault = {kind: 'ok'},
): Promise<FaultServer> {
  let count = 0
  const sockets = new Set<import('node:net').Socket>()
  const reply = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {'content-type': 'application/json', ...headers})
    response.end(body)
  }
  const server = createServer((request, response) => {
    const fault = script[count] ?? after
    count++
    switch (fault.kind) {
      case 'status':
        return reply(response, fault.status, JSON.stringify({error: `injected ${fault.status}`}), fault.headers)
      case 'slow': {
        const timer = setTimeout(() => reply(response, 200, JSON.stringify({result})), fault.ms)
        response.on('close', () => clearTimeout(timer))
        return
      }
      case 'drop':
        return request.socket.destroy()
      case 'invalid-json':
        return reply(response, 200, '{"result": [{"_id": "cut-off')
      case 'ok':
        return reply(response, 200, JSON.stringify({result, ms: 1}))
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
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
