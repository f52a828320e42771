/**
 * The attestor's HTTP receiver: a small `node:http` server with one route, `POST /signoff`, for
 * the Sanity webhook. Bodies are read raw (the webhook signature covers their bytes) and capped.
 */
import {createServer, type IncomingMessage} from 'node:http'
import type {AddressInfo} from 'node:net'
import {SIGNATURE_HEADER_NAME} from '@sanity/webhook'
import {type AttestorOptions, handleSignoffWebhook} from './attestor.ts'

/** A webhook body is one small document: anything larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024

export interface RunningAttestor {
  port: number
  /** Where the webhook points: `http://<host>:<port>/signoff`. */
  url: string
  close(): Promise<void>
}

/** Starts the receiver on `host` (default 127.0.0.1) and `port` (0: any free port). */
export async function startAttestor(
  options: AttestorOptions & {webhookSecret: string; host?: string; port?: number},
): Promise<RunningAttestor> {
  const server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store'})
      response.end(JSON.stringify(body))
    }
    try {
      const path = new URL(request.url ?? '/', 'http://attestor').pathname
      if (path === '/health' && request.method === 'GET') return reply(200, {ok: true, keyId: options.key.keyId})
      if (path !== '/signoff') return reply(404, {error: 'Not found: the webhook posts to /signoff'})
      if (request.method !== 'POST') return reply(405, {error: 'POST only'})
      const body = await readBody(request)
      if (body === undefined) return reply(413, {error: `Body over ${MAX_BODY_BYTES} bytes`})
      const header = request.headers[SIGNATURE_HEADER_NAME]
      const outcome = await handleSignoffWebhook(body, Array.isArray(header) ? header[0] : header, options)
      return reply(outcome.status, {result: outcome.result, message: outcome.message})
    } catch (error) {
      options.log?.(`[attestor] error: ${(error as Error).message}`)
      return reply(500, {error: 'The attestor failed; the delivery can be retried'})
    }
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, resolve)
  })
  const {port} = server.address() as AddressInfo
  return {
    port,
    url: `http://${host}:${port}/signoff`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
