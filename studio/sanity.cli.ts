import {defineCliConfig} from 'sanity/cli'
import {studioEnv} from './env.ts'

export default defineCliConfig({
  api: {projectId: studioEnv.projectId, dataset: studioEnv.dataset},
  // `sanity deploy` hosts the Studio at <studioHost>.sanity.studio; the deploy workflow sets it.
  ...(process.env['SANITY_STUDIO_HOST'] ? {studioHost: process.env['SANITY_STUDIO_HOST']} : {}),
  typegen: {
    path: '../site/src/**/*.{ts,tsx,astro}',
    schema: './schema.json',
    generates: '../schemas/src/sanity.types.ts',
    overloadClientMethods: true,
  },
})
