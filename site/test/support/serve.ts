import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import sirv from 'sirv'

export interface StaticServer {
  origin: string
  close(): Promise<void>
}

/** Serves a built site on 127.0.0.1 on a free port, as a static host would. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const handler = sirv(dir, {dev: false, etag: false})
  const server = createServer((request, response) =>
    handler(request, response, () => {
      response.statusCode = 404
      response.end('Not found')
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
