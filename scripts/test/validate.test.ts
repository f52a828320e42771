import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createIndexedClient, SLUG_UNIQUENESS_QUERY} from '../src/indexed-client.ts'
import {bundledDatasetFile, repoRoot} from '../src/paths.ts'

const fixtures = join(repoRoot, 'scripts', 'test', 'fixtures', 'validate')
const REVIEW_NOW = '2026-12-01T00:00:00Z'
const CLI_TIMEOUT = 60_000

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `node scripts/src/validate.ts …` from `cwd` as a person would, with a pinned review clock. */
function validate(args: readonly string[], env: Record<string, string> = {}, cwd = fixtures): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'scripts', 'src', 'validate.ts'), ...args],
      {cwd, env: {...process.env, REVIEW_NOW, ...env}, maxBuffer: 16 * 1024 * 1024},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({code, stdout: String(stdout), stderr: String(stderr)})
      },
    )
  })
}

// Each run is a child process that mostly waits on module loading; two at a time halves the wait.
describe.concurrent('pnpm validate on broken datasets', () => {
  it(
    'names the file and line of a malformed line and exits 1',
    async () => {
      const run = await validate(['broken-line.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^error +broken-line\.ndjson:2: not valid JSON/m)
    },
    CLI_TIMEOUT,
  )

  it(
    'names the document, path and line of a reference that points nowhere, or only at a draft',
    async () => {
      const run = await validate(['missing-reference.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        'error   therapy-cbt programLevels[_key=="lvl2"]: references “programLevel-gone”, which is not in the dataset  (missing-reference.ndjson:2)',
      )
      expect(run.stdout).toContain(
        'error   faq-work answer[_key=="a1"].markDefs[_key=="m1"].reference: references “therapy-draft-only”, which exists only as a draft',
      )
      // The schema's vaguer message for the same reference is not repeated.
      expect(run.stdout).not.toContain('Referenced document must be published')
    },
    CLI_TIMEOUT,
  )

  it(
    'rejects a reference to a document of a type the field does not accept',
    async () => {
      const run = await validate(['wrong-reference-type.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        'error   therapy-cbt programLevels[_key=="lvl1"]: references “faq-length”, a faq; this field accepts programLevel  (wrong-reference-type.ndjson:2)',
      )
    },
    CLI_TIMEOUT,
  )

  it(
    'names both documents that share a slug',
    async () => {
      const run = await validate(['duplicate-slug.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(
        /error +therapy-family slug\.current: slug “family-therapy” is also used by therapy-family-2 .*:1\)/,
      )
      expect(run.stdout).toMatch(/error +therapy-family-2 slug\.current: .* also used by therapy-family .*:2\)/)
      expect(run.stdout).not.toContain('Slug is already in use')
    },
    CLI_TIMEOUT,
  )

  it(
    'rejects a slug that is not safe in a URL',
    async () => {
      const run = await validate(['unsafe-slug.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/error +therapy-family slug: Use only lower-case letters.*\(unsafe-slug\.ndjson:1\)/)
    },
    CLI_TIMEOUT,
  )

  it(
    'names a missing required field by the schema’s own message',
    async () => {
      const run = await validate(['missing-required-field.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        'error   faq-unanswered question: Write the question.  (missing-required-field.ndjson:2)',
      )
      expect(run.stdout).not.toMatch(/faq-length/)
    },
    CLI_TIMEOUT,
  )

  it(
    'rejects a type the schema does not have and accepts Sanity’s asset types',
    async () => {
      const run = await validate(['unknown-type.ndjson'])
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/error +promo-spring _type: unknown type “banner”.*\(unknown-type\.ndjson:2\)/)
      expect(run.stdout).not.toMatch(/image-abc123/)
    },
    CLI_TIMEOUT,
  )

  it(
    'reports what is wrong in a draft as warnings and exits 0',
    async () => {
      const run = await validate(['drafts-only-warn.ndjson'])
      expect(run.code).toBe(0)
      const draftLines = run.stdout.split('\n').filter((line) => line.includes('drafts.therapy-family'))
      expect(draftLines.map((line) => line.split(' ')[0])).toEqual(['warning', 'warning', 'warning'])
      expect(run.stdout).toContain('0 errors, 3 warnings.')
    },
    CLI_TIMEOUT,
  )

  it(
    'prints machine-readable problems with --json, the line of a malformed file included',
    async () => {
      const broken = JSON.parse((await validate(['broken-line.ndjson', '--json'])).stdout)
      expect(broken).toMatchObject({ok: false, problems: [{level: 'error', file: 'broken-line.ndjson', line: 2}]})

      const run = await validate(['duplicate-slug.ndjson', '--json'])
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout)
      expect(report.ok).toBe(false)
      expect(report.types).toContainEqual({type: 'therapy', published: 2, unpublished: 0, errors: 2, warnings: 0})
      expect(report.problems).toContainEqual(
        expect.objectContaining({documentId: 'therapy-family-2', path: 'slug.current', level: 'error', line: 2}),
      )
    },
    CLI_TIMEOUT,
  )

  it(
    'refuses an unknown option or an unreadable REVIEW_NOW with exit 2',
    async () => {
      expect((await validate(['--frobnicate'])).code).toBe(2)
      const run = await validate([], {REVIEW_NOW: 'next tuesday'})
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('REVIEW_NOW')
    },
    CLI_TIMEOUT,
  )
})

describe('pnpm validate on the bundled dataset', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'validate-'))
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  it(
    'finds no error, counts every type and finds the sample review valid',
    async () => {
      const run = await validate(['--json'], {}, repoRoot)
      expect(run.code).toBe(0)
      const report = JSON.parse(run.stdout)
      expect(report).toMatchObject({ok: true, errors: 0, documents: 18, reviewNow: '2026-12-01T00:00:00.000Z'})
      expect(report.types.map((row: {type: string; published: number}) => [row.type, row.published])).toEqual([
        ['article', 1],
        ['clinicalReviewer', 1],
        ['clinicalSignoff', 1],
        ['faq', 4],
        ['programLevel', 5],
        ['siteSettings', 1],
        ['therapy', 5],
      ])
      expect(report.reviews).toEqual([expect.objectContaining({documentId: 'article-iop-benefits', status: 'valid'})])
    },
    CLI_TIMEOUT,
  )

  it(
    'warns of a stale review, and fails on it with --strict',
    async () => {
      const text = await readFile(bundledDatasetFile, 'utf8')
      const edited = text.replace(
        '"title":"The Benefits of an IOP Program for Addiction Recovery"',
        '"title":"The Benefits of an IOP Program"',
      )
      expect(edited).not.toBe(text)
      const file = join(dir, 'stale.ndjson')
      await writeFile(file, edited)

      const run = await validate([file])
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/warning +article-iop-benefits clinicalSignoff: review stale: The content changed/)
      const strict = await validate([file, '--strict'])
      expect(strict.code).toBe(1)
      expect(strict.stdout).toMatch(/error +article-iop-benefits clinicalSignoff: review stale/)
    },
    2 * CLI_TIMEOUT,
  )

  it(
    'warns, naming the reviewer and the field, when a dataset still links Studio users in sanityUserIds',
    async () => {
      const text = await readFile(bundledDatasetFile, 'utf8')
      const edited = text.replace(
        '"_type":"clinicalReviewer",',
        '"_type":"clinicalReviewer","sanityUserIds":["pEditor1"],',
      )
      expect(edited).not.toBe(text)
      const file = join(dir, 'retired-links.ndjson')
      await writeFile(file, edited)

      const run = await validate([file])
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(
        /warning +clinicalReviewer-kate-smith sanityUserIds: sanityUserIds is no longer read: who may sign as this reviewer is listed in schemas\/review-signers\.json/,
      )
    },
    CLI_TIMEOUT,
  )

  it(
    'finds the review expired when REVIEW_NOW is past the policy’s twelve months',
    async () => {
      const run = await validate(['--json'], {REVIEW_NOW: '2027-11-01T09:00:00Z'}, repoRoot)
      expect(JSON.parse(run.stdout).reviews[0].status).toBe('expired')
    },
    CLI_TIMEOUT,
  )
})

describe('the indexed validation client', () => {
  const therapy = (id: string, slug: string): DatasetDocument => ({
    _id: id,
    _type: 'therapy',
    slug: {_type: 'slug', current: slug},
  })
  const documents = [
    therapy('therapy-a', 'family-therapy'),
    therapy('drafts.therapy-a', 'family-therapy'),
    therapy('versions.r1.therapy-a', 'family-therapy'),
    therapy('therapy-b', 'art-therapy'),
    therapy('drafts.therapy-c', 'art-therapy'),
    {_id: 'faq-a', _type: 'faq', slug: {_type: 'slug', current: 'family-therapy'}},
    {_id: 'level-1', _type: 'programLevel', continuumPosition: 1, name: 'Detox'},
  ]

  it('answers slug uniqueness exactly as a scan of the dataset does', async () => {
    const indexed = createIndexedClient(documents)
    const scanned = createDatasetClient(documents)
    const cases = [
      {docType: 'therapy', published: 'therapy-a', slug: 'family-therapy'},
      {docType: 'therapy', published: 'therapy-b', slug: 'art-therapy'},
      {docType: 'therapy', published: 'therapy-c', slug: 'art-therapy'},
      {docType: 'therapy', published: 'therapy-d', slug: 'family-therapy'},
      {docType: 'faq', published: 'faq-b', slug: 'art-therapy'},
    ]
    const answers = async (client: typeof indexed) =>
      Promise.all(cases.map((params) => client.fetch(SLUG_UNIQUENESS_QUERY, params)))
    expect(await answers(indexed)).toEqual(await answers(scanned))
    expect(await answers(indexed)).toEqual([true, false, false, false, true])
  })

  it('answers a query on one type, and any other query, as the scan does', async () => {
    const indexed = createIndexedClient(documents)
    const scanned = createDatasetClient(documents)
    const queries = [
      ['*[_type == "programLevel" && continuumPosition == $position][0].name', {position: 1}],
      ['*[_type == $type && slug.current == "family-therapy"]._id', {type: 'therapy'}],
      ['*[_type == "faq" && true || _type == "therapy"]._id', {}],
      ['count(*[defined(slug)])', {}],
    ] as const
    for (const [query, params] of queries) {
      expect(await indexed.fetch(query, params)).toEqual(await scanned.fetch(query, params))
    }
  })
})
