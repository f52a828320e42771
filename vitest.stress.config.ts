import {defineConfig} from 'vitest/config'

/**
 * `pnpm test:stress`: the long builds that prove the site holds at scale (50,000 documents with
 * Node's default heap; one article body over 5 MB). Minutes each on two cores, so they are not part
 * of `pnpm test`, the command a contributor runs after every change; CI runs both.
 */
export default defineConfig({
  test: {
    name: 'stress',
    root: 'scripts',
    include: ['test/**/*.stress.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 900_000,
  },
})
