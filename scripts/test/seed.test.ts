import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {appendFile, mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {readDataset, type StoredDocument} from '@repo/schemas/content'
import {
  clinicalContentHash,
  embeddedFaqIds,
  evaluateArticleReview,
  type ReviewableArticle,
  resolvePolicy,
  reviewTrust,
  type SignoffRecord,
} from '@repo/schemas/review'
import {validateContentDocument} from '@repo/schemas/validation'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {bundledDatasetFile, repoRoot, seedArticleFile, sharedSeedArticleFile} from '../src/paths.ts'
import {parseSeedArticle} from '../src/seed-parse.ts'

const run = promisify(execFile)
const REVIEW_NOW = new Date('2026-12-01T00:00:00Z')

/** The seed's h2 headings, read off the source by a person: the oracle the parser is checked against. */
const SEED_H2 = [
  'What Is an Intensive Outpatient Program (IOP)?',
  'Where Does IOP Fit in the Continuum of Care?',
  'Key Benefits of an IOP Program in Massachusetts',
  'Therapies Used in IOP Programs',
  'The Role of Accountability in IOP Success',
  'IOP vs. PHP: What’s the Difference?',
  'Who Should Consider an IOP Program?',
  'Supporting Long-Term Recovery Through Aftercare',
  'Why Choose Greater Boston Addiction Centers for IOP?',
  'Conclusion',
  'Frequently Asked Questions (FAQs)',
]
const SEED_H3 = [
  '1. Flexible Scheduling for Real-Life Integration',
  '2. Cost-Effective Care',
  '3. Immediate Application of Skills',
]

type Block = Record<string, unknown> & {_type: string}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim()

/**
 * The seed's body as plain text, straight from the file: the second blank-line-separated part
 * (after title and byline, before the footer), list markers and table pipes removed.
 */
function seedBodyLines(text: string): string[] {
  const body = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)[1] ?? ''
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !/^[\s|:-]+$/.test(line))
    .map((line) => line.replace(/^- +/, ''))
    .map((line) => (line.includes('|') ? line.split('|').join(' ') : line))
}

/** The seed text split at each h2, heading first: [intro, section 1, …]. */
function seedSections(lines: readonly string[]): string[] {
  const sections: string[][] = [[]]
  for (const line of lines) {
    if (SEED_H2.includes(line)) sections.push([])
    sections.at(-1)?.push(line)
  }
  return sections.map((section) => normalise(section.join(' ')))
}

function textOfBlock(block: Block, byId: ReadonlyMap<string, StoredDocument>): string {
  switch (block._type) {
    case 'block':
      return ((block['children'] ?? []) as Array<{text: string}>).map((child) => child.text).join('')
    case 'comparisonTable':
      // The caption is a label taken from the heading; the table's own text is its cells.
      return [block['columns'] as string[], ...(block['rows'] as Array<{cells: string[]}>).map((row) => row.cells)]
        .flat()
        .join(' ')
    case 'callToAction':
      return String(block['text'])
    case 'faqList':
      return (block['faqs'] as Array<{_ref: string}>)
        .map((ref) => {
          const faq = byId.get(ref._ref)
          if (!faq) throw new Error(`The FAQ list names ${ref._ref}, which is not in the dataset.`)
          const answer = (faq['answer'] as Block[]).map((part) => textOfBlock(part, byId)).join(' ')
          return `${faq['question']} ${answer}`
        })
        .join(' ')
    default:
      throw new Error(`Unexpected block type ${block._type}`)
  }
}

/** The article body's text split at each h2 block, heading first, as the seed is split. */
function articleSections(body: readonly Block[], byId: ReadonlyMap<string, StoredDocument>): string[] {
  const sections: string[][] = [[]]
  for (const block of body) {
    if (block._type === 'block' && block['style'] === 'h2') sections.push([])
    sections.at(-1)?.push(textOfBlock(block, byId))
  }
  return sections.map((section) => normalise(section.join(' ')))
}

function headings(body: readonly Block[], style: string): string[] {
  return body.filter((block) => block['style'] === style).map((block) => textOfBlock(block, new Map()))
}

describe('the bundled dataset made from the seed article', () => {
  let documents: StoredDocument[]
  let byId: Map<string, StoredDocument>
  let article: StoredDocument
  let body: Block[]
  let seedText: string

  beforeAll(async () => {
    documents = (await readDataset(bundledDatasetFile)).documents
    byId = new Map(documents.map((doc) => [doc._id, doc]))
    const found = byId.get('article-iop-benefits')
    if (!found) throw new Error('The bundled dataset has no article-iop-benefits.')
    article = found
    body = article['body'] as Block[]
    seedText = await readFile(seedArticleFile, 'utf8')
  })

  it('carries the seed’s body text section by section, nothing dropped, added or altered', () => {
    const expected = seedSections(seedBodyLines(seedText))
    // One intro plus every h2: a heading lost or demoted would shift every section after it.
    expect(expected).toHaveLength(SEED_H2.length + 1)
    expect(articleSections(body, byId)).toEqual(expected)
  })

  it('has every h2 and h3 of the seed, in order, as headings', () => {
    expect(headings(body, 'h2')).toEqual(SEED_H2)
    expect(headings(body, 'h3')).toEqual(SEED_H3)
  })

  it('takes the title from the seed and the excerpt from the opening of the intro', () => {
    const firstLine = seedText.split('\n')[0]?.trim()
    expect(article['title']).toBe(firstLine)
    expect(seedBodyLines(seedText)[0]?.startsWith(String(article['excerpt']))).toBe(true)
  })

  it('holds the comparison table, the call to action and the FAQ list as their own blocks', () => {
    const table = body.find((block) => block._type === 'comparisonTable')
    expect(table).toMatchObject({
      caption: 'IOP vs. PHP',
      columns: ['Feature', 'PHP Program Massachusetts', 'IOP Program Massachusetts'],
    })
    expect(((table?.['rows'] ?? []) as Array<{cells: string[]}>).map((row) => row.cells[0])).toEqual([
      'Hours per week',
      'Setting',
      'Medical monitoring',
      'Ideal for',
    ])
    const types = body.map((block) => block._type)
    const cta = body.find((block) => block._type === 'callToAction')
    expect(cta?.['text']).toBe(
      'Call us today at 877.920.6583 to learn more or to enroll in our IOP program in Massachusetts.',
    )
    // The conclusion's text before and after the invitation stays on either side of it.
    expect(textOfBlock(body[types.indexOf('callToAction') - 1] as Block, byId)).toMatch(/independence\.$/)
    expect(textOfBlock(body[types.indexOf('callToAction') + 1] as Block, byId)).toMatch(/^You don’t have to face/)
    const faqList = body.at(-1)
    expect(faqList?._type).toBe('faqList')
    expect(((faqList?.['faqs'] ?? []) as Array<{_ref: string}>).map((ref) => ref._ref)).toEqual([
      'faq-iop-length',
      'faq-iop-work',
      'faq-iop-insurance',
      'faq-after-iop',
    ])
  })

  it('links the names of documents it has, and leaves programs it has no page for as plain text', () => {
    const linked = new Map<string, string>()
    const plain: string[] = []
    for (const block of body) {
      if (block._type !== 'block') continue
      const defs = new Map(
        (block['markDefs'] as Array<{_key: string; _type: string; reference?: {_ref: string}}>).map((def) => [
          def._key,
          def,
        ]),
      )
      for (const span of block['children'] as Array<{text: string; marks: string[]}>) {
        const link = span.marks.map((mark) => defs.get(mark)).find((def) => def?._type === 'internalLink')
        if (link?.reference) linked.set(span.text, link.reference._ref)
        else plain.push(span.text)
      }
    }
    expect(Object.fromEntries(linked)).toEqual({
      'IOP program in Massachusetts': 'programLevel-iop',
      Detox: 'programLevel-detox',
      'Inpatient Rehab / Residential Care': 'programLevel-residential',
      'Partial Hospitalization Program (PHP)': 'programLevel-php',
      'Intensive Outpatient Program (IOP)': 'programLevel-iop',
      'Outpatient Counseling & Aftercare': 'programLevel-outpatient',
      'Partial Hospitalization Program in Massachusetts': 'programLevel-php',
      'Cognitive Behavioral Therapy (CBT)': 'therapy-cbt',
      'Dialectical Behavior Therapy (DBT)': 'therapy-dbt',
      'Motivational Interviewing': 'therapy-mi',
      'Trauma-Informed Therapy': 'therapy-trauma-informed',
      'Family Therapy': 'therapy-family',
    })
    for (const name of [
      'Alcohol Addiction Treatment Program in Massachusetts',
      'Drug Rehab Treatment in Massachusetts',
      'Substance Abuse Treatment Center in Massachusetts',
      'Addiction Therapy Programs in Massachusetts',
      'Drug Rehab Program in Massachusetts',
    ]) {
      expect(plain.some((text) => text.includes(name))).toBe(true)
    }
  })

  it('places the program levels on the continuum in the seed’s order, with what the seed says of PHP and IOP', () => {
    const levels = documents
      .filter((doc) => doc._type === 'programLevel')
      .sort((a, b) => Number(a['continuumPosition']) - Number(b['continuumPosition']))
    expect(levels.map((level) => [level._id, level['continuumPosition']])).toEqual([
      ['programLevel-detox', 1],
      ['programLevel-residential', 2],
      ['programLevel-php', 3],
      ['programLevel-iop', 4],
      ['programLevel-outpatient', 5],
    ])
    const range = (min: number, max: number) => ({_type: 'numberRange', min, max})
    expect(byId.get('programLevel-php')).toMatchObject({
      name: 'Partial Hospitalization Program',
      shortName: 'PHP',
      hoursPerWeek: range(25, 30),
      setting: 'Daytime treatment, return home',
      medicalMonitoring: 'Frequent',
      idealFor: 'Early post-detox stabilization',
    })
    expect(byId.get('programLevel-iop')).toMatchObject({
      shortName: 'IOP',
      hoursPerWeek: range(9, 15),
      daysPerWeek: range(3, 5),
      hoursPerSession: range(3, 4),
      typicalLengthWeeks: range(8, 12),
      setting: 'Day or evening sessions, more flexible',
      medicalMonitoring: 'As needed',
      idealFor: 'Step-down from PHP/inpatient care',
    })
    expect(byId.get('programLevel-detox')?.['summary']).toBe('Medical stabilization to manage withdrawal.')
  })

  it('knows of the reviewer only what the seed says: a name', () => {
    const reviewer = byId.get('clinicalReviewer-kate-smith') ?? {}
    const fields = Object.fromEntries(Object.entries(reviewer).filter(([key]) => !key.startsWith('_')))
    expect(fields).toEqual({name: 'Dr. Kate Smith', slug: {_type: 'slug', current: 'kate-smith'}})
  })

  it('carries the review as its own attested sign-off, which the rules find valid, and stale once a word changes', async () => {
    const faqs = documents.filter((doc) => doc._type === 'faq')
    const reviewers = documents.filter((doc) => doc._type === 'clinicalReviewer')
    const signoffs = documents.filter((doc) => doc._type === 'clinicalSignoff') as Array<StoredDocument & SignoffRecord>
    const policy = resolvePolicy(byId.get('siteSettings')?.['reviewPolicy'] as {validityMonths?: number})
    // Bundled-dataset trust: the demo key and the repository's signers file.
    const trust = reviewTrust({live: false})
    expect(article).not.toHaveProperty('clinicalReview')
    expect(signoffs).toHaveLength(1)
    expect(signoffs[0]).toMatchObject({
      article: {_ref: 'article-iop-benefits'},
      reviewer: {_ref: 'clinicalReviewer-kate-smith'},
      signer: 'demo-clinician',
      signedAt: '2026-11-01T09:00:00Z',
    })
    const inputs = {faqs: faqs as never[], signoffs, reviewers: reviewers as never[]}
    const subject = article as ReviewableArticle & {_id: string}
    expect((await evaluateArticleReview(subject, inputs, policy, REVIEW_NOW, trust)).status).toBe('valid')
    expect((await evaluateArticleReview(subject, inputs, policy, REVIEW_NOW, reviewTrust({live: true}))).status).toBe(
      'unverified',
    )

    const [first, ...rest] = faqs
    const edited = {...first, _id: first?._id ?? '', question: 'How long does the IOP really last?'}
    const editedInputs = {...inputs, faqs: [edited, ...rest] as never[]}
    expect((await evaluateArticleReview(subject, editedInputs, policy, REVIEW_NOW, trust)).status).toBe('stale')
  })

  it('keeps the review hash of the content through the migration to sign-off documents (golden)', async () => {
    // What the article's embedded `clinicalReview.contentHash` held before sign-offs became documents.
    const BEFORE_MIGRATION = 'sha256:bba86e867aa47d525bce586db760d4a28dc77e97c25d9960ce12764a1991aef8'
    const [signoff] = documents.filter((doc) => doc._type === 'clinicalSignoff')
    expect(signoff?.['contentHash']).toBe(BEFORE_MIGRATION)
    const embedded = embeddedFaqIds(article['body'] as unknown[]).map((id) => byId.get(id) as {_id: string})
    expect(await clinicalContentHash(article as ReviewableArticle, embedded)).toBe(BEFORE_MIGRATION)
  })

  it('passes every rule of the Studio’s schema with no error', async () => {
    const problems = (await Promise.all(documents.map((doc) => validateContentDocument(doc, documents)))).flat()
    expect(problems.filter((problem) => problem.level === 'error')).toEqual([])
  })
})

describe('pnpm seed', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-'))
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  it('writes the same bytes on every run, equal to the committed dataset', async () => {
    const seed = (out: string) => run(process.execPath, ['scripts/src/seed.ts', '--out', out], {cwd: repoRoot})
    await seed(join(dir, 'first.ndjson'))
    await seed(join(dir, 'second.ndjson'))
    const first = await readFile(join(dir, 'first.ndjson'))
    expect((await readFile(join(dir, 'second.ndjson'))).equals(first)).toBe(true)
    expect((await readFile(bundledDatasetFile)).equals(first)).toBe(true)
  }, 60_000)

  it('exits 1 with --check when the dataset on disk is not what the seed produces', async () => {
    const stale = join(dir, 'stale.ndjson')
    await run(process.execPath, ['scripts/src/seed.ts', '--out', stale], {cwd: repoRoot})
    await appendFile(stale, '{"_id":"extra","_type":"faq"}\n')
    const result = await run(process.execPath, ['scripts/src/seed.ts', '--check', '--out', stale], {
      cwd: repoRoot,
    }).then(
      () => ({code: 0, stderr: ''}),
      (error: {code: number; stderr: string}) => error,
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/differs from what the seed produces/)
  }, 60_000)
})

describe('the seed article', () => {
  it.skipIf(!existsSync(sharedSeedArticleFile))('is copied into the repository unchanged from shared/', async () => {
    expect(await readFile(seedArticleFile, 'utf8')).toBe(await readFile(sharedSeedArticleFile, 'utf8'))
  })

  it('is refused with its line number when an FAQ answer has no question', () => {
    const text = ['Title', 'Clinically Reviewed by Dr. A', '', 'Frequently Asked Questions', 'An answer.', ''].join(
      '\n',
    )
    expect(() => parseSeedArticle(text)).toThrow(/line 5: an FAQ answer without a question/)
  })

  it('is refused when it does not start with a title and a reviewer byline', () => {
    expect(() => parseSeedArticle('Title\nBy someone\n\nText.')).toThrow(/Clinically Reviewed by/)
  })
})
