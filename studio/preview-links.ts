/**
 * Links from the Studio to the preview of an article, by the site's own path rule. Kept apart
 * from the Presentation tool's plugin so document actions can use them without loading it.
 */
import {articlePath} from '@repo/schemas/rules'

/**
 * The Presentation tool showing one article's page rendered from its draft: `basePath` is the
 * workspace's (`useWorkspace().basePath`). Undefined while the article has no slug.
 */
export function articlePreviewHref(basePath: string, articleId: string, slug: unknown): string | undefined {
  if (typeof slug !== 'string' || !slug) return undefined
  const id = articleId.replace(/^drafts\./, '')
  const preview = encodeURIComponent(articlePath(slug))
  return `${basePath.replace(/\/+$/, '')}/presentation/article/${encodeURIComponent(id)}?preview=${preview}`
}
