import {rm} from 'node:fs/promises'
import type {TestProject} from 'vitest/node'
import {buildSite} from './build-site.ts'

/**
 * The instant the bundled build decides review status at. Pinned, so the seed's review
 * (signed 2026-11-01, valid for a year) reads the same whenever the tests run.
 */
export const BUNDLED_REVIEW_NOW = '2026-12-01T00:00:00Z'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The site built from the bundled dataset. */
    bundledSite: string
    /** Everything that build printed (its review report among it). */
    bundledBuildOutput: string
  }
}

export default async function setup(project: TestProject) {
  const {outDir, output} = await buildSite({REVIEW_NOW: BUNDLED_REVIEW_NOW})
  project.provide('bundledSite', outDir)
  project.provide('bundledBuildOutput', output)
  return () => rm(outDir, {recursive: true, force: true})
}
