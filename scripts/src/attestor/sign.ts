/**
 * Signing attestations: the only code that holds an attestor's private key. The payload and the
 * key ID are the review rules' (`@repo/schemas/review`), so what is signed here is exactly what
 * the build verifies.
 */
import {createPrivateKey, createPublicKey, type KeyObject, sign} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type AttestedClaim, attestationPayload, keyIdOf} from '@repo/schemas/review'
import {repoRoot} from '../paths.ts'

/** The demo attestor's private key: public, in the repository, trusted only outside live builds. */
export const DEMO_PRIVATE_KEY_FILE = join(repoRoot, 'schemas', 'demo-attestor-key.pem')

/** An Ed25519 private key and the ID of its public key. */
export interface AttestorKey {
  privateKey: KeyObject
  keyId: string
  /** The raw public key, base64: what goes into `schemas/review-keys.json`. */
  publicKeyBase64: string
}

/** Reads an Ed25519 private key (PEM, PKCS#8), refusing any other kind, naming where it came from. */
export function loadAttestorKey(pem: string, source: string): AttestorKey {
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(pem)
  } catch (error) {
    throw new Error(`${source}: not a PEM private key (${(error as Error).message})`)
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${source}: an ${privateKey.asymmetricKeyType} key; the attestor signs with Ed25519 only`)
  }
  const jwk = createPublicKey(privateKey).export({format: 'jwk'})
  const raw = Buffer.from(String(jwk.x), 'base64url')
  return {privateKey, keyId: keyIdOf(new Uint8Array(raw)), publicKeyBase64: raw.toString('base64')}
}

/** The demo key (for the bundled dataset, the demo Studio and tests). */
export function demoAttestorKey(): AttestorKey {
  return loadAttestorKey(readFileSync(DEMO_PRIVATE_KEY_FILE, 'utf8'), DEMO_PRIVATE_KEY_FILE)
}

/** The attestation fields for a claim: a base64 Ed25519 signature of its canonical payload, and the key ID. */
export function attest(claim: AttestedClaim, key: AttestorKey): {signature: string; signatureKeyId: string} {
  const signature = sign(null, Buffer.from(attestationPayload(claim), 'utf8'), key.privateKey)
  return {signature: signature.toString('base64'), signatureKeyId: key.keyId}
}
