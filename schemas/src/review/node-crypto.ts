/**
 * Node's `crypto` module where this code runs in Node (the site build, the scripts, the preview
 * server), undefined in a browser (the Studio). Every build hashes every article: Web Crypto's
 * `digest` answers through a promise settled from Node's thread pool, and at 10,000 articles
 * those round trips cost about 0.35 s more than Node's synchronous hash of the same bytes (the
 * same SHA-256, so the Studio and the build agree). Sign-offs are still verified with Web Crypto:
 * an Ed25519 verification is work (0.1 ms), and in the thread pool it runs beside the main thread
 * instead of on it (measured: 1 s on the main thread at 10,000 sign-offs).
 * `process.getBuiltinModule` (Node ≥ 22.3) loads it without an import a browser bundle would
 * have to resolve.
 */
type NodeCrypto = typeof import('node:crypto')

export const nodeCrypto: NodeCrypto | undefined = (
  globalThis as {process?: {getBuiltinModule?: (id: string) => unknown}}
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
