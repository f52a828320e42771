import {defineCliConfig} from 'sanity/cli'
import {studioEnv} from './env.ts'

export default defineCliConfig({
  api: {projectId: studioEnv.projectId, dataset: studioEnv.dataset},
  // `sanity deploy` hosts the Studio at <studioHost>.sanity.studio; the deploy workflow sets it.
  ...(process.env['SANITY_STUDIO_HOST'] ? {studioHost: process.env['SANITY_STUDIO_HOST']} : {}),
  typegen: {
    // Queries live in the content layer; the site's and the Studio's modules are read too, so a
    // query written anywhere else is still typed (and shows up in review as out of place). Not
    // `.astro` files: TypeGen parses them as plain TypeScript and stops at a page's top-level
    // `return`, which Astro allows in frontmatter; a page's data comes through `data/content.ts`.
    path: [
      '../schemas/src/**/*.ts',
      '../site/src/**/*.{ts,tsx}',
      './{actions,badges,components,review,structure}/**/*.{ts,tsx}',
      './*.{ts,tsx}',
    ],
    schema: './schema.json',
    generates: '../schemas/src/sanity.types.ts',
    overloadClientMethods: true,
  },
})
