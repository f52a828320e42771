import {rm} from 'node:fs/promises'
import type {TestProject} from 'vitest/node'
import {buildSite} from './build-site.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The site built from the bundled dataset. */
    bundledSite: string
  }
}

export default async function setup(project: TestProject) {
  const {outDir} = await buildSite()
  project.provide('bundledSite', outDir)
  return () => rm(outDir, {recursive: true, force: true})
}
