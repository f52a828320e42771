/**
 * The Presentation tool: the preview server (`SANITY_STUDIO_PREVIEW_URL`) beside the document
 * form, in draft mode through the preview server's secret handshake, with click-to-edit overlays.
 * An article opens at its page on the site, by the site's own path rule.
 */
import {articlePath, DRAFT_MODE_ROUTES} from '@repo/schemas/rules'
import {type DocumentLocationResolvers, type DocumentResolver, presentationTool} from 'sanity/presentation'
import {studioEnv} from './env.ts'

/** The article behind a page of the preview: its address is the site's article path. */
export const mainDocuments: DocumentResolver[] = [
  {route: articlePath(':slug'), filter: `_type == "article" && slug.current == $slug`},
]

/** Where a document is shown: an article on its own page, once it has a slug. */
export const locations: DocumentLocationResolvers = {
  article: {
    select: {title: 'title', slug: 'slug.current'},
    resolve: (article) => {
      const slug: unknown = article?.['slug']
      if (typeof slug !== 'string' || !slug) return {message: 'Give the article a slug to preview its page.'}
      return {locations: [{title: String(article?.['title'] || 'Untitled article'), href: articlePath(slug)}]}
    },
  },
}

/** The Presentation tool for this Studio, previewing on `origin` (the preview server). */
export function presentation(origin: string = studioEnv.previewUrl) {
  return presentationTool({
    title: 'Preview',
    previewUrl: {initial: origin, previewMode: {enable: DRAFT_MODE_ROUTES.enable, disable: DRAFT_MODE_ROUTES.disable}},
    resolve: {mainDocuments, locations},
  })
}
