interface ImportMetaEnv {
  /** Absolute path of the dataset that ships with the repository (set in astro.config.ts). */
  readonly BUNDLED_DATASET: string
}
