import {defineConfig} from 'vitest/config'

// One project per workspace package; each package's own vitest.config.ts says how it runs.
export default defineConfig({
  test: {
    projects: ['schemas', 'scripts', 'site', 'studio'],
  },
})
