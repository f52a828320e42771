import type {RawContent} from './graph.ts'
import {
  articlesQuery,
  authorsQuery,
  faqsQuery,
  imageAssetsQuery,
  programLevelsQuery,
  redirectsQuery,
  reviewersQuery,
  settingsQuery,
  signoffsQuery,
  therapiesQuery,
} from './queries.ts'
import type {ContentSource} from './source-types.ts'

/**
 * Runs the one query per collection, in parallel; the collections that grow with the content are
 * read whole through the source's paged read.
 */
export async function fetchRawContent(source: ContentSource): Promise<RawContent> {
  const [articles, programLevels, therapies, faqs, reviewers, authors, settings, imageAssets, redirects, signoffs] =
    await Promise.all([
      source.fetchAll(articlesQuery),
      source.fetch(programLevelsQuery),
      source.fetch(therapiesQuery),
      source.fetchAll(faqsQuery),
      source.fetch(reviewersQuery),
      source.fetch(authorsQuery),
      source.fetch(settingsQuery),
      source.fetchAll(imageAssetsQuery),
      source.fetchAll(redirectsQuery),
      source.fetchAll(signoffsQuery),
    ])
  return {articles, programLevels, therapies, faqs, reviewers, signoffs, authors, settings, imageAssets, redirects}
}
