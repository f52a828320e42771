/**
 * Test support other packages' tests may use (`@repo/schemas/testing`): fixture builders for
 * stored documents and datasets, and a local server that answers Sanity's query endpoint from a
 * dataset through the content layer. Never imported by product code.
 */
export * from './bundled.ts'
export * from './chromium.ts'
export * from './content-fixtures.ts'
export * from './query-server.ts'
export * from './signoffs.ts'
