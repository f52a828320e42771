import type {DocumentBadgeComponent} from 'sanity'
import {currentArticle} from '../review/article.ts'
import {reviewStatusBadge} from '../review/decisions.ts'
import {useReviewState} from '../review/hooks.ts'

/** Reviewed (date), Expires in N days, Review stale, Review expired, Reviewer unverified, Not reviewed. */
export const ReviewStatusBadge: DocumentBadgeComponent = (props) =>
  reviewStatusBadge(useReviewState(currentArticle(props)))
ReviewStatusBadge.displayName = 'ReviewStatusBadge'
