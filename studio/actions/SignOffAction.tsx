import {clinicalContentHash} from '@repo/schemas/review'
import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {useToast} from '@sanity/ui/toast'
import {useEffect, useRef, useState} from 'react'
import {type DocumentActionComponent, useClient, useCurrentUser, useValidationStatus, useWorkspace} from 'sanity'
import {SignOffDialog} from '../components/SignOffDialog.tsx'
import {articlePreviewHref} from '../preview-links.ts'
import {type ArticleDocument, currentArticle} from '../review/article.ts'
import {signOffDecision, whoMaySign} from '../review/decisions.ts'
import {buildSignoff, fetchReviewFacts, reviewFactsRequest, STUDIO_API_VERSION} from '../review/facts.ts'
import {useReviewerProfiles, useReviewState} from '../review/hooks.ts'

/**
 * "Sign off clinical review": offered only to a Studio user the repository's signers file links
 * to a clinical reviewer profile. Creates a `clinicalSignoff` document with the clinician's own
 * login (so the Content Lake records them as its author), bound by hash to the exact content shown
 * in the dialog; if the content changes while the dialog is open, nothing is signed. The article
 * itself is not changed, and the sign-off is never patched: signing again creates another.
 */
export const SignOffAction: DocumentActionComponent = (props) => {
  const article = currentArticle(props)
  const user = useCurrentUser()
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  const validation = useValidationStatus(props.version?._id ?? `drafts.${props.id}`, props.type, true)
  const toast = useToast()
  const reviewers = useReviewerProfiles()
  const review = useReviewState(article)
  const {basePath} = useWorkspace()
  // What the clinician saw when they opened the dialog; signing compares it with the latest content.
  const [shown, setShown] = useState<ArticleDocument | null>(null)
  const [busy, setBusy] = useState(false)
  const latest = useRef(article)
  useEffect(() => {
    latest.current = article
  }, [article])

  const signer = reviewers === undefined ? undefined : whoMaySign(user, reviewers)
  const decision = signOffDecision({
    signer,
    article,
    hasValidationErrors: validation.validation.some((marker) => marker.level === 'error'),
    validating: validation.isValidating,
    review,
    now: new Date(),
  })
  if (decision.hidden) return null

  const sign = async (note: string) => {
    if (!shown || !user || !signer?.canSign) return
    setBusy(true)
    try {
      const facts = await fetchReviewFacts(client, reviewFactsRequest(shown))
      const current = latest.current
      if (
        !current ||
        (await clinicalContentHash(current, facts.faqs)) !== (await clinicalContentHash(shown, facts.faqs))
      ) {
        throw new Error('The article changed while you were reviewing it. Read the current version and sign off again.')
      }
      const signoff = await buildSignoff({
        article: {...shown, _id: props.id},
        faqs: facts.faqs,
        reviewer: signer.reviewer,
        user,
        note,
        now: new Date(),
      })
      await client.create(signoff)
      toast.push({
        status: 'success',
        title: 'Clinical review signed off',
        description:
          'Your sign-off is recorded and will be attested within seconds; then the article can be published with the review.',
      })
      setShown(null)
    } catch (error) {
      toast.push({
        status: 'error',
        title: 'Not signed off',
        description: error instanceof Error ? error.message : String(error),
      })
    } finally {
      setBusy(false)
    }
  }

  const notReady = !props.ready
  return {
    label: 'Sign off clinical review',
    icon: CheckmarkCircleIcon,
    tone: 'positive',
    disabled: decision.disabled || notReady,
    title: notReady && !decision.disabled ? 'The document is still loading.' : decision.title,
    onHandle: () => setShown(article),
    dialog:
      shown && signer?.canSign
        ? {
            type: 'dialog',
            header: 'Sign off clinical review',
            width: 'medium',
            onClose: () => setShown(null),
            content: (
              <SignOffDialog
                articleTitle={shown.title || 'Untitled article'}
                reviewer={signer.reviewer}
                policy={review.state === 'ready' ? review.policy : undefined}
                busy={busy}
                previewHref={articlePreviewHref(
                  basePath,
                  props.id,
                  (shown as {slug?: {current?: unknown}}).slug?.current,
                )}
                onConfirm={(note) => void sign(note)}
                onCancel={() => setShown(null)}
              />
            ),
          }
        : null,
  }
}
SignOffAction.displayName = 'SignOffAction'
