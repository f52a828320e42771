/**
 * Document IDs: the one place that knows how a draft (`drafts.<id>`) or a release version
 * (`versions.<release>.<id>`) relates to its published document. Every package asks here, so a
 * reference to a draft resolves the same way in the Studio, `pnpm validate` and the site build.
 *
 * The rules are `@sanity/client`'s own (the Content Lake's), re-exported so nobody writes them again.
 * Browser-safe: the Studio bundles it.
 */
import {getPublishedId as clientPublishedId, getDraftId, isDraftId, isVersionId} from '@sanity/client/csm'

export {getDraftId, isDraftId, isVersionId}

/**
 * The published ID of a document or of a reference's target, whether it names the published
 * document, its draft or one of its release versions.
 */
export function publishedId(id: string): string {
  // `versions.<release>` with nothing after it names no document; keep it as it is rather than
  // map it to "" (stored sign-offs were hashed with such an ID left unchanged).
  return clientPublishedId(id) || id
}

/** True for documents the published perspective shows: neither a draft nor a release version. */
export function isPublishedId(id: string): boolean {
  return !isDraftId(id) && !isVersionId(id)
}

/** True when `id` is `published` itself, its draft or one of its release versions. */
export function isVersionOf(id: string, published: string): boolean {
  return publishedId(id) === published
}
