interface ImportMetaEnv {
  /** Absolute path of the dataset that ships with the repository (set in astro.config.ts). */
  readonly BUNDLED_DATASET: string
  /**
   * False under `astro dev` only (set by the site-finish integration). Not `DEV`, which a build
   * run with NODE_ENV=test (as from vitest) also sets.
   */
  readonly CSP_META: boolean
}

declare namespace App {
  interface Locals {
    /** On the preview server: this request's content, loaded by the preview middleware. */
    content?: Promise<import('@repo/schemas/content').SiteContent>
    /** On the preview server: what this request may see, for the review banner. */
    preview?: import('./preview/state.ts').PreviewState
  }
}
