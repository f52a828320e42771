import {schemaTypes} from '@repo/schemas'
import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {
  resolveDocumentActions,
  resolveDocumentBadges,
  resolveProductionUrl,
  resolveTemplates,
} from './documentOptions.ts'
import {studioEnv} from './env.ts'
import {presentation} from './presentation.ts'
import {structure} from './structure/index.ts'

export default defineConfig({
  name: 'default',
  title: studioEnv.title,
  projectId: studioEnv.projectId,
  dataset: studioEnv.dataset,
  ...(studioEnv.apiHost ? {apiHost: studioEnv.apiHost} : {}),
  plugins: [structureTool({structure}), presentation(), visionTool()],
  schema: {types: schemaTypes, templates: resolveTemplates},
  document: {
    actions: resolveDocumentActions,
    badges: resolveDocumentBadges,
    productionUrl: resolveProductionUrl,
  },
})
