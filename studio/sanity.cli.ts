import {defineCliConfig} from 'sanity/cli'
import {studioEnv} from './env.ts'

export default defineCliConfig({
  api: {projectId: studioEnv.projectId, dataset: studioEnv.dataset},
  // `sanity deploy` hosts the Studio at <studioHost>.sanity.studio; the deploy workflow sets it.
  ...(process.env['SANITY_STUDIO_HOST'] ? {studioHost: process.env['SANITY_STUDIO_HOST']} : {}),
  typegen: {
    // Queries live in the content layer; the site and the Studio are read too, so a query written
    // anywhere else is still typed (and shows up in review as out of place).
    path: [
      '../schemas/src/**/*.ts',
      '../site/src/**/*.{ts,tsx,astro}',
      './{actions,badges,components,review,structure}/**/*.{ts,tsx}',
      './*.{ts,tsx}',
    ],
    schema: './schema.json',
    generates: '../schemas/src/sanity.types.ts',
    overloadClientMethods: true,
  },
})
