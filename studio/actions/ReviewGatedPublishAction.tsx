import {useToast} from '@sanity/ui/toast'
import type {DocumentActionComponent} from 'sanity'
import {currentArticle} from '../review/article.ts'
import {publishDecision} from '../review/decisions.ts'
import {useReviewState} from '../review/hooks.ts'

/**
 * Wraps the built-in Publish action: an article that requires clinical review can only be
 * published while the content being published (the draft) has a valid review. Otherwise the
 * original action runs untouched, including its own reasons for being disabled.
 */
export function withReviewGate(publish: DocumentActionComponent): DocumentActionComponent {
  const ReviewGatedPublishAction: DocumentActionComponent = (props) => {
    const description = publish(props)
    const article = currentArticle(props)
    const review = useReviewState(article)
    const toast = useToast()

    if (!description || description.disabled) return description
    const decision = publishDecision({article, review})
    if (!decision.disabled) return description
    return {
      ...description,
      disabled: true,
      title: decision.title,
      // The keyboard shortcut can reach onHandle even when the button is disabled.
      onHandle: () => toast.push({status: 'warning', title: 'Not published', description: decision.title}),
    }
  }
  ReviewGatedPublishAction.action = 'publish'
  ReviewGatedPublishAction.displayName = 'ReviewGatedPublishAction'
  return ReviewGatedPublishAction
}
