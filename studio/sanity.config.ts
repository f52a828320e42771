import {schemaTypes} from '@repo/schemas'
import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {studioEnv} from './env.ts'

export default defineConfig({
  name: 'default',
  title: 'Clinically Reviewed',
  projectId: studioEnv.projectId,
  dataset: studioEnv.dataset,
  plugins: [structureTool(), visionTool()],
  schema: {types: schemaTypes},
})
