/**
 * A clinician's sign-off as its own write-once document (`clinicalSignoff`), and its attestation:
 * an Ed25519 signature, made by the attestor when the sign-off was created, over the canonical
 * payload — article, content hash, reviewer, signer, time. Anyone with write access can create a
 * document that looks like a sign-off; only the attestor's private key can make one that verifies.
 * Verification uses Web Crypto (Node's `crypto.webcrypto`, or the browser's), so the build, the
 * scripts and the Studio verify alike.
 */
import {publishedId} from '../ids.ts'
import type {TrustedKeys} from './keys.ts'

/** A sign-off as stored (`clinicalSignoff`) or queried. */
export interface SignoffRecord {
  _id: string
  article?: {_ref: string} | null | undefined
  contentHash?: string | null | undefined
  reviewer?: {_ref: string} | null | undefined
  /** The Sanity user ID of the clinician who signed (who created the document). */
  signer?: string | null | undefined
  signedAt?: string | null | undefined
  /** Base64 Ed25519 signature of {@link attestationPayload}, written by the attestor. */
  signature?: string | null | undefined
  /** Which key made `signature` ({@link keyIdOf}). */
  signatureKeyId?: string | null | undefined
}

/** The fields a sign-off's attestation covers, each as the attestor and the build read them. */
export interface AttestedClaim {
  articleId: string
  contentHash: string
  reviewerId: string
  signer: string
  signedAt: string
}

/** The claim a sign-off makes, or undefined when a field is missing. */
export function signoffClaim(signoff: SignoffRecord): AttestedClaim | undefined {
  const {article, contentHash, reviewer, signer, signedAt} = signoff
  if (!article?._ref || !contentHash || !reviewer?._ref || !signer || !signedAt) return undefined
  if (Number.isNaN(Date.parse(signedAt))) return undefined
  return {articleId: publishedId(article._ref), contentHash, reviewerId: publishedId(reviewer._ref), signer, signedAt}
}

/**
 * The exact text that is signed: JSON with keys in this fixed (sorted) order and a version tag, so
 * a signature can never be read as covering anything else.
 */
export function attestationPayload(claim: AttestedClaim): string {
  return JSON.stringify({
    article: claim.articleId,
    contentHash: claim.contentHash,
    reviewer: claim.reviewerId,
    signedAt: claim.signedAt,
    signer: claim.signer,
    v: 'clinicalSignoff/1',
  })
}

/** Why a sign-off cannot carry a claim, as the build report and the Studio name it. */
export type SignoffProblem = 'incomplete' | 'unattested' | 'untrusted-key' | 'signature-invalid' | 'signer-not-allowed'

/** The outcome of checking one sign-off's attestation. */
export type AttestationCheck = {ok: true; keyId: string} | {ok: false; problem: SignoffProblem; reason: string}

const encoder = new TextEncoder()
const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>()

function importKey(publicKey: Uint8Array): Promise<CryptoKey> {
  let key = imported.get(publicKey)
  if (!key) {
    key = globalThis.crypto.subtle.importKey('raw', publicKey as BufferSource, {name: 'Ed25519'}, false, ['verify'])
    imported.set(publicKey, key)
  }
  return key
}

/**
 * Signatures that verified in an earlier build, remembered in `pnpm build`'s work folder, so a warm
 * build verifies only the sign-offs it has not seen (at 10,000 sign-offs, verifying all of them
 * is about a second of CPU). An entry ({@link verifiedSignatureEntry}) is everything a
 * verification reads: the whole public key, the signature and the signed payload. A remembered
 * entry is therefore exactly what verifying again would answer; failures are never remembered.
 */
export interface VerifiedSignatures {
  has(entry: string): boolean
  add(entry: string): void
}

const publicKeysBase64 = new WeakMap<Uint8Array, string>()

/** What {@link VerifiedSignatures} remembers of one verification that succeeded. */
function verifiedSignatureEntry(publicKey: Uint8Array, signature: string, payload: string): string {
  let key = publicKeysBase64.get(publicKey)
  if (key === undefined) {
    key = btoa(String.fromCharCode(...publicKey))
    publicKeysBase64.set(publicKey, key)
  }
  return `ed25519 ${key} ${signature} ${payload}`
}

/**
 * Whether the sign-off's signature verifies, over its own fields, with a key this build trusts.
 * The key must be trusted by this build whatever `verified` remembers.
 */
export async function checkAttestation(
  signoff: SignoffRecord,
  keys: TrustedKeys,
  verified?: VerifiedSignatures,
): Promise<AttestationCheck> {
  const claim = signoffClaim(signoff)
  if (!claim) {
    return {ok: false, problem: 'incomplete', reason: 'the sign-off lacks its article, hash, reviewer, signer or time'}
  }
  if (!signoff.signature || !signoff.signatureKeyId) {
    return {
      ok: false,
      problem: 'unattested',
      reason: 'the attestor has not attested it (re-run with `pnpm attestor:pending`)',
    }
  }
  const key = keys.trusted.get(signoff.signatureKeyId)
  if (!key) {
    const refused = keys.refused.get(signoff.signatureKeyId)
    return {
      ok: false,
      problem: 'untrusted-key',
      reason: refused
        ? `it is attested with ${refused.why}`
        : `it is attested with key ${signoff.signatureKeyId}, which this build does not trust`,
    }
  }
  let signature: Uint8Array
  try {
    signature = Uint8Array.from(atob(signoff.signature), (char) => char.charCodeAt(0))
  } catch {
    return {ok: false, problem: 'signature-invalid', reason: 'its signature is not base64'}
  }
  const payload = attestationPayload(claim)
  const entry = verified && verifiedSignatureEntry(key.publicKey, signoff.signature, payload)
  if (entry !== undefined && verified?.has(entry)) return {ok: true, keyId: key.id}
  const valid = await globalThis.crypto.subtle
    .verify({name: 'Ed25519'}, await importKey(key.publicKey), signature as BufferSource, encoder.encode(payload))
    .catch(() => false)
  if (valid && entry !== undefined) verified?.add(entry)
  return valid
    ? {ok: true, keyId: key.id}
    : {
        ok: false,
        problem: 'signature-invalid',
        reason:
          'its signature does not match its article, hash, reviewer, signer and time (edited or copied after attestation)',
      }
}
