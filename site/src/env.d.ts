interface ImportMetaEnv {
  /** Absolute path of the dataset that ships with the repository (set in astro.config.ts). */
  readonly BUNDLED_DATASET: string
  /**
   * False under `astro dev` only (set by the site-finish integration). Not `DEV`, which a build
   * run with NODE_ENV=test (as from vitest) also sets.
   */
  readonly CSP_META: boolean
}
