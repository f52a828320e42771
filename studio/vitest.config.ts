import {defineProject} from 'vitest/config'

export default defineProject({
  test: {
    name: 'studio',
    // Component tests (*.test.tsx) choose jsdom with a `@vitest-environment` docblock.
    include: ['test/**/*.test.{ts,tsx}'],
    // Loading Sanity itself takes seconds; a slow machine must not fail a correct test.
    testTimeout: 30_000,
  },
})
