/**
 * The clinical review report every build prints: how many articles are in each review state,
 * and which ones cannot show a review, with why. Editors read it in the build log.
 */
import {REVIEW_STATUSES, type ReviewStatus} from '@repo/schemas/review'
import type {ArticleEntry} from './content.ts'

export interface ReviewReportOptions {
  /** Fail when any article that needs review is not `valid` (`REVIEW_STRICT=1`). */
  strict: boolean
  log: (line: string) => void
}

/** Statuses that mean an article's page carries no review claim although it should. */
const NEEDS_ATTENTION: ReadonlySet<ReviewStatus> = new Set(['stale', 'expired', 'missing', 'reviewer-unverified'])

/** A build stopped by `REVIEW_STRICT=1`. */
export class ReviewStrictError extends Error {
  override readonly name = 'ReviewStrictError'
}

/** The report's lines: a header with counts per status, then one line per article needing attention. */
export function reviewReportLines(articles: readonly ArticleEntry[], now: Date): string[] {
  const counts = new Map<ReviewStatus, number>(REVIEW_STATUSES.map((status) => [status, 0]))
  for (const {review} of articles) counts.set(review.status, (counts.get(review.status) ?? 0) + 1)
  const summary = REVIEW_STATUSES.map((status) => `${status} ${counts.get(status) ?? 0}`).join(', ')
  const lines = [
    `[review] Clinical review report at ${now.toISOString()}: ${articles.length} article${articles.length === 1 ? '' : 's'} (${summary})`,
  ]
  for (const {article, review} of articles) {
    if (NEEDS_ATTENTION.has(review.status)) {
      lines.push(`[review]   ${review.status.padEnd(19)} ${article.slug}: ${review.reason}`)
    }
  }
  return lines
}

/** Prints the report; in strict mode, throws when any article that needs review is not valid. */
export function printReviewReport(
  content: {articles: readonly ArticleEntry[]; now: Date},
  options: ReviewReportOptions,
): void {
  for (const line of reviewReportLines(content.articles, content.now)) options.log(line)
  if (!options.strict) return
  const failing = content.articles.filter(({review}) => review.status !== 'valid' && review.status !== 'not-required')
  if (failing.length > 0) {
    throw new ReviewStrictError(
      `REVIEW_STRICT=1: ${failing.length} article${failing.length === 1 ? '' : 's'} cannot show a valid clinical review: ${failing
        .map(({article, review}) => `${article.slug} (${review.status})`)
        .join(', ')}`,
    )
  }
}
