import {SITE_SETTINGS_ID} from '@repo/schemas'
import {DEFAULT_REVIEW_POLICY} from '@repo/schemas/review'
import {CogIcon} from '@sanity/icons/Cog'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {InfoOutlineIcon} from '@sanity/icons/InfoOutline'
import {StackIcon} from '@sanity/icons/Stack'
import type {DocumentListBuilder, StructureBuilder, StructureResolver, StructureResolverContext} from 'sanity/structure'
import {fetchReviewPolicy, STUDIO_API_VERSION} from '../review/facts.ts'
import {ARTICLE_REVIEW_LISTS, type ArticleListDefinition, articleListFilter, articleListParams} from './articleLists.ts'

/** The settings singleton's document ID and type. */
export const SETTINGS = {id: SITE_SETTINGS_ID, type: 'siteSettings'} as const

/**
 * The desk: Articles with the review work lists, the continuum of care in order, the other
 * content types, redirects (old addresses, by path), and Settings pinned as a single document.
 */
export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Articles')
        .id('articles')
        .icon(DocumentTextIcon)
        .child(
          S.list()
            .title('Articles')
            .id('articles')
            .items([
              S.listItem()
                .title('All articles')
                .id('all-articles')
                .schemaType('article')
                .child(S.documentTypeList('article').title('All articles')),
              S.divider(),
              ...ARTICLE_REVIEW_LISTS.map((list) =>
                S.listItem()
                  .title(list.title)
                  .id(list.id)
                  .schemaType('article')
                  .child(() => reviewList(S, context, list)),
              ),
            ]),
        ),
      S.listItem()
        .title('Continuum of care')
        .id('continuum-of-care')
        .icon(StackIcon)
        .schemaType('programLevel')
        .child(
          S.documentTypeList('programLevel')
            .title('Continuum of care')
            .defaultOrdering([{field: 'continuumPosition', direction: 'asc'}]),
        ),
      S.documentTypeListItem('therapy').title('Therapies'),
      S.documentTypeListItem('faq').title('FAQs'),
      S.documentTypeListItem('clinicalReviewer').title('Clinical reviewers'),
      S.documentTypeListItem('clinicalSignoff').title('Clinical sign-offs'),
      S.documentTypeListItem('author').title('Authors'),
      S.listItem()
        .title('Redirects')
        .id('redirects')
        .schemaType('redirect')
        .child(
          S.documentTypeList('redirect')
            .title('Redirects')
            .defaultOrdering([{field: 'from', direction: 'asc'}]),
        ),
      S.divider(),
      S.listItem()
        .title('Settings')
        .id(SETTINGS.id)
        .icon(CogIcon)
        .child(S.document().schemaType(SETTINGS.type).documentId(SETTINGS.id).title('Settings')),
    ])

/**
 * One review list, built when it is opened so its dates are computed from the policy in
 * Settings and the current time.
 */
async function reviewList(
  S: StructureBuilder,
  context: StructureResolverContext,
  list: ArticleListDefinition,
): Promise<DocumentListBuilder> {
  const client = context.getClient({apiVersion: STUDIO_API_VERSION})
  const policy = await fetchReviewPolicy(client).catch(() => DEFAULT_REVIEW_POLICY)
  const params = articleListParams(policy, new Date())
  // Starting from the type list keeps its sort and layout menus, intents and "create" button.
  const articles = S.documentTypeList('article')
  const pane = articles
    .id(list.id)
    .title(list.title)
    .apiVersion(STUDIO_API_VERSION)
    .defaultOrdering(list.defaultOrdering)
    .menuItems([
      ...(articles.getMenuItems() ?? []),
      S.menuItem()
        .title('About this list')
        .icon(InfoOutlineIcon)
        .action(() => window.alert(`${list.title}\n\n${list.description}`)),
    ])
  if (!list.publishedIdsQuery) return pane.filter(articleListFilter(list)).params({...params})
  const ids = await client.fetch<string[]>(list.publishedIdsQuery, {...params}, {perspective: 'published'})
  return pane.filter(articleListFilter(list)).params({ids})
}
