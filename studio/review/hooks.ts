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

/** How often an open article's sign-offs are read again: a clinician signing elsewhere, an attestation arriving. */
const REFRESH_MS = 5_000

/**
 * The review state of an article's content, recomputed whenever the content changes. Until the
 * result for exactly this content is known the state is `loading`, never a previous answer: a
 * stale "valid" must not let an edited draft through Publish. The facts (FAQs, sign-offs, their
 * reviewers) are read again every few seconds in the background, so a sign-off made in another
 * browser, or its attestation, shows up without a reload; an unchanged answer changes nothing.
 */
export function useReviewState(article: (ReviewableArticle & {_id: string}) | null | undefined): ReviewState {
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  // The facts depend on which FAQs the article embeds and on its sign-offs, not on every keystroke.
  const key = JSON.stringify(reviewFactsRequest(article))
  const tick = useTick(article ? REFRESH_MS : undefined)
  const [facts, setFacts] = useState<Loaded<ReviewFacts> & {json?: string}>()
  const [result, setResult] = useState<{article: ReviewableArticle; state: ReviewState}>()

  useEffect(() => {
    // Runs again on every `tick`: a background refresh of the same facts.
    if (tick < 0) return
    let live = true
    sharedFacts(client, key).then(
      (value) => {
        if (!live) return
        const json = JSON.stringify(value)
        // A refresh that found nothing new keeps the same object: nothing is evaluated again.
        setFacts((previous) => (previous?.key === key && previous.json === json ? previous : {key, value, json}))
      },
      (error: unknown) => live && setFacts({key, error: errorMessage(error)}),
    )
    return () => {
      live = false
    }
  }, [client, key, tick])

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

/** A counter that goes up every `ms` (never when undefined). */
function useTick(ms: number | undefined): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (ms === undefined) return
    const timer = setInterval(() => setTick((count) => count + 1), ms)
    return () => clearInterval(timer)
  }, [ms])
  return tick
}

/**
 * One read of an article's facts shared by every badge and action showing it: a read already in
 * flight for the same article is joined, not repeated.
 */
const inFlight = new Map<string, Promise<ReviewFacts>>()
function sharedFacts(client: Parameters<typeof fetchReviewFacts>[0], key: string): Promise<ReviewFacts> {
  const running = inFlight.get(key)
  if (running) return running
  const facts = fetchReviewFacts(client, JSON.parse(key) as ReviewFactsRequest)
  inFlight.set(key, facts)
  const done = () => inFlight.delete(key)
  facts.then(done, done)
  return facts
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
