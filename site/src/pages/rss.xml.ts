import rss from '@astrojs/rss'
import type {APIRoute} from 'astro'
import {loadContent} from '../data/content.ts'

/** The blog as RSS: every article, newest first, with its summary. */
export const GET: APIRoute = async (context) => {
  const {settings, articles} = await loadContent()
  return rss({
    title: `${settings.organizationName} blog`,
    description: settings.tagline ?? `Articles from ${settings.organizationName}`,
    site: context.site ?? 'http://localhost:4321',
    trailingSlash: true,
    items: articles.map(({article, url}) => ({
      title: article.title,
      link: url,
      pubDate: new Date(article.publishedAt),
      description: article.excerpt ?? '',
    })),
  })
}
