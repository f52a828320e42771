/**
 * The article lists editors and clinicians work from, as data: a GROQ filter per list plus the
 * dates it compares against. GROQ cannot hash content or add calendar months, so these lists
 * approximate the review rules; the badge and the Publish button on each article are exact.
 */
import {publishedWithoutReviewIdsQuery} from '@repo/schemas/queries'
import {addMonths, type ReviewPolicy} from '@repo/schemas/review'

/** One list under Articles. */
export interface ArticleListDefinition {
  id: string
  title: string
  /** What the list shows and where it only approximates the review rules. */
  description: string
  /** GROQ filter over articles; combined with `_type == "article"` by the structure. */
  filter: string
  defaultOrdering: {field: string; direction: 'asc' | 'desc'}[]
  /**
   * For a list that judges published documents, not drafts (what readers see now): the content
   * layer's query for the IDs of the published articles it shows, passed to `filter` as `$ids`.
   */
  publishedIdsQuery?: string
}

/** The dates the filters compare against, as ISO instants (GROQ parameters). */
export interface ArticleListParams {
  /** A sign-off at or before this instant has outlived the policy's validity. */
  expiredBefore: string
  /** A sign-off at or before this instant (and after `expiredBefore`) is inside the warning window. */
  expiringBefore: string
}

const DAY = 24 * 60 * 60 * 1000
const REQUIRES_REVIEW = 'requiresClinicalReview != false'
/**
 * The sign-offs of the article being filtered (`^`), which reference it by its published ID while
 * the list may be showing its draft; `extra` narrows them further.
 */
const signoffsOfArticle = (extra = '') =>
  `*[_type == "clinicalSignoff" && (article._ref == ^._id || "drafts." + article._ref == ^._id)${extra}]`
/** When the article's newest sign-off was made (null without one). */
const REVIEWED_AT = `dateTime(${signoffsOfArticle()} | order(signedAt desc)[0].signedAt)`

/** The review lists under Articles, after "All articles". */
export const ARTICLE_REVIEW_LISTS: readonly ArticleListDefinition[] = [
  {
    id: 'awaiting-review',
    title: 'Awaiting review',
    description: 'An editor requested a clinical review and no clinician has signed off since the request.',
    filter: `defined(reviewRequest.requestedAt) && count(${signoffsOfArticle(' && dateTime(signedAt) >= dateTime(^.reviewRequest.requestedAt)')}) == 0`,
    defaultOrdering: [{field: 'reviewRequest.requestedAt', direction: 'asc'}],
  },
  {
    id: 'review-expiring',
    title: 'Review expiring soon',
    description:
      'Signed off long enough ago that the review expires within the warning window of the review policy in Settings. Content edits are not checked here (GROQ cannot compute the content hash), so a stale review can appear too; the badge on the article is exact.',
    filter: `${REQUIRES_REVIEW} && ${REVIEWED_AT} > dateTime($expiredBefore) && ${REVIEWED_AT} <= dateTime($expiringBefore)`,
    defaultOrdering: [{field: 'publishedAt', direction: 'asc'}],
  },
  {
    id: 'review-expired',
    title: 'Review expired',
    description:
      'Signed off longer ago than the review policy allows. Around the end of a month the list can be a day off from the exact rule the badge and the site use.',
    filter: `${REQUIRES_REVIEW} && ${REVIEWED_AT} <= dateTime($expiredBefore)`,
    defaultOrdering: [{field: 'publishedAt', direction: 'asc'}],
  },
  {
    id: 'never-reviewed',
    title: 'Never reviewed',
    description: 'Requires clinical review and has never been signed off.',
    filter: `${REQUIRES_REVIEW} && count(${signoffsOfArticle()}) == 0`,
    defaultOrdering: [{field: 'publishedAt', direction: 'desc'}],
  },
  {
    id: 'published-without-review',
    title: 'Published without required review',
    description:
      'Published articles that require review and have no sign-off, or a sign-off older than the policy allows. GROQ cannot compute the content hash, so this is an approximation: a published article edited after its sign-off is not listed here, yet the site hides its review claim. Drafts are not considered: this is what readers see now.',
    // Document lists follow the Studio's perspective (drafts over published), so the published
    // state is looked up first and the list then shows exactly those articles.
    filter: '_id in $ids',
    defaultOrdering: [{field: 'publishedAt', direction: 'desc'}],
    publishedIdsQuery: publishedWithoutReviewIdsQuery,
  },
]

/**
 * The parameters for {@link ARTICLE_REVIEW_LISTS} at `now`. Months are calendar months (as in
 * the shared rules); the inverse of "reviewed + N months" is approximated by "now − N months".
 */
export function articleListParams(policy: ReviewPolicy, now: Date): ArticleListParams {
  return {
    expiredBefore: addMonths(now, -policy.validityMonths).toISOString(),
    expiringBefore: addMonths(new Date(now.getTime() + policy.warningDays * DAY), -policy.validityMonths).toISOString(),
  }
}

/** The filter a list's document pane uses, over all articles. */
export function articleListFilter(list: ArticleListDefinition): string {
  return `_type == "article" && (${list.filter})`
}
