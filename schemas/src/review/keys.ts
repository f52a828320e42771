/**
 * The public keys a build (or the Studio) trusts to attest sign-offs: one file in the repository,
 * `schemas/review-keys.json`, plus `REVIEW_TRUSTED_KEYS` for the build. A key marked `demo` has
 * its private key in the repository, so it is trusted only where forging costs nothing: the
 * bundled dataset, the demo Studio and tests. A live build refuses it.
 */
import file from '../../review-keys.json' with {type: 'json'}

/** One trusted Ed25519 public key. */
export interface TrustedKey {
  /** `ed25519:` and the first 16 hex digits of the raw key: what a sign-off's `signatureKeyId` names. */
  id: string
  /** The raw 32-byte public key. */
  publicKey: Uint8Array
  label: string
  /** Whether the private key is public (in the repository): trusted only outside live builds. */
  demo: boolean
}

/** Which keys a build trusts, and which it knows of but refuses (the demo key in a live build). */
export interface TrustedKeys {
  trusted: ReadonlyMap<string, TrustedKey>
  refused: ReadonlyMap<string, {key: TrustedKey; why: string}>
}

/** The key ID of a raw Ed25519 public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  let hex = ''
  for (const byte of publicKey.subarray(0, 8)) hex += byte.toString(16).padStart(2, '0')
  return `ed25519:${hex}`
}

/** A raw Ed25519 public key from base64, or an error naming where it came from. */
export function decodePublicKey(base64: string, source: string): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = Uint8Array.from(atob(base64.trim()), (char) => char.charCodeAt(0))
  } catch {
    throw new TypeError(`${source}: "${base64}" is not base64.`)
  }
  if (bytes.length !== 32) throw new TypeError(`${source}: an Ed25519 public key is 32 bytes; this is ${bytes.length}.`)
  return bytes
}

/** Reads a keys file's content (`{"keys": [{"publicKey", "label", "demo"?}]}`). */
export function parseKeysFile(value: unknown, source = 'schemas/review-keys.json'): TrustedKey[] {
  const keys = typeof value === 'object' && value !== null ? (value as {keys?: unknown}).keys : undefined
  if (!Array.isArray(keys))
    throw new TypeError(`${source}: expected {"keys": [{"publicKey": "<base64>", "label": "…"}]}.`)
  return keys.map((entry: unknown, index) => {
    const where = `${source}: keys[${index}]`
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>
    if (typeof record['publicKey'] !== 'string') throw new TypeError(`${where}.publicKey is missing.`)
    const publicKey = decodePublicKey(record['publicKey'], `${where}.publicKey`)
    return {
      id: keyIdOf(publicKey),
      publicKey,
      label: typeof record['label'] === 'string' ? record['label'] : `key ${index + 1}`,
      demo: record['demo'] === true,
    }
  })
}

/** The repository's keys file. */
export const REVIEW_KEYS: readonly TrustedKey[] = parseKeysFile(file)

/**
 * The keys trusted for one build. `live`: the content comes from a Sanity project (a live build,
 * or a Studio on a real project), so demo keys are refused. `extra`: `REVIEW_TRUSTED_KEYS`,
 * base64 public keys separated by commas or whitespace, trusted in addition to the file's.
 */
export function trustedKeys(options: {
  live: boolean
  extra?: string | undefined
  keys?: readonly TrustedKey[]
}): TrustedKeys {
  const all = [...(options.keys ?? REVIEW_KEYS)]
  for (const [index, base64] of (options.extra ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .entries()) {
    const publicKey = decodePublicKey(base64, `REVIEW_TRUSTED_KEYS[${index}]`)
    all.push({id: keyIdOf(publicKey), publicKey, label: `REVIEW_TRUSTED_KEYS[${index}]`, demo: false})
  }
  const trusted = new Map<string, TrustedKey>()
  const refused = new Map<string, {key: TrustedKey; why: string}>()
  for (const key of all) {
    // A key listed twice counts once, as first listed: the demo key stays the demo key.
    if (trusted.has(key.id) || refused.has(key.id)) continue
    if (key.demo && options.live) {
      refused.set(key.id, {key, why: 'the demo key, which a live build never trusts (its private key is public)'})
    } else trusted.set(key.id, key)
  }
  return {trusted, refused}
}
