import type {DocumentBadgeComponent} from 'sanity'
import {currentArticle} from '../review/article.ts'
import {awaitingReviewBadge} from '../review/decisions.ts'
import {useReviewState} from '../review/hooks.ts'

/** "Awaiting review" while a review request has no sign-off after it. */
export const AwaitingReviewBadge: DocumentBadgeComponent = (props) => {
  const article = currentArticle(props)
  return awaitingReviewBadge(article, useReviewState(article))
}
AwaitingReviewBadge.displayName = 'AwaitingReviewBadge'
