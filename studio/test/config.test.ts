import type {
  DocumentActionComponent,
  DocumentActionKeys,
  DocumentActionsContext,
  DocumentBadgeComponent,
  DocumentBadgesContext,
  ResolveProductionUrlContext,
  SanityDocumentLike,
  SingleWorkspace,
  Source,
  Template,
} from 'sanity'
import {beforeAll, describe, expect, it} from 'vitest'
import {RequestReviewAction} from '../actions/RequestReviewAction.tsx'
import {SignOffAction} from '../actions/SignOffAction.tsx'
import {AwaitingReviewBadge} from '../badges/AwaitingReviewBadge.ts'
import {ReviewStatusBadge} from '../badges/ReviewStatusBadge.ts'
import {articleUrl} from '../documentOptions.ts'
import {studioEnv} from '../env.ts'
import {structure} from '../structure/index.ts'
import {loadStudioConfig} from './support/studio-config.ts'
import {studioSource} from './support/studio-source.ts'

/** A stand-in for a built-in action: only its `action` key matters to the resolver. */
const builtIn = (action: string): DocumentActionComponent =>
  Object.assign(() => null, {action: action as keyof DocumentActionKeys, displayName: `${action}Action`})
const DEFAULT_ACTIONS = ['publish', 'unpublish', 'discardChanges', 'duplicate', 'delete', 'restore'].map(builtIn)
const DEFAULT_BADGES: DocumentBadgeComponent[] = [Object.assign(() => null, {displayName: 'LiveEditBadge'})]

const actionsContext = (schemaType: string, versionType: DocumentActionsContext['versionType'] = 'draft') =>
  ({schemaType, versionType, documentId: 'x', releaseId: undefined}) as DocumentActionsContext

let config: SingleWorkspace
beforeAll(async () => {
  config = await loadStudioConfig()
}, 120_000)

function resolveActions(schemaType: string, versionType?: DocumentActionsContext['versionType']) {
  const actions = config.document?.actions
  if (typeof actions !== 'function') throw new Error('document.actions is not a resolver')
  return actions(DEFAULT_ACTIONS, actionsContext(schemaType, versionType))
}

function resolveBadges(schemaType: string) {
  const badges = config.document?.badges
  if (typeof badges !== 'function') throw new Error('document.badges is not a resolver')
  return badges(DEFAULT_BADGES, {schemaType} as DocumentBadgesContext)
}

describe('the Studio config', () => {
  it('puts sign-off and request-review in front of the built-in actions for articles', () => {
    const actions = resolveActions('article')
    expect(actions.slice(0, 2)).toEqual([SignOffAction, RequestReviewAction])
    expect(actions.slice(2).map((action) => action.action)).toEqual(DEFAULT_ACTIONS.map((action) => action.action))
  })

  it('replaces the article’s Publish with the review-gated wrapper and keeps the other built-ins', () => {
    const actions = resolveActions('article')
    const publish = actions.find((action) => action.action === 'publish')
    expect(publish?.displayName).toBe('ReviewGatedPublishAction')
    expect(actions.filter((action) => action.action !== 'publish').slice(2)).toEqual(DEFAULT_ACTIONS.slice(1))
  })

  it('keeps Publish gated but offers no sign-off while viewing an old revision', () => {
    const actions = resolveActions('article', 'revision')
    expect(actions).not.toContain(SignOffAction)
    expect(actions.find((action) => action.action === 'publish')?.displayName).toBe('ReviewGatedPublishAction')
  })

  it('leaves the actions of other document types untouched', () => {
    for (const type of ['faq', 'programLevel', 'therapy', 'clinicalReviewer', 'author']) {
      expect(resolveActions(type)).toBe(DEFAULT_ACTIONS)
    }
  })

  it('offers no delete, duplicate or unpublish on the settings singleton', () => {
    expect(resolveActions('siteSettings').map((action) => action.action)).toEqual([
      'publish',
      'discardChanges',
      'restore',
    ])
  })

  it('adds the review badges to articles only', () => {
    expect(resolveBadges('article')).toEqual([...DEFAULT_BADGES, ReviewStatusBadge, AwaitingReviewBadge])
    expect(resolveBadges('faq')).toBe(DEFAULT_BADGES)
  })

  it('does not offer the settings singleton or a sign-off under “Create new”', () => {
    const templates = config.schema?.templates
    if (typeof templates !== 'function') throw new Error('schema.templates is not a resolver')
    const all = ['article', 'faq', 'siteSettings', 'clinicalSignoff'].map(
      (schemaType) => ({id: schemaType, schemaType}) as Template,
    )
    expect(templates(all, {} as never).map((template) => template.schemaType)).toEqual(['article', 'faq'])
  })

  it('offers no action at all on a sign-off: it is write-once', () => {
    expect(resolveActions('clinicalSignoff')).toEqual([])
    expect(resolveActions('clinicalSignoff', 'published')).toEqual([])
  })

  it('links an article to its page on the preview site, and nothing else', async () => {
    const productionUrl = config.document?.productionUrl
    if (!productionUrl) throw new Error('document.productionUrl is not set')
    const open = (document: SanityDocumentLike) => productionUrl(undefined, {document} as ResolveProductionUrlContext)
    expect(
      await open({_id: 'drafts.a', _type: 'article', slug: {current: 'benefits-of-iop-program-addiction-recovery'}}),
    ).toBe(`${studioEnv.previewUrl.replace(/\/+$/, '')}/blog/benefits-of-iop-program-addiction-recovery/`)
    expect(await open({_id: 'a', _type: 'article'})).toBeUndefined()
    expect(await open({_id: 'f', _type: 'faq', slug: {current: 'x'}})).toBeUndefined()
  })

  it('builds article URLs on any origin, with or without a trailing slash', () => {
    expect(articleUrl('https://preview.example.org/', 'iop')).toBe('https://preview.example.org/blog/iop/')
    expect(articleUrl('http://localhost:4321', 'iop')).toBe('http://localhost:4321/blog/iop/')
  })

  it('registers the structure, Presentation and Vision tools', () => {
    const names = (config.plugins ?? []).map((plugin) => {
      if (typeof plugin === 'function') return 'function'
      // The Presentation plugin has no name of its own; its tool has.
      return plugin.name ?? (Array.isArray(plugin.tools) ? plugin.tools[0]?.name : undefined)
    })
    expect(names).toEqual(['sanity/structure', 'presentation', '@sanity/vision'])
  })

  it('gives the structure tool this Studio’s desk structure', () => {
    const [structurePlugin] = config.plugins ?? []
    const tool = typeof structurePlugin === 'object' ? structurePlugin.tools : undefined
    const [structureTool] = Array.isArray(tool) ? tool : []
    expect((structureTool?.options as {structure?: unknown} | undefined)?.structure).toBe(structure)
  })
})

describe('the Studio as it resolves its config', () => {
  let source: Source
  beforeAll(async () => {
    source = await studioSource()
  }, 120_000)

  const actionsFor = (schemaType: string) =>
    source.document.actions({schemaType, documentId: 'x', versionType: 'draft', releaseId: undefined})
  const names = (hooks: {displayName?: string | undefined; action?: string}[]) =>
    hooks.map((hook) => hook.displayName ?? hook.action)

  it('registers sign-off, request-review and the gated Publish for articles, keeping every other built-in', () => {
    const article = actionsFor('article')
    const faq = actionsFor('faq')
    expect(article.slice(0, 2)).toEqual([SignOffAction, RequestReviewAction])
    expect(article.find((action) => action.action === 'publish')?.displayName).toBe('ReviewGatedPublishAction')
    expect(article.slice(2).filter((action) => action.action !== 'publish')).toEqual(
      faq.filter((action) => action.action !== 'publish'),
    )
  })

  it('registers nothing of the review workflow for other types', () => {
    for (const type of ['faq', 'programLevel', 'therapy', 'clinicalReviewer', 'author']) {
      const actions = names(actionsFor(type))
      expect(actions).not.toContain('SignOffAction')
      expect(actions).not.toContain('RequestReviewAction')
      expect(actions).not.toContain('ReviewGatedPublishAction')
      expect(names(source.document.badges({schemaType: type, documentId: 'x'}))).not.toContain('ReviewStatusBadge')
    }
  })

  it('shows the review badges on articles', () => {
    expect(names(source.document.badges({schemaType: 'article', documentId: 'x'})).slice(-2)).toEqual([
      'ReviewStatusBadge',
      'AwaitingReviewBadge',
    ])
  })

  it('makes Settings a singleton: not creatable, not deletable, not duplicable', () => {
    expect(source.templates.map((template) => template.schemaType)).not.toContain('siteSettings')
    const settingsActions = actionsFor('siteSettings').map((action) => action.action)
    expect(settingsActions).toContain('publish')
    for (const forbidden of ['delete', 'duplicate', 'unpublish']) expect(settingsActions).not.toContain(forbidden)
  })

  it('resolves an article’s preview link on the site', async () => {
    const document = {_id: 'a', _type: 'article', slug: {current: 'iop'}}
    expect(await source.document.resolveProductionUrl({document})).toBe(articleUrl(studioEnv.previewUrl, 'iop'))
  })
})
