import {defineCliConfig} from 'sanity/cli'
import {studioEnv} from './env.ts'

export default defineCliConfig({
  api: {projectId: studioEnv.projectId, dataset: studioEnv.dataset},
  typegen: {
    path: '../site/src/**/*.{ts,tsx,astro}',
    schema: './schema.json',
    generates: '../schemas/src/sanity.types.ts',
    overloadClientMethods: true,
  },
})
