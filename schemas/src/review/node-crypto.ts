/**
 * Node's `crypto` module where this code runs in Node (the site build, the scripts, the preview
 * server), undefined in a browser (the Studio). The review rules hash every article and verify
 * every sign-off on each build: Web Crypto answers each call through a promise settled from
 * Node's thread pool, and at 10,000 articles those round trips cost the build about half a second
 * more than Node's synchronous calls. Both compute the same bytes (SHA-256, Ed25519), so the
 * Studio and the build still agree. `process.getBuiltinModule` (Node ≥ 22.3) loads it without an
 * import a browser bundle would have to resolve.
 */
type NodeCrypto = typeof import('node:crypto')

export const nodeCrypto: NodeCrypto | undefined = (
  globalThis as {process?: {getBuiltinModule?: (id: string) => unknown}}
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
