/**
 * Who may sign off clinical reviews as which reviewer. The list lives in the repository
 * (`schemas/review-signers.json`), not in the content: an editor who can write a reviewer profile
 * cannot add themselves, and every change is a commit with its history and review. The Studio
 * reads it to offer Sign off; the build and the attestor read it to verify a sign-off.
 */
import file from '../../review-signers.json' with {type: 'json'}

/** Reviewer profile `_id` → the Sanity user IDs allowed to sign as that reviewer. */
export type ReviewSigners = ReadonlyMap<string, readonly string[]>

/**
 * Reads a signers file's content (`{"signers": {"<reviewer _id>": ["<user id>", …]}}`), refusing
 * anything else with a message naming the entry, so a bad edit fails loudly instead of silently
 * letting nobody (or anybody) sign.
 */
export function parseReviewSigners(value: unknown, source = 'schemas/review-signers.json'): ReviewSigners {
  const signers = isRecord(value) ? value['signers'] : undefined
  if (!isRecord(signers)) throw new TypeError(`${source}: expected {"signers": {"<reviewer _id>": ["<user id>"]}}.`)
  const map = new Map<string, readonly string[]>()
  for (const [reviewerId, ids] of Object.entries(signers)) {
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id.trim() !== '')) {
      throw new TypeError(`${source}: signers.${reviewerId} must be a list of Sanity user IDs.`)
    }
    if (reviewerId.startsWith('drafts.') || reviewerId.startsWith('versions.')) {
      throw new TypeError(`${source}: signers.${reviewerId} names a draft; use the published _id.`)
    }
    map.set(reviewerId, Object.freeze([...new Set(ids as string[])]))
  }
  return map
}

/** The repository's signers list. */
export const REVIEW_SIGNERS: ReviewSigners = parseReviewSigners(file)

/** Whether `userId` may sign as the reviewer `reviewerId` (a published `_id`). */
export function isAllowedSigner(
  userId: string | null | undefined,
  reviewerId: string | null | undefined,
  signers: ReviewSigners = REVIEW_SIGNERS,
): boolean {
  if (!userId || !reviewerId) return false
  return signers.get(reviewerId)?.includes(userId) ?? false
}

/** The reviewer profile `_id`s `userId` may sign as. */
export function reviewersSignableBy(userId: string, signers: ReviewSigners = REVIEW_SIGNERS): string[] {
  return [...signers].filter(([, ids]) => ids.includes(userId)).map(([reviewerId]) => reviewerId)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
