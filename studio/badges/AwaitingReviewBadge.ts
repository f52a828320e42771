import type {DocumentBadgeComponent} from 'sanity'
import {currentArticle} from '../review/article.ts'
import {awaitingReviewBadge} from '../review/decisions.ts'

/** "Awaiting review" while a review request has no sign-off after it. */
export const AwaitingReviewBadge: DocumentBadgeComponent = (props) => awaitingReviewBadge(currentArticle(props))
AwaitingReviewBadge.displayName = 'AwaitingReviewBadge'
