import rss from '@astrojs/rss'
import type {APIRoute, GetStaticPaths} from 'astro'
import {loadContent, onlyPath} from '../data/content.ts'

/** How many of the newest articles the feed carries; readers subscribe for what is new. */
const FEED_LENGTH = 50

/** `/rss.xml`, a named endpoint only so that it can carry a cache key (see `onlyPath`). */
export const getStaticPaths = (() =>
  onlyPath({feed: 'rss'}, 'rss', ({articles}) => ({
    settings: true,
    articles: articles.slice(0, FEED_LENGTH),
  }))) satisfies GetStaticPaths

/** The blog as RSS: the newest articles first, each with its summary. */
export const GET: APIRoute = async (context) => {
  if (context.params['feed'] !== 'rss') return new Response(null, {status: 404})
  const {settings, articles} = await loadContent(context.locals)
  return rss({
    title: `${settings.organizationName} blog`,
    description: settings.tagline ?? `Articles from ${settings.organizationName}`,
    site: context.site ?? 'http://localhost:4321',
    trailingSlash: true,
    items: articles.slice(0, FEED_LENGTH).map(({article, url}) => ({
      title: article.title,
      link: url,
      pubDate: new Date(article.publishedAt),
      // RSS readers render a description as HTML: the excerpt is plain text, so escape it as such.
      description: escapeHtml(article.excerpt ?? ''),
    })),
  })
}

/** Text as HTML that shows exactly that text. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
