/**
 * Tiny builders for sign-offs and their attestations, for any package's tests: a fresh attestor
 * key per test file, a sign-off document, the same sign-off attested with a key, and the trust a
 * build would have. Signing uses the rules' own canonical payload, as the attestor does.
 */
import {createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign} from 'node:crypto'
import {readFileSync} from 'node:fs'
import type {StoredDocument} from '../../src/content/dataset.ts'
import {
  attestationPayload,
  keyIdOf,
  parseReviewSigners,
  REVIEW_KEYS,
  type ReviewTrust,
  type SignoffRecord,
  signoffClaim,
  type TrustedKey,
  trustedKeys,
} from '../../src/review/index.ts'

/** An Ed25519 key pair as an attestor holds it. */
export interface TestAttestorKey {
  privateKey: KeyObject
  trusted: TrustedKey
}

/** A new attestor key; `demo` marks it as a demo key (trusted only outside live builds). */
export function newAttestorKey(options: {demo?: boolean; label?: string} = {}): TestAttestorKey {
  const {privateKey, publicKey} = generateKeyPairSync('ed25519')
  const raw = new Uint8Array(Buffer.from(String(publicKey.export({format: 'jwk'}).x), 'base64url'))
  return {
    privateKey,
    trusted: {id: keyIdOf(raw), publicKey: raw, label: options.label ?? 'test key', demo: options.demo ?? false},
  }
}

/** The trust of a build that trusts `keys` and the `signers` list (reviewer `_id` → user IDs). */
export function testTrust(
  keys: readonly TestAttestorKey[],
  signers: Record<string, string[]>,
  options: {live?: boolean} = {},
): ReviewTrust {
  return {
    signers: parseReviewSigners({signers}, 'test signers'),
    keys: trustedKeys({live: options.live ?? false, keys: keys.map((key) => key.trusted)}),
  }
}

/** A sign-off document of `articleId` by `signer` as `reviewerId`, unattested. */
export function signoffDocument(
  fields: {articleId: string; contentHash: string; reviewerId: string; signer: string; signedAt?: string},
  overrides: Partial<StoredDocument> = {},
): StoredDocument & SignoffRecord {
  return {
    _id: `clinicalSignoff-${fields.articleId}-${(fields.signedAt ?? '2026-11-01T09:00:00Z').replace(/\D/g, '')}`,
    _type: 'clinicalSignoff',
    article: {_type: 'reference', _ref: fields.articleId, _weak: true} as {_ref: string},
    contentHash: fields.contentHash,
    reviewer: {_type: 'reference', _ref: fields.reviewerId} as {_ref: string},
    signer: fields.signer,
    signedAt: fields.signedAt ?? '2026-11-01T09:00:00Z',
    ...overrides,
  }
}

/** The sign-off with `key`'s signature over its own fields, as the attestor writes it. */
export function attestWith<T extends SignoffRecord>(signoff: T, key: TestAttestorKey): T {
  const claim = signoffClaim(signoff)
  if (!claim) throw new Error(`${signoff._id} is incomplete: nothing to attest`)
  const signature = sign(null, Buffer.from(attestationPayload(claim), 'utf8'), key.privateKey).toString('base64')
  return {...signoff, signature, signatureKeyId: key.trusted.id, attestedAt: signoff.signedAt}
}

/**
 * The demo attestor key (`schemas/demo-attestor-key.pem`, public on purpose), trusted by every
 * build that is not live: what attests the bundled dataset and the demo Studio's sign-offs.
 */
export function demoAttestorKey(): TestAttestorKey {
  const privateKey = createPrivateKey(readFileSync(new URL('../../demo-attestor-key.pem', import.meta.url), 'utf8'))
  const raw = new Uint8Array(Buffer.from(String(createPublicKey(privateKey).export({format: 'jwk'}).x), 'base64url'))
  const trusted = REVIEW_KEYS.find((key) => key.id === keyIdOf(raw))
  if (!trusted?.demo) throw new Error('schemas/demo-attestor-key.pem is not the demo key of schemas/review-keys.json')
  return {privateKey, trusted}
}
