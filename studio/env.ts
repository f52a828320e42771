/**
 * Where the Studio reads its project from. `sanity build` must succeed without a project (CI has
 * none), so a syntactically valid placeholder stands in; `pnpm studio` refuses to start with it
 * (see require-project.ts) because nobody could log in.
 */
export const PLACEHOLDER_PROJECT_ID = 'unconfigured'

/** Where "Open preview" points when `SANITY_STUDIO_PREVIEW_URL` is unset: `pnpm start`'s server. */
export const DEFAULT_PREVIEW_URL = 'http://localhost:4321'

export const studioEnv = {
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || PLACEHOLDER_PROJECT_ID,
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  previewUrl: process.env.SANITY_STUDIO_PREVIEW_URL || DEFAULT_PREVIEW_URL,
}
