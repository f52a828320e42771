/**
 * Where the Studio reads its project from. `sanity build` must succeed without a project (CI has
 * none), so a syntactically valid placeholder stands in; `pnpm studio` refuses to start with it
 * (see require-project.ts) because nobody could log in.
 */
export const PLACEHOLDER_PROJECT_ID = 'unconfigured'

/**
 * The preview server (`pnpm preview:drafts`) when `SANITY_STUDIO_PREVIEW_URL` is unset: the
 * Presentation tool frames it and "Open preview" links to it.
 */
export const DEFAULT_PREVIEW_URL = 'http://localhost:4322'

/** The Studio's name in its navigation bar when `SANITY_STUDIO_TITLE` is unset. */
export const DEFAULT_TITLE = 'Clinically Reviewed'

export const studioEnv = {
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || PLACEHOLDER_PROJECT_ID,
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  previewUrl: process.env.SANITY_STUDIO_PREVIEW_URL || DEFAULT_PREVIEW_URL,
  /**
   * The Content Lake API host (`SANITY_STUDIO_API_HOST`); unset means Sanity's own
   * (`https://api.sanity.io`). The Studio prefixes the project ID for project APIs, so
   * `http://localhost:3333` reaches `http://<projectId>.localhost:3333`. Used to run the Studio
   * on a local stand-in (`pnpm studio:demo`, the end-to-end tests).
   */
  apiHost: process.env.SANITY_STUDIO_API_HOST || undefined,
  /**
   * Attestation public keys the Studio trusts besides `schemas/review-keys.json`
   * (`SANITY_STUDIO_REVIEW_TRUSTED_KEYS`, base64, comma-separated): public keys, never secrets.
   */
  reviewTrustedKeys: process.env.SANITY_STUDIO_REVIEW_TRUSTED_KEYS || undefined,
  /** The name in the navigation bar (`SANITY_STUDIO_TITLE`), e.g. to mark a demo. */
  title: process.env.SANITY_STUDIO_TITLE || DEFAULT_TITLE,
}
