import {defineProject} from 'vitest/config'

export default defineProject({
  test: {
    name: 'site',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Builds the bundled dataset once; browser and integration tests read the result.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
