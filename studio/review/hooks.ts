import type {ReviewableArticle} from '@repo/schemas/review'
import {useEffect, useState} from 'react'
import {useClient} from 'sanity'
import type {ReviewerProfile, ReviewState} from './decisions.ts'
import {
  evaluateArticle,
  fetchReviewerProfiles,
  fetchReviewFacts,
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
export function useReviewState(article: ReviewableArticle | null | undefined): ReviewState {
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  // The facts depend only on which FAQs and reviewer the article points at, not on every keystroke.
  const key = JSON.stringify(reviewFactsRequest(article))
  const [facts, setFacts] = useState<Loaded<ReviewFacts>>()
  const [result, setResult] = useState<{article: ReviewableArticle; state: ReviewState}>()

  useEffect(() => {
    let live = true
    fetchReviewFacts(client, JSON.parse(key) as ReviewFactsRequest).then(
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
      (evaluation) => live && setResult({article, state: {state: 'ready', evaluation, policy: value.policy}}),
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
