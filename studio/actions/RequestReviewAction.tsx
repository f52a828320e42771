import {CommentIcon} from '@sanity/icons/Comment'
import {useToast} from '@sanity/ui/toast'
import {useState} from 'react'
import {type DocumentActionComponent, useCurrentUser, useDocumentOperation} from 'sanity'
import {RequestReviewDialog} from '../components/RequestReviewDialog.tsx'
import {currentArticle} from '../review/article.ts'
import {requestReviewDecision} from '../review/decisions.ts'
import {buildReviewRequest} from '../review/facts.ts'
import {useReviewState} from '../review/hooks.ts'

/**
 * "Request clinical review": records who asked, when, and an optional note on the draft, which
 * puts the article on the clinicians' "Awaiting review" list.
 */
export const RequestReviewAction: DocumentActionComponent = (props) => {
  const article = currentArticle(props)
  const user = useCurrentUser()
  const {patch} = useDocumentOperation(props.id, props.type)
  const toast = useToast()
  const review = useReviewState(article)
  const [dialogOpen, setDialogOpen] = useState(false)

  const decision = requestReviewDecision({article, review})
  if (decision.hidden) return null

  const submit = (note: string) => {
    try {
      if (!user) throw new Error('You are not logged in.')
      patch.execute([{set: {reviewRequest: buildReviewRequest(user, note, new Date())}}])
      toast.push({
        status: 'success',
        title: 'Clinical review requested',
        description: 'The article is now on the “Awaiting review” list.',
      })
      setDialogOpen(false)
    } catch (error) {
      toast.push({
        status: 'error',
        title: 'Could not request a clinical review',
        description: error instanceof Error ? error.message : String(error),
      })
    }
  }

  const notReady = Boolean(patch.disabled)
  return {
    label: decision.label ?? 'Request clinical review',
    icon: CommentIcon,
    disabled: decision.disabled || notReady,
    title: notReady && !decision.disabled ? 'The document is still loading.' : decision.title,
    onHandle: () => setDialogOpen(true),
    dialog: dialogOpen
      ? {
          type: 'dialog',
          header: 'Request clinical review',
          onClose: () => setDialogOpen(false),
          content: (
            <RequestReviewDialog
              articleTitle={article?.title || 'Untitled article'}
              onConfirm={submit}
              onCancel={() => setDialogOpen(false)}
            />
          ),
        }
      : null,
  }
}
RequestReviewAction.displayName = 'RequestReviewAction'
