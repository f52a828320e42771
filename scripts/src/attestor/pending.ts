/**
 * Re-running the attestor over sign-offs it never attested (a webhook delivery that failed, or
 * the attestor down): the same checks, with the creator taken from the transaction history.
 */

import type {SignoffRecord} from '@repo/schemas/review'
import type {SanityClient} from '@sanity/client'
import {type AttestOutcome, type AttestorOptions, attestSignoff} from './attestor.ts'

/** Every published sign-off without a signature. */
export const UNATTESTED_SIGNOFFS = `*[_type == "clinicalSignoff" && !defined(signature) && !(_id in path("drafts.**"))] | order(signedAt asc) {_id, article, contentHash, reviewer, signer, signedAt}`

/** Attests each unattested sign-off whose creator the history names; returns each outcome. */
export async function attestPending(
  client: SanityClient,
  creatorOf: (id: string) => Promise<string | undefined>,
  options: AttestorOptions,
): Promise<AttestOutcome[]> {
  const pending = await client.fetch<SignoffRecord[]>(UNATTESTED_SIGNOFFS)
  const outcomes: AttestOutcome[] = []
  for (const signoff of pending) {
    const createdBy = await creatorOf(signoff._id).catch((error: Error) => {
      options.log?.(`[attestor] ${signoff._id}: no transaction history (${error.message})`)
      return undefined
    })
    outcomes.push(await attestSignoff(signoff, createdBy, options))
  }
  return outcomes
}
