// The Studio's build inlines these by their dotted names, so they are declared for dotted access.
declare global {
  namespace NodeJS {
    interface ProcessEnv {
      readonly SANITY_STUDIO_PROJECT_ID?: string
      readonly SANITY_STUDIO_DATASET?: string
      readonly SANITY_STUDIO_PREVIEW_URL?: string
      readonly SANITY_STUDIO_API_HOST?: string
      readonly SANITY_STUDIO_TITLE?: string
      readonly SANITY_STUDIO_REVIEW_TRUSTED_KEYS?: string
    }
  }
}

export {}
