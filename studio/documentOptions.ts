/**
 * How documents behave in this Studio: the review workflow's actions and badges for articles,
 * the settings singleton, and the link from an article to its page on the site.
 */
import {articlePath} from '@repo/schemas/rules'
import type {
  DocumentActionComponent,
  DocumentActionsContext,
  DocumentBadgeComponent,
  DocumentBadgesContext,
  ResolveProductionUrlContext,
  Template,
} from 'sanity'
import {RequestReviewAction} from './actions/RequestReviewAction.tsx'
import {withReviewGate} from './actions/ReviewGatedPublishAction.tsx'
import {SignOffAction} from './actions/SignOffAction.tsx'
import {AwaitingReviewBadge} from './badges/AwaitingReviewBadge.ts'
import {ReviewStatusBadge} from './badges/ReviewStatusBadge.ts'
import {studioEnv} from './env.ts'
import {SETTINGS} from './structure/index.ts'

/** The write-once sign-off document type. */
const SIGNOFF_TYPE = 'clinicalSignoff'

/** Actions a singleton must not offer: there is exactly one settings document, always. */
const SINGLETON_FORBIDDEN_ACTIONS = new Set(['delete', 'duplicate', 'unpublish'])

/**
 * Articles get "Sign off" and "Request review" in front of the built-in actions, with Publish
 * gated on the review. Release versions and old revisions keep the defaults: a sign-off
 * belongs to the draft that will be published.
 */
export function resolveDocumentActions(
  prev: DocumentActionComponent[],
  context: Pick<DocumentActionsContext, 'schemaType' | 'versionType'>,
): DocumentActionComponent[] {
  if (context.schemaType === SETTINGS.type) {
    return prev.filter((action) => !action.action || !SINGLETON_FORBIDDEN_ACTIONS.has(action.action))
  }
  // A sign-off is write-once: made by "Sign off clinical review", never edited, duplicated or
  // deleted from the Studio (the build would refuse an edited one anyway).
  if (context.schemaType === SIGNOFF_TYPE) return []
  if (context.schemaType !== 'article') return prev
  const builtIn = prev.map((action) => (action.action === 'publish' ? withReviewGate(action) : action))
  const workflow = context.versionType === 'draft' || context.versionType === 'published'
  return workflow ? [SignOffAction, RequestReviewAction, ...builtIn] : builtIn
}

/** Articles show their review status and whether a review is awaited. */
export function resolveDocumentBadges(
  prev: DocumentBadgeComponent[],
  context: Pick<DocumentBadgesContext, 'schemaType'>,
): DocumentBadgeComponent[] {
  return context.schemaType === 'article' ? [...prev, ReviewStatusBadge, AwaitingReviewBadge] : prev
}

/**
 * The settings singleton cannot be created from "Create new": it already exists by its fixed ID.
 * Nor can a sign-off: only the "Sign off clinical review" action makes one.
 */
export function resolveTemplates(prev: Template[]): Template[] {
  return prev.filter((template) => template.schemaType !== SETTINGS.type && template.schemaType !== SIGNOFF_TYPE)
}

/** "Open preview" on an article opens its page on the preview server (`SANITY_STUDIO_PREVIEW_URL`). */
export async function resolveProductionUrl(
  prev: string | undefined,
  context: Pick<ResolveProductionUrlContext, 'document'>,
): Promise<string | undefined> {
  const {document} = context
  const slug = (document['slug'] as {current?: unknown} | undefined)?.current
  if (document._type !== 'article' || typeof slug !== 'string' || !slug) return prev
  return articleUrl(studioEnv.previewUrl, slug)
}

/** The URL of an article on the site at `origin`. */
export function articleUrl(origin: string, slug: string): string {
  return `${origin.replace(/\/+$/, '')}${articlePath(encodeURIComponent(slug))}`
}
