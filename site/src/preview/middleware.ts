/**
 * Every request to the preview server: decides what it may see, loads that content for this
 * request only, and marks every response as private and not for search engines. Installed by the
 * preview integration; the static build never has it.
 */

import {defineMiddleware} from 'astro:middleware'
import {fetchArticlePageDocuments, loadArticlePageContent} from '@repo/schemas/content'
import {reviewClock} from '@repo/schemas/review'
import {previewFramePolicy} from '../lib/csp.ts'
import {contentSource} from './client.ts'
import {DRAFT_MODE_COOKIE, previewSettings} from './settings.ts'
import {editableArticle} from './stega.ts'

const ARTICLE_PAGE = /^\/blog\/([a-z0-9]+(?:-[a-z0-9]+)*)\/$/

export const onRequest = defineMiddleware(async (context, next) => {
  const settings = previewSettings()
  // Only this server's own cookie value counts: draft mode cannot be asked for, only granted.
  const draftMode = context.cookies.get(DRAFT_MODE_COOKIE)?.value === settings.cookieValue
  const perspective = draftMode ? 'drafts' : 'published'
  context.locals.preview = {draftMode, perspective, studioUrl: settings.studioUrl}
  if (draftMode) context.locals.preview.editable = (article) => editableArticle(article, settings.studioUrl)

  const articleSlug = ARTICLE_PAGE.exec(context.url.pathname)?.[1]
  if (articleSlug) {
    // A page does the work of its own page: the article and what it references, not the site.
    const page = fetchArticlePageDocuments(await contentSource(perspective), articleSlug)
    context.locals.content = page.then(({documents}) =>
      loadArticlePageContent(documents, reviewClock(process.env['REVIEW_NOW'])),
    )
    context.locals.preview.article = (await page).article
    if (draftMode) {
      // Whether readers still see a reviewed article while the draft waits for a new sign-off.
      context.locals.preview.publishedReview = (async () => {
        const published = await fetchArticlePageDocuments(await contentSource('published'), articleSlug)
        if (!published.article) return undefined
        const content = await loadArticlePageContent(published.documents, reviewClock(process.env['REVIEW_NOW']))
        return content.articles.find((entry) => entry.article.slug === articleSlug)?.review
      })()
    }
  }

  const response = await next()
  // Drafts and sign-off states are for editors and clinicians: never cached, never indexed.
  response.headers.set('Cache-Control', 'private, no-store')
  response.headers.set('X-Robots-Tag', 'noindex, nofollow')
  response.headers.set('Referrer-Policy', 'no-referrer')
  // Framed by the Studio's Presentation tool, and by nothing else.
  response.headers.set('Content-Security-Policy', previewFramePolicy(settings.studioUrl))
  return response
})
