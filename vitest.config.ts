import {defineConfig} from 'vitest/config'

// One project per workspace package; each package's own vitest.config.ts says how it runs.
export default defineConfig({
  test: {
    projects: ['schemas', 'scripts', 'site', 'studio'],
    // Site builds share the site folder (Astro writes its prerender bundle to `site/.astro`), so
    // two test files building at once would delete each other's chunks: files run one at a time.
    fileParallelism: false,
  },
})
