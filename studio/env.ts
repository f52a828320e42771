/**
 * Where the Studio reads its project from. `sanity build` must succeed without a project (CI has
 * none), so a syntactically valid placeholder stands in; `pnpm studio` refuses to start with it
 * (see require-project.ts) because nobody could log in.
 */
export const PLACEHOLDER_PROJECT_ID = 'unconfigured'

export const studioEnv = {
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || PLACEHOLDER_PROJECT_ID,
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
}
