import {publishedId} from '@repo/schemas/ids'
import {signoffsOfArticleListenQuery as SIGNOFFS_OF_ARTICLE} from '@repo/schemas/queries'
import type {ReviewableArticle} from '@repo/schemas/review'
import {useEffect, useState} from 'react'
import {useClient} from 'sanity'
import type {ReviewerProfile, ReviewState} from './decisions.ts'
import {
  evaluateArticle,
  fetchReviewerProfiles,
  fetchReviewFacts,
  latestSignedAt,
  type ReviewFacts,
  type ReviewFactsRequest,
  reviewFactsRequest,
  STUDIO_API_VERSION,
} from './facts.ts'

type Loaded<T> = {key: string; value: T} | {key: string; error: string}

/**
 * The review state of an article's content, recomputed whenever the content changes. Until the
 * result for exactly this content is known the state is `loading`, never a previous answer: a
 * stale "valid" must not let an edited draft through Publish.
 */
export function useReviewState(article: (ReviewableArticle & {_id: string}) | null | undefined): ReviewState {
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  // The facts depend on which FAQs the article embeds and on its sign-offs, not on every keystroke:
  // a new sign-off, or its attestation arriving, bumps `signoffEvents`.
  const signoffEvents = useSignoffEvents(article ? publishedId(article._id) : undefined)
  const key = JSON.stringify({...reviewFactsRequest(article), signoffEvents})
  const [facts, setFacts] = useState<Loaded<ReviewFacts>>()
  const [result, setResult] = useState<{article: ReviewableArticle; state: ReviewState}>()

  useEffect(() => {
    let live = true
    const {signoffEvents: _events, ...request} = JSON.parse(key) as ReviewFactsRequest & {signoffEvents: number}
    fetchReviewFacts(client, request).then(
      (value) => live && setFacts({key, value}),
      (error: unknown) => live && setFacts({key, error: errorMessage(error)}),
    )
    return () => {
      live = false
    }
  }, [client, key])

  useEffect(() => {
    if (!article || !facts || facts.key !== key || !('value' in facts)) return
    let live = true
    const {value} = facts
    evaluateArticle(article, value, new Date()).then(
      (evaluation) =>
        live &&
        setResult({
          article,
          state: {state: 'ready', evaluation, policy: value.policy, latestSignedAt: latestSignedAt(value)},
        }),
      (error: unknown) => live && setResult({article, state: {state: 'error', message: errorMessage(error)}}),
    )
    return () => {
      live = false
    }
  }, [article, facts, key])

  if (!article) return {state: 'none'}
  if (facts?.key === key && 'error' in facts) return {state: 'error', message: facts.error}
  if (result?.article === article) return result.state
  return {state: 'loading'}
}

/**
 * Counts changes to the article's sign-offs (a clinician signing, the attestor adding its
 * signature), so the review state is fetched again when one happens.
 */
function useSignoffEvents(articleId: string | undefined): number {
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  const [events, setEvents] = useState(0)
  useEffect(() => {
    if (!articleId) return
    const subscription = client
      .listen(SIGNOFFS_OF_ARTICLE, {articleId}, {visibility: 'query', includeResult: false})
      .subscribe({
        next: (event) => {
          if (event.type === 'mutation') setEvents((count) => count + 1)
        },
        error: (error: unknown) => console.error('Stopped listening for sign-offs', error),
      })
    return () => subscription.unsubscribe()
  }, [client, articleId])
  return events
}

/** Published reviewer profiles; undefined while loading. A failed fetch reads as "nobody is linked". */
export function useReviewerProfiles(): ReviewerProfile[] | undefined {
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  const [profiles, setProfiles] = useState<ReviewerProfile[]>()
  useEffect(() => {
    let live = true
    fetchReviewerProfiles(client).then(
      (value) => live && setProfiles(value),
      (error: unknown) => {
        console.error('Could not load clinical reviewer profiles', error)
        if (live) setProfiles([])
      },
    )
    return () => {
      live = false
    }
  }, [client])
  return profiles
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
