/**
 * The clinical review report every build prints: how many articles are in each review state,
 * which ones cannot show a review, with why, and when the next review claim on the site will
 * change. Editors read it in the build log; whoever runs the deploys reads the last line as the
 * latest moment the next build must run.
 */
import {claimEndsAt, REVIEW_STATUSES, type ReviewStatus} from '@repo/schemas/review'
import type {ArticleEntry} from './content.ts'

export interface ReviewReportOptions {
  /** Fail when any article that needs review is not `valid` (`REVIEW_STRICT=1`). */
  strict: boolean
  log: (line: string) => void
}

/** Statuses that mean an article's page carries no review claim although it should. */
const NEEDS_ATTENTION: ReadonlySet<ReviewStatus> = new Set([
  'stale',
  'expired',
  'missing',
  'reviewer-unverified',
  'unverified',
])

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
  lines.push(nextChangeLine(articles, now))
  return lines
}

/** The earliest instant a review claim the site shows will lapse, and the articles whose claim lapses then. */
export interface NextClaimChange {
  at: Date
  /** Each article whose claim ends at `at`, with why: its review's expiry or its reviewer's licence. */
  changes: Array<{slug: string; why: string}>
}

/**
 * When the next review claim on the site will change: the earliest review expiry or reviewer
 * licence expiry among the reviews the site shows (`valid`). Undefined when it shows none.
 */
export function nextClaimChange(articles: readonly ArticleEntry[]): NextClaimChange | undefined {
  let next: NextClaimChange | undefined
  for (const {article, review, reviewedBy} of articles) {
    const reviewer = reviewedBy?.reviewer
    const ends = claimEndsAt(review, reviewer)
    if (!ends || (next && ends.getTime() > next.at.getTime())) continue
    const licenceDay = reviewer?.licence?.expiresAt
    const byLicence = review.expiresAt === undefined || ends.getTime() < new Date(review.expiresAt).getTime()
    const why = byLicence
      ? `${reviewer?.name ?? 'the reviewer'}’s licence expires on ${licenceDay}`
      : `review of ${review.reviewedAt?.slice(0, 10)} expires`
    if (!next || ends.getTime() < next.at.getTime()) next = {at: ends, changes: []}
    next.changes.push({slug: article.slug, why})
  }
  return next
}

function nextChangeLine(articles: readonly ArticleEntry[], now: Date): string {
  const next = nextClaimChange(articles)
  if (!next) return '[review] Next review claim change: none (no article shows a review claim).'
  const days = Math.max(0, Math.floor((next.at.getTime() - now.getTime()) / (24 * 60 * 60 * 1000)))
  const shown = next.changes.slice(0, 5).map(({slug, why}) => `${slug} (${why})`)
  const more = next.changes.length > shown.length ? `, and ${next.changes.length - shown.length} more` : ''
  return `[review] Next review claim change: ${next.at.toISOString()} (in ${days} day${days === 1 ? '' : 's'}): ${shown.join(', ')}${more}. A build after then no longer shows ${next.changes.length === 1 ? 'that claim' : 'those claims'}.`
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
