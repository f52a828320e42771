import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  DRAFT_MARKER,
  HOSTILE_DATASET_FILE,
  HOSTILE_REVIEW_NOW,
  PRIVATE_MARKERS,
  PUBLISHED_WORD,
} from './fixtures/hostile/generate.ts'
import {type BuildResult, buildSite} from './support/build-site.ts'
import {builtFiles} from './support/site-html.ts'

/**
 * What a scan looks for, lower-cased and cut to a stem: Pagefind's word index holds words
 * lower-cased and stemmed ("Qzxdraftonly" is stored as "qzxdraftonli"), its fragments hold the
 * text as written.
 */
const probe = (word: string, length: number) => word.toLowerCase().slice(0, length)
const PUBLISHED = probe(PUBLISHED_WORD, 11)
const NEVER_PUBLISHED = [probe(DRAFT_MARKER, 8), ...PRIVATE_MARKERS.map((marker) => probe(marker, 7))]

const PAGEFIND_DATA = /^pagefind\/.*\.pf_(fragment|index|meta)$/

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b
}

/** A built file's content as a scan must see it: decompressed when it is gzip (Pagefind's data is). */
function readable(bytes: Buffer): string {
  return (isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('latin1').toLowerCase()
}

describe('the search index of a build whose dataset holds drafts, release versions and private fields', {
  timeout: 180_000,
}, () => {
  let build: BuildResult
  /** Every built file by its path, raw. */
  const files = new Map<string, Buffer>()

  beforeAll(async () => {
    build = await buildSite({CONTENT_DATASET_FILE: HOSTILE_DATASET_FILE, REVIEW_NOW: HOSTILE_REVIEW_NOW})
    for (const file of await builtFiles(build.outDir)) files.set(file, await readFile(join(build.outDir, file)))
  })

  afterAll(async () => {
    if (build) await rm(build.outDir, {recursive: true, force: true})
  })

  const pagefindData = () => [...files].filter(([file]) => PAGEFIND_DATA.test(file))

  it('is gzip-compressed, so a byte scan of the build alone could never see into it', () => {
    const data = pagefindData()
    expect(data.map(([file]) => file.split('.').at(-1))).toEqual(
      expect.arrayContaining(['pf_fragment', 'pf_index', 'pf_meta']),
    )
    for (const [file, bytes] of data) {
      expect(isGzip(bytes), file).toBe(true)
      expect(bytes.toString('latin1').toLowerCase(), file).not.toContain(PUBLISHED)
    }
  })

  it('holds the published article’s words, decompressed, in a page fragment and in the word index', () => {
    const holding = pagefindData()
      .filter(([, bytes]) => readable(bytes).includes(PUBLISHED))
      .map(([file]) => file.split('.').at(-1))
    expect(holding).toContain('pf_fragment')
    expect(holding).toContain('pf_index')
  })

  it('holds no word of a draft, a release version, a Studio user, a private licence number or a signer', () => {
    const leaks = pagefindData().flatMap(([file, bytes]) => {
      const text = readable(bytes)
      return NEVER_PUBLISHED.filter((word) => text.includes(word)).map((word) => `${file}: ${word}`)
    })
    expect(leaks).toEqual([])
  })

  it('and no other built file does either, compressed or not', () => {
    expect(files.size).toBeGreaterThan(20)
    const leaks = [...files].flatMap(([file, bytes]) => {
      const text = readable(bytes)
      return NEVER_PUBLISHED.filter((word) => text.includes(word)).map((word) => `${file}: ${word}`)
    })
    expect(leaks).toEqual([])
  })
})
