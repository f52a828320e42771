/**
 * The content layer: how every package reads and judges content. The site build, the scripts
 * (validate, import, seed, bench, stress) and the Studio's tests read through it; the Studio
 * itself imports the browser-safe parts (`@repo/schemas/queries`, `@repo/schemas/review`,
 * `@repo/schemas/ids`).
 *
 * - `dataset.ts`: the streaming, line-aware reader of `sanity dataset export` files;
 * - `source*.ts`, `local-source.ts`, `live-source.ts`, `paging.ts`: the two content sources
 *   behind one interface, with an explicit paged read;
 * - `queries.ts`: every GROQ query, each a `defineQuery` typed by TypeGen;
 * - `fetch.ts`, `graph.ts`, `integrity.ts`, `join.ts`: the collections read, checked and joined
 *   into the site's content graph, with every article's review status;
 * - `images.ts`: image assets to CDN addresses, Sanity's CDN only;
 * - `local-images.ts`: images not yet uploaded (`image@file://…`), served by the site itself
 *   when their file is inside `CONTENT_IMAGES_DIR`;
 * - `cache-keys.ts`: each page's cache key for Astro's incremental builds.
 */
export * from './cache-keys.ts'
export * from './dataset.ts'
export * from './digests.ts'
export * from './fetch.ts'
export * from './graph.ts'
export * from './images.ts'
export * from './integrity.ts'
export * from './join.ts'
// Types only: the live source (and `@sanity/client` with it, 0.14 s to load) is imported by
// `createContentSource` when a build reads a live project, never by a build from a dataset file.
export type {LiveSourceOptions, RetryPolicy} from './live-source.ts'
export * from './local-images.ts'
export * from './local-source.ts'
export * from './page.ts'
export * from './paging.ts'
export * from './queries.ts'
export * from './source.ts'
export * from './source-types.ts'
