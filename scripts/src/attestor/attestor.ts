/**
 * The attestor: the one holder of the private key that makes a sign-off count. A Sanity webhook
 * calls it when a `clinicalSignoff` is created; it checks who created the document, then signs
 * the sign-off's canonical payload and stores the signature on it with a robot token.
 *
 * What it checks, for each sign-off, before signing:
 * - the webhook's signature (`@sanity/webhook`, the shared secret), so nobody else can call it;
 * - that the identity which created the document (the webhook projection's `identity()`, or the
 *   first transaction's author when re-run) is the sign-off's `signer`;
 * - that the signer may sign as the named reviewer (`schemas/review-signers.json`);
 * - that the stored document still holds exactly what was created (nothing patched since).
 * A sign-off already attested with this key is left alone: attesting is idempotent.
 */
import {
  type AttestedClaim,
  isAllowedSigner,
  REVIEW_SIGNERS,
  type ReviewSigners,
  type SignoffRecord,
  signoffClaim,
} from '@repo/schemas/review'
import {isValidSignature} from '@sanity/webhook'
import {type AttestorKey, attest} from './sign.ts'

/** The webhook body the README's projection sends: the created document's fields and its creator. */
export interface SignoffWebhookPayload extends SignoffRecord {
  _type?: string
  /** `identity()`: the Sanity user ID that made the mutation which created the document. */
  createdBy?: string | null
}

/** What the attestor reads and writes in the Content Lake (a `@sanity/client` fits). */
export interface AttestorLake {
  getDocument(id: string): Promise<(SignoffRecord & {_type?: string; _rev?: string}) | undefined | null>
  /** Sets the attestation fields, only if the document is still at revision `rev`. */
  setAttestation(
    id: string,
    rev: string,
    fields: {signature: string; signatureKeyId: string; attestedAt: string},
  ): Promise<void>
}

export interface AttestorOptions {
  key: AttestorKey
  lake: AttestorLake
  signers?: ReviewSigners
  now?: () => Date
  log?: (line: string) => void
}

/** The outcome of one attempt, with the HTTP status the receiver answers with. */
export interface AttestOutcome {
  status: 200 | 400 | 401 | 403 | 404 | 409 | 500
  result: 'attested' | 'already-attested' | 'refused'
  message: string
}

const refused = (status: AttestOutcome['status'], message: string): AttestOutcome => ({
  status,
  result: 'refused',
  message,
})

/** The fields a signature covers, compared between what was created and what is stored. */
function sameClaim(a: AttestedClaim, b: AttestedClaim): boolean {
  return (
    a.articleId === b.articleId &&
    a.contentHash === b.contentHash &&
    a.reviewerId === b.reviewerId &&
    a.signer === b.signer &&
    a.signedAt === b.signedAt
  )
}

/**
 * Attests one sign-off created by `createdBy`, from what was created (`created`: the webhook's
 * projection, or the document as first written). Every check failing says which, naming the document.
 */
export async function attestSignoff(
  created: SignoffRecord,
  createdBy: string | null | undefined,
  options: AttestorOptions,
): Promise<AttestOutcome> {
  const id = created._id
  const claim = signoffClaim(created)
  if (!claim) return refused(400, `${id}: not a complete sign-off (article, contentHash, reviewer, signer, signedAt)`)
  if (!createdBy || createdBy !== claim.signer) {
    return refused(
      403,
      `${id}: created by ${createdBy || 'an unknown identity'}, not by its signer ${claim.signer}; not attested`,
    )
  }
  if (!isAllowedSigner(claim.signer, claim.reviewerId, options.signers ?? REVIEW_SIGNERS)) {
    return refused(
      403,
      `${id}: signer ${claim.signer} is not listed for ${claim.reviewerId} in schemas/review-signers.json; not attested`,
    )
  }
  const stored = await options.lake.getDocument(id)
  if (stored?._type !== 'clinicalSignoff') return refused(404, `${id}: no such sign-off in the dataset`)
  const storedClaim = signoffClaim(stored)
  if (!storedClaim || !sameClaim(claim, storedClaim)) {
    return refused(409, `${id}: changed since it was created; not attested`)
  }
  const attestation = attest(claim, options.key)
  if (stored.signature === attestation.signature && stored.signatureKeyId === attestation.signatureKeyId) {
    return {status: 200, result: 'already-attested', message: `${id}: already attested with ${options.key.keyId}`}
  }
  if (!stored._rev) return refused(409, `${id}: the stored document has no revision to pin the attestation to`)
  const attestedAt = (options.now?.() ?? new Date()).toISOString()
  await options.lake.setAttestation(id, stored._rev, {...attestation, attestedAt})
  options.log?.(`[attestor] attested ${id} (${claim.articleId}, ${claim.reviewerId}, signed by ${claim.signer})`)
  return {status: 200, result: 'attested', message: `${id}: attested with ${options.key.keyId}`}
}

/**
 * Handles one webhook delivery: the raw body exactly as received (the signature covers its bytes)
 * and the `sanity-webhook-signature` header.
 */
export async function handleSignoffWebhook(
  rawBody: string,
  signatureHeader: string | undefined,
  options: AttestorOptions & {webhookSecret: string},
): Promise<AttestOutcome> {
  if (
    !signatureHeader ||
    !(await isValidSignature(rawBody, signatureHeader, options.webhookSecret).catch(() => false))
  ) {
    return refused(401, 'webhook signature invalid; nothing attested')
  }
  let payload: SignoffWebhookPayload
  try {
    payload = JSON.parse(rawBody) as SignoffWebhookPayload
  } catch {
    return refused(400, 'webhook body is not JSON')
  }
  if (typeof payload?._id !== 'string' || payload._type !== 'clinicalSignoff') {
    return refused(400, 'webhook body is not a clinicalSignoff (check the webhook filter and projection)')
  }
  const outcome = await attestSignoff(payload, payload.createdBy, options)
  if (outcome.result === 'refused') options.log?.(`[attestor] refused ${outcome.message}`)
  return outcome
}
