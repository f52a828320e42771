/**
 * Content rules that the Studio's validation, the site build and the scripts all enforce, each
 * written once: slugs, link schemes and addresses, the site's paths, and the fixed lists editors
 * choose from. Plain TypeScript with no Sanity import, so the site and the scripts can use them
 * without bundling the Studio.
 */
export * from './labels.ts'
export * from './links.ts'
export * from './paths.ts'
export * from './redirects.ts'
export * from './slugs.ts'
