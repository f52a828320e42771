/**
 * The Presentation tool as the Studio configures it: which server it frames, how it turns on
 * draft mode there, and which page shows an article.
 */
import {articlePath, DRAFT_MODE_ROUTES} from '@repo/schemas/rules'
import type {Plugin, PluginOptions, SingleWorkspace} from 'sanity'
import type {DocumentLocationResolverObject, PresentationPluginOptions} from 'sanity/presentation'
import {beforeAll, describe, expect, it} from 'vitest'
import {studioEnv} from '../env.ts'
import {locations, mainDocuments, presentation} from '../presentation.ts'
import {loadStudioConfig} from './support/studio-config.ts'

/** The options the tool was registered with, as the Studio hands them to it. */
function toolOptions(plugin: Plugin | PluginOptions): PresentationPluginOptions {
  const resolved = typeof plugin === 'function' ? (plugin as () => PluginOptions)() : plugin
  const tools = Array.isArray(resolved.tools) ? resolved.tools : []
  const tool = tools.find((candidate) => candidate.name === 'presentation')
  if (!tool) throw new Error('No Presentation tool in the plugin')
  return tool.options as PresentationPluginOptions
}

const articleLocations = (value: Record<string, unknown> | null) =>
  (locations['article'] as DocumentLocationResolverObject).resolve(value)

describe('the Presentation tool', () => {
  let config: SingleWorkspace
  beforeAll(async () => {
    config = await loadStudioConfig()
  }, 120_000)

  it('is part of the Studio and frames the preview server named by SANITY_STUDIO_PREVIEW_URL', () => {
    const registered = (config.plugins ?? []).map((plugin) => {
      try {
        return toolOptions(plugin)
      } catch {
        return undefined
      }
    })
    const options = registered.find(Boolean)
    expect(options?.previewUrl).toMatchObject({initial: studioEnv.previewUrl})
  })

  it('turns on draft mode through the preview server’s secret routes', () => {
    const options = toolOptions(presentation('https://preview.example.org'))
    expect(options.previewUrl).toEqual({
      initial: 'https://preview.example.org',
      previewMode: {enable: '/api/draft-mode/enable/', disable: '/api/draft-mode/disable/'},
    })
    expect(DRAFT_MODE_ROUTES.enable).toBe('/api/draft-mode/enable/')
  })

  it('finds the article behind a page by the site’s article path', () => {
    expect(mainDocuments).toEqual([{route: '/blog/:slug/', filter: '_type == "article" && slug.current == $slug'}])
    expect(mainDocuments[0]?.route).toBe(articlePath(':slug'))
  })

  it('shows an article on its page, and asks for a slug when it has none', () => {
    expect(articleLocations({title: 'The Benefits of IOP', slug: 'benefits-of-iop'})).toEqual({
      locations: [{title: 'The Benefits of IOP', href: '/blog/benefits-of-iop/'}],
    })
    expect(articleLocations({title: 'Half-written'})).toEqual({
      message: 'Give the article a slug to preview its page.',
    })
    expect(articleLocations(null)).toEqual({message: 'Give the article a slug to preview its page.'})
  })
})
