/**
 * The benchmark corpus: N articles as a dataset in `sanity dataset export` format (NDJSON), and the
 * same articles as Markdown files for the Markdown-based peers. Deterministic: each article is drawn
 * from its own seeded stream, so any article can be generated on its own, in any order, and the same
 * seed always writes the same bytes. Articles are written one at a time, so 50,000 of them never
 * have to be in memory together.
 */

import {createWriteStream, type WriteStream} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {clinicalContentHash} from '@repo/schemas/review'
import {type AttestorKey, attest, demoAttestorKey} from '../attestor/sign.ts'
import {type MarkdownLinks, toMarkdownFile} from './markdown.ts'
import {createRandom, type Random} from './prng.ts'
import {bulletItems, countWords, title as drawTitle, prose, sectionHeadings, slugify, subheading} from './text.ts'

/** A document as stored in the dataset. */
export interface CorpusDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** The reviewer who signs every article off. */
export const REVIEWER = {id: 'clinicalReviewer-kate-smith', slug: 'kate-smith', name: 'Dr. Kate Smith'} as const
/** Listed for Dr. Kate Smith in schemas/review-signers.json: the demo clinician. */
const DEMO_SIGNER = 'demo-clinician'
let demoKey: AttestorKey | undefined

/** The five program levels of the continuum of care, with the seed's IDs and slugs. */
export const PROGRAM_LEVELS = [
  {id: 'programLevel-detox', slug: 'detox', name: 'Medical Detox', shortName: 'Detox'},
  {
    id: 'programLevel-residential',
    slug: 'inpatient-rehab-residential-care',
    name: 'Residential Treatment',
    shortName: 'Residential',
  },
  {
    id: 'programLevel-php',
    slug: 'partial-hospitalization-program',
    name: 'Partial Hospitalization Program',
    shortName: 'PHP',
  },
  {
    id: 'programLevel-iop',
    slug: 'intensive-outpatient-program',
    name: 'Intensive Outpatient Program',
    shortName: 'IOP',
  },
  {
    id: 'programLevel-outpatient',
    slug: 'outpatient-counseling-aftercare',
    name: 'Outpatient Counseling and Aftercare',
    shortName: 'Outpatient',
  },
] as const

/** The five therapies, with the seed's IDs and slugs. */
export const THERAPIES = [
  {id: 'therapy-cbt', slug: 'cognitive-behavioral-therapy', name: 'Cognitive Behavioral Therapy', abbreviation: 'CBT'},
  {id: 'therapy-dbt', slug: 'dialectical-behavior-therapy', name: 'Dialectical Behavior Therapy', abbreviation: 'DBT'},
  {id: 'therapy-mi', slug: 'motivational-interviewing', name: 'Motivational Interviewing', abbreviation: 'MI'},
  {
    id: 'therapy-trauma-informed',
    slug: 'trauma-informed-therapy',
    name: 'Trauma-Informed Therapy',
    abbreviation: 'TIT',
  },
  {id: 'therapy-family', slug: 'family-therapy', name: 'Family Therapy', abbreviation: 'FT'},
] as const

const CATEGORIES = ['treatment-programs', 'recovery', 'therapies', 'families', 'mental-health'] as const

const EXTERNAL_LINKS = [
  'https://www.samhsa.gov/find-help/national-helpline',
  'https://988lifeline.org/',
  'https://nida.nih.gov/research-topics/treatment',
  'https://www.niaaa.nih.gov/alcohols-effects-health/alcohol-treatment',
  'https://www.cdc.gov/overdose-prevention/',
] as const

/** The instant the benchmark pins as "now" (REVIEW_NOW), so every sign-off below is valid. */
export const BENCH_REVIEW_NOW = '2026-12-01T00:00:00Z'

const DAY = 24 * 60 * 60 * 1000
const FIRST_PUBLISHED = Date.UTC(2017, 0, 1)
const LAST_PUBLISHED = Date.UTC(2026, 9, 31)
// Within the default 12-month policy before BENCH_REVIEW_NOW, and not in its 30-day warning window.
const FIRST_REVIEW = Date.UTC(2026, 0, 15)
const LAST_REVIEW = Date.UTC(2026, 9, 15)

/** The `_id` of article number `index` (0-based). */
export function articleId(index: number): string {
  return `article-bench-${String(index).padStart(6, '0')}`
}

/** Title and slug of article `index`, drawn from a stream of their own so links can name any article. */
export function articleHeadline(seed: number, index: number): {title: string; slug: string} {
  const title = drawTitle(createRandom(seed, index, 1))
  return {title, slug: `${slugify(title)}-${index + 1}`}
}

/** An ISO instant, to the second. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function reference(id: string, key?: string): Record<string, string> {
  return key === undefined ? {_type: 'reference', _ref: id} : {_type: 'reference', _key: key, _ref: id}
}

/** One span, with the keys of the marks (decorators or annotation keys) it carries. */
type Span = {text: string; marks?: string[]}

function textBlock(
  random: Random,
  spans: readonly Span[],
  options: {style?: string; listItem?: string; markDefs?: Record<string, unknown>[]} = {},
): Record<string, unknown> {
  return {
    _type: 'block',
    _key: random.hex(12),
    style: options.style ?? 'normal',
    ...(options.listItem ? {listItem: options.listItem, level: 1} : {}),
    markDefs: options.markDefs ?? [],
    children: spans.map((span) => ({_type: 'span', _key: random.hex(12), text: span.text, marks: span.marks ?? []})),
  }
}

/** A paragraph; with `link`, a few of its words become the annotated link text. */
function paragraph(
  random: Random,
  minWords: number,
  link?: {markDef: Record<string, unknown>; text: string},
): Record<string, unknown> {
  const text = prose(random, minWords)
  if (!link) {
    // Some paragraphs stress a phrase, as editors do.
    if (random.chance(0.3)) {
      const cut = text.indexOf(' ', Math.floor(text.length / 2))
      const end = text.indexOf(' ', cut + 12)
      if (cut > 0 && end > cut) {
        return textBlock(random, [
          {text: text.slice(0, cut + 1)},
          {text: text.slice(cut + 1, end), marks: [random.chance(0.5) ? 'strong' : 'em']},
          {text: text.slice(end)},
        ])
      }
    }
    return textBlock(random, [{text}])
  }
  const key = String(link.markDef['_key'])
  return textBlock(random, [{text: `${text} See `}, {text: link.text, marks: [key]}, {text: '.'}], {
    markDefs: [link.markDef],
  })
}

interface GeneratedArticle {
  document: CorpusDocument
  /** Its sign-off, attested with the demo key (corpora are built as the bundled dataset is). */
  signoff: CorpusDocument
  markdown: {file: string; content: string}
  words: number
}

/**
 * Article `index` of the corpus with `seed` and `total` articles: ~1,000 words in four or five
 * sections (h2, sometimes an h3), bullet lists, internal and external links, two citations, a
 * comparison table in about one article in four, references to a program level, two therapies and
 * the reviewer, and a clinical sign-off whose hash matches the content.
 */
export async function generateArticle(seed: number, index: number, total: number): Promise<GeneratedArticle> {
  const random = createRandom(seed, index, 2)
  const {title, slug} = articleHeadline(seed, index)
  const level = random.pick(PROGRAM_LEVELS)
  const therapies = random.sample(THERAPIES, 2)
  const publishedMs = FIRST_PUBLISHED + Math.floor(random.next() * (LAST_PUBLISHED - FIRST_PUBLISHED))
  const reviewedMs = Math.max(
    publishedMs + DAY,
    FIRST_REVIEW + Math.floor(random.next() * (LAST_REVIEW - FIRST_REVIEW)),
  )
  const citations = [0, 1].map((n) => ({
    _type: 'citation',
    _key: random.hex(12),
    title: `${therapies[n]?.name ?? 'Treatment'} outcomes in ${level.shortName} settings: a review`,
    publisher:
      n === 0 ? 'Journal of Substance Use Treatment' : 'Substance Abuse and Mental Health Services Administration',
    year: random.int(2015, 2025),
    url: random.pick(EXTERNAL_LINKS),
  }))

  const otherArticle = total > 1 ? (index + 1 + random.int(0, total - 2)) % total : index
  const internalTargets: Array<{id: string; text: string}> = [
    {id: articleId(otherArticle), text: articleHeadline(seed, otherArticle).title},
    {id: level.id, text: `our ${level.shortName} program`},
    {id: therapies[0]?.id ?? THERAPIES[0].id, text: therapies[0]?.name ?? THERAPIES[0].name},
  ]
  const linkMarkDefs = [
    ...internalTargets.map((target) => ({
      markDef: {_type: 'internalLink', _key: random.hex(12), reference: reference(target.id)},
      text: target.text,
    })),
    {markDef: {_type: 'link', _key: random.hex(12), href: random.pick(EXTERNAL_LINKS)}, text: 'this resource'},
  ]

  const body: Record<string, unknown>[] = [paragraph(random, 70), paragraph(random, 60, linkMarkDefs[0])]
  const sections = sectionHeadings(random, random.int(4, 5))
  const tableSection = random.chance(0.25) ? random.int(0, sections.length - 1) : -1
  for (const [n, heading] of sections.entries()) {
    body.push(textBlock(random, [{text: heading}], {style: 'h2'}))
    body.push(paragraph(random, 60, linkMarkDefs[n + 1]))
    if (n === 1) {
      const citeKey = random.hex(12)
      body.push(
        textBlock(random, [{text: `${prose(random, 40)} `}, {text: '[1]', marks: [citeKey]}], {
          markDefs: [{_type: 'citationRef', _key: citeKey, citationKey: citations[0]?._key}],
        }),
      )
    } else {
      body.push(paragraph(random, 50))
    }
    for (const item of bulletItems(random, random.int(3, 5))) {
      body.push(textBlock(random, [{text: item}], {listItem: 'bullet'}))
    }
    if (n === tableSection) body.push(comparisonTable(random, level.shortName))
    if (random.chance(0.5)) {
      body.push(textBlock(random, [{text: subheading(random)}], {style: 'h3'}))
      body.push(paragraph(random, 50))
    }
  }
  const citeKey = random.hex(12)
  body.push(
    textBlock(random, [{text: `${prose(random, 30)} `}, {text: '[2]', marks: [citeKey]}], {
      markDefs: [{_type: 'citationRef', _key: citeKey, citationKey: citations[1]?._key}],
    }),
  )

  const excerpt = `${title.split(':')[0]} explained: what it involves, who it helps and how to take the next step, reviewed by a licensed clinician.`
  const content = {title, excerpt, body}
  const document: CorpusDocument = {
    _id: articleId(index),
    _type: 'article',
    _createdAt: isoSeconds(publishedMs),
    _updatedAt: isoSeconds(reviewedMs),
    _rev: random.hex(22),
    title,
    slug: {_type: 'slug', current: slug},
    excerpt,
    publishedAt: isoSeconds(publishedMs),
    category: random.pick(CATEGORIES),
    body,
    citations,
    programLevels: [reference(level.id, random.hex(12))],
    therapies: therapies.map((therapy) => reference(therapy.id, random.hex(12))),
    requiresClinicalReview: true,
    seo: {_type: 'seo', metaTitle: title.slice(0, 60)},
  }
  const claim = {
    articleId: document._id,
    contentHash: await clinicalContentHash(content),
    reviewerId: REVIEWER.id,
    signer: DEMO_SIGNER,
    signedAt: isoSeconds(reviewedMs),
  }
  demoKey ??= demoAttestorKey()
  const signoff: CorpusDocument = {
    _id: `clinicalSignoff-${document._id}`,
    _type: 'clinicalSignoff',
    _createdAt: claim.signedAt,
    _updatedAt: claim.signedAt,
    _rev: random.hex(22),
    article: {...reference(document._id), _weak: true},
    contentHash: claim.contentHash,
    reviewer: reference(REVIEWER.id),
    signer: claim.signer,
    signedAt: claim.signedAt,
    attestationText: 'I have reviewed this content for clinical accuracy.',
    ...attest(claim, demoKey),
    attestedAt: claim.signedAt,
  }
  const links: MarkdownLinks = {href: (id) => hrefOf(seed, id)}
  return {
    document,
    signoff,
    markdown: {
      file: `${slug}.md`,
      content: toMarkdownFile(
        {
          title,
          slug,
          date: isoSeconds(publishedMs),
          description: excerpt,
          reviewer: REVIEWER.name,
          reviewedAt: isoSeconds(reviewedMs),
        },
        body,
        links,
        citations,
      ),
    },
    words: countWords(
      body
        .flatMap((block) => (Array.isArray(block['children']) ? block['children'] : []))
        .map((span) => String((span as {text?: unknown}).text ?? ''))
        .join(' '),
    ),
  }
}

function comparisonTable(random: Random, shortName: string): Record<string, unknown> {
  const columns = ['', shortName, 'Outpatient counseling']
  const rows = [
    ['Hours per week', `${random.int(9, 20)}`, `${random.int(1, 3)}`],
    ['Sessions per week', `${random.int(3, 5)}`, '1'],
    ['Typical length', `${random.int(6, 12)} weeks`, 'Ongoing'],
    ['Medical monitoring', 'Weekly', 'As needed'],
  ]
  return {
    _type: 'comparisonTable',
    _key: random.hex(12),
    caption: `${shortName} compared with outpatient counseling`,
    columns: ['Feature', ...columns.slice(1)],
    rows: rows.map((cells) => ({_type: 'comparisonRow', _key: random.hex(12), cells})),
  }
}

/** The URL path the site gives a document, for the Markdown twin's links. */
function hrefOf(seed: number, id: string): string {
  const match = /^article-bench-(\d+)$/.exec(id)
  if (match) return `/blog/${articleHeadline(seed, Number(match[1])).slug}/`
  const level = PROGRAM_LEVELS.find((candidate) => candidate.id === id)
  if (level) return `/programs/${level.slug}/`
  const therapy = THERAPIES.find((candidate) => candidate.id === id)
  if (therapy) return `/therapies/${therapy.slug}/`
  if (id === REVIEWER.id) return `/reviewers/${REVIEWER.slug}/`
  throw new Error(`The corpus links to "${id}", which it does not contain`)
}

function simpleText(random: Random, text: string): Record<string, unknown>[] {
  return [textBlock(random, [{text}])]
}

/** The documents every corpus holds besides its articles: settings, levels, therapies, the reviewer. */
export function fixedDocuments(seed: number): CorpusDocument[] {
  const random = createRandom(seed, 0x5eed)
  const stamp = '2026-01-01T00:00:00Z'
  const base = (id: string, type: string) => ({
    _id: id,
    _type: type,
    _createdAt: stamp,
    _updatedAt: stamp,
    _rev: random.hex(22),
  })
  return [
    {
      ...base('siteSettings', 'siteSettings'),
      organizationName: 'Greater Boston Addiction Centers',
      tagline: 'Live Sober, Live Connected',
      phone: '877.920.6583',
      crisisLines: [
        {_type: 'crisisLine', _key: random.hex(12), name: '988 Suicide & Crisis Lifeline', phone: '988', text: true},
        {
          _type: 'crisisLine',
          _key: random.hex(12),
          name: 'SAMHSA National Helpline',
          phone: '1-800-662-4357',
          text: false,
        },
      ],
      medicalDisclaimer:
        'This content is for information only and is not a substitute for professional medical advice, diagnosis or treatment.',
      reviewPolicy: {_type: 'reviewPolicy', validityMonths: 12, warningDays: 30},
    },
    {
      ...base(REVIEWER.id, 'clinicalReviewer'),
      name: REVIEWER.name,
      slug: {_type: 'slug', current: REVIEWER.slug},
    },
    ...PROGRAM_LEVELS.map((level, index) => ({
      ...base(level.id, 'programLevel'),
      name: level.name,
      shortName: level.shortName,
      slug: {_type: 'slug', current: level.slug},
      continuumPosition: index + 1,
      summary: prose(random, 25),
      body: simpleText(random, prose(random, 120)),
      therapies: THERAPIES.map((therapy) => reference(therapy.id, random.hex(12))),
    })),
    ...THERAPIES.map((therapy) => ({
      ...base(therapy.id, 'therapy'),
      name: therapy.name,
      abbreviation: therapy.abbreviation,
      slug: {_type: 'slug', current: therapy.slug},
      summary: prose(random, 25),
      body: simpleText(random, prose(random, 120)),
      programLevels: PROGRAM_LEVELS.map((level) => reference(level.id, random.hex(12))),
    })),
  ]
}

/** Where a written corpus is, and how big. */
export interface WrittenCorpus {
  /** The dataset, NDJSON in export format. */
  datasetFile: string
  /** One Markdown file per article, named `<slug>.md`. */
  markdownDir: string
  articles: number
  datasetBytes: number
  markdownBytes: number
  /** Words of body text per article, averaged. */
  meanWords: number
}

/** Writes the corpus of `articles` articles into `dir` (`dataset.ndjson` and `markdown/`). */
export async function writeCorpus(dir: string, options: {articles: number; seed: number}): Promise<WrittenCorpus> {
  const datasetFile = join(dir, 'dataset.ndjson')
  const markdownDir = join(dir, 'markdown')
  await mkdir(markdownDir, {recursive: true})
  const out = createWriteStream(datasetFile)
  let datasetBytes = 0
  let markdownBytes = 0
  let words = 0
  const write = async (line: string) => {
    datasetBytes += Buffer.byteLength(line)
    if (!out.write(line)) await drained(out)
  }
  for (const document of fixedDocuments(options.seed)) await write(`${JSON.stringify(document)}\n`)
  for (let index = 0; index < options.articles; index++) {
    const article = await generateArticle(options.seed, index, options.articles)
    await write(`${JSON.stringify(article.document)}\n`)
    await write(`${JSON.stringify(article.signoff)}\n`)
    await writeFile(join(markdownDir, article.markdown.file), article.markdown.content)
    markdownBytes += Buffer.byteLength(article.markdown.content)
    words += article.words
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return {
    datasetFile,
    markdownDir,
    articles: options.articles,
    datasetBytes,
    markdownBytes,
    meanWords: options.articles === 0 ? 0 : Math.round(words / options.articles),
  }
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('drain', resolve)
    stream.once('error', reject)
  })
}
