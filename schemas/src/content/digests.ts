/**
 * One digest per queried document per build, shared by whatever needs a document's identity: the
 * pages' cache keys (`cache-keys.ts`) and the memo of review content hashes (`join.ts`). At 10,000
 * articles a document's JSON is the costly part (0.4 s for all of them); computed once and kept
 * only as its digest, it costs that once and holds a few bytes a document.
 */
import {createHash} from 'node:crypto'

const digests = new WeakMap<object, string>()

/** SHA-1 (hex) of the document's JSON as the query returned it. */
export function documentDigest(doc: object): string {
  let digest = digests.get(doc)
  if (digest === undefined) {
    digest = createHash('sha1').update(JSON.stringify(doc)).digest('hex')
    digests.set(doc, digest)
  }
  return digest
}

/**
 * Clinical content hashes remembered from the last build, and those this build used, keyed by
 * {@link contentHashKey}. A hash is a pure function of what the key covers, so a remembered one is
 * the hash the review rules would compute; a warm build then skips hashing (1.3 s at 10,000
 * articles) for every article whose text and embedded FAQs did not change.
 */
export interface ContentHashMemo {
  get(key: string): string | undefined
  set(key: string, hash: string): void
}

/** The key of an article's content hash: its document and the FAQs its body embeds, each by digest. */
export function contentHashKey(article: object, embeddedFaqs: readonly object[]): string {
  return ['clinicalContentHash/1', documentDigest(article), ...embeddedFaqs.map(documentDigest)].join(' ')
}
