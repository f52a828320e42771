import {describe, expect, it} from 'vitest'
import {reviewTrustFromEnv} from '../../src/content/index.ts'
import {REVIEW_KEYS} from '../../src/review/index.ts'

const demoKey = REVIEW_KEYS.find((key) => key.demo)
const demoTrusted = (env: Record<string, string | undefined>) =>
  demoKey ? reviewTrustFromEnv(env).keys.trusted.has(demoKey.id) : undefined

describe('which builds trust the demo attestation key', () => {
  it('the bundled dataset and a dataset file do; a build of a live project does not', () => {
    expect(demoKey).toBeDefined()
    expect(demoTrusted({})).toBe(true)
    expect(demoTrusted({CONTENT_DATASET_FILE: '/tmp/x.ndjson'})).toBe(true)
    expect(demoTrusted({SANITY_PROJECT_ID: 'abc123'})).toBe(false)
  })

  it('a live build cannot be talked into it: REVIEW_TRUST_DEMO_KEY counts only on the local stand-in', () => {
    expect(demoTrusted({SANITY_PROJECT_ID: 'abc123', REVIEW_TRUST_DEMO_KEY: '1'})).toBe(false)
    expect(demoTrusted({SANITY_PROJECT_ID: 'abc123', SANITY_API_HOST: 'http://localhost:3333'})).toBe(false)
    expect(
      demoTrusted({
        SANITY_PROJECT_ID: 'stand-in',
        SANITY_API_HOST: 'http://localhost:3333',
        REVIEW_TRUST_DEMO_KEY: '1',
      }),
    ).toBe(true)
  })
})
