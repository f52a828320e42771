/**
 * Turns the parsed seed article into the bundled dataset: the article, the five program levels of
 * its continuum, the five therapies, the four FAQs, the reviewer and the site settings. IDs and
 * slugs are the contract the site and tests rely on; every text comes from the seed, except the
 * settings' disclaimer and editorial policy, which are product copy.
 */
import {DEFAULT_CRISIS_LINES, SITE_SETTINGS_ID} from '@repo/schemas'
import type {ExportedDocument} from '@repo/schemas/document'
import {clinicalContentHash, DEFAULT_REVIEW_POLICY, type SignoffRecord, signoffClaim} from '@repo/schemas/review'
import {type AttestorKey, attest, demoAttestorKey} from './attestor/sign.ts'
import {findPhrase, type MarkRange, type MarkSpec, stableKey, textBlock} from './portable-text.ts'
import {FAQ_HEADING, type SeedArticle, type SeedNode} from './seed-parse.ts'

/** A document as `sanity dataset export` writes it. */
export type SeedDocument = ExportedDocument

/**
 * The seed states no publication or review date. The sample publishes and signs off at this
 * instant, and uses it for every document's `_createdAt`/`_updatedAt` so output never varies.
 */
export const SEED_INSTANT = '2026-11-01T09:00:00Z'

export const ARTICLE_ID = 'article-iop-benefits'
export const ARTICLE_SLUG = 'benefits-of-iop-program-addiction-recovery'
export const REVIEWER_ID = 'clinicalReviewer-kate-smith'
/**
 * The demo Studio's clinician (`studio/stand-in/users.ts`), listed for Dr. Kate Smith in
 * `schemas/review-signers.json`: the bundled sign-off is recorded as theirs.
 */
export const DEMO_SIGNER = 'demo-clinician'

/** The continuum's levels, matched to the seed's list items by name. */
export const PROGRAM_LEVELS = [
  {id: 'programLevel-detox', slug: 'detox', seedName: 'Detox'},
  {
    id: 'programLevel-residential',
    slug: 'inpatient-rehab-residential-care',
    seedName: 'Inpatient Rehab / Residential Care',
  },
  {id: 'programLevel-php', slug: 'partial-hospitalization-program', seedName: 'Partial Hospitalization Program (PHP)'},
  {id: 'programLevel-iop', slug: 'intensive-outpatient-program', seedName: 'Intensive Outpatient Program (IOP)'},
  {
    id: 'programLevel-outpatient',
    slug: 'outpatient-counseling-aftercare',
    seedName: 'Outpatient Counseling & Aftercare',
  },
] as const

/** The therapies, matched by name. The seed gives CBT and DBT their abbreviations; MI is the standard one. */
export const THERAPIES = [
  {id: 'therapy-cbt', slug: 'cognitive-behavioral-therapy', seedName: 'Cognitive Behavioral Therapy (CBT)'},
  {id: 'therapy-dbt', slug: 'dialectical-behavior-therapy', seedName: 'Dialectical Behavior Therapy (DBT)'},
  {id: 'therapy-mi', slug: 'motivational-interviewing', seedName: 'Motivational Interviewing', abbreviation: 'MI'},
  {id: 'therapy-trauma-informed', slug: 'trauma-informed-therapy', seedName: 'Trauma-Informed Therapy'},
  {id: 'therapy-family', slug: 'family-therapy', seedName: 'Family Therapy'},
] as const

/** The FAQs in seed order, with the topic each plainly belongs to. */
export const FAQS = [
  {id: 'faq-iop-length', topic: 'programs'},
  {id: 'faq-iop-work', topic: 'daily-life'},
  {id: 'faq-iop-insurance', topic: 'insurance'},
  {id: 'faq-after-iop', topic: 'aftercare'},
] as const

const IOP = 'programLevel-iop'
const PHP = 'programLevel-php'

/**
 * Names in running text that have a page of their own; the first mention in the article links
 * there. Programs the seed names without a document here (alcohol addiction treatment, drug
 * rehab, substance abuse treatment center, addiction therapy programs) stay plain text.
 */
const PROSE_LINKS = [
  {phrase: 'Partial Hospitalization Program in Massachusetts', to: PHP},
  {phrase: 'IOP program in Massachusetts', to: IOP},
] as const

const PHONE = /\b(\d{3})\.(\d{3})\.(\d{4})\b/g
const CALL_INVITATION = /^Call us\b.*\b\d{3}\.\d{3}\.\d{4}\b/
const ABBREVIATED = /^(.*?) \(([A-Z]{2,})\)$/
/** "Label: description" list items; the label is a term being defined. */
const LABELLED_ITEM = /^([^:.]{2,60}): /
/** "Name – description" list items of the continuum. */
const DASHED_ITEM = /^(.+?) – (.+)$/
const RANGE = /(\d+)\s*(?:–|-|to)\s*(\d+)/

type Range = {_type: 'numberRange'; min: number; max: number}

/** Builds every document of the bundled dataset, sorted by `_id`, as an export lists them. */
export async function buildSeedDataset(seed: SeedArticle): Promise<SeedDocument[]> {
  const sections = splitSections(seed.body)
  const levels = programLevels(seed, sections)
  const therapies = therapyDocuments(sections)
  const faqs = faqDocuments(seed)
  const {body, phone} = articleBody(seed, therapies)
  const excerpt = firstSentences(paragraphs(sections[0]?.nodes ?? [])[0] ?? '', 2)

  const article: Record<string, unknown> = {
    title: seed.title,
    slug: {_type: 'slug', current: ARTICLE_SLUG},
    excerpt,
    publishedAt: SEED_INSTANT,
    category: 'treatment-programs',
    body,
    programLevels: references('programLevels', [IOP, PHP]),
    therapies: references(
      'therapies',
      therapies.map((therapy) => therapy._id),
    ),
    faqs: references(
      'faqs',
      faqs.map((faq) => faq._id),
    ),
    requiresClinicalReview: true,
  }
  const contentHash = await clinicalContentHash(
    {title: seed.title, excerpt, body},
    faqs.map((faq) => ({_id: faq._id, question: faq['question'] as string, answer: faq['answer']})),
  )
  article['clinicalReview'] = {
    _type: 'clinicalReview',
    reviewer: {_type: 'reference', _ref: REVIEWER_ID},
    reviewedAt: SEED_INSTANT,
    contentHash,
    attestation: `Recorded from the source article’s byline “Clinically Reviewed by ${seed.reviewerName}”. The source states no review date; this sample uses the publication date.`,
  }
  const {article: migrated, signoff} = migrateClinicalReview(document(ARTICLE_ID, 'article', article), {
    signer: DEMO_SIGNER,
    key: demoAttestorKey(),
  })

  const documents = [
    migrated,
    ...(signoff ? [signoff] : []),
    document(REVIEWER_ID, 'clinicalReviewer', {
      name: seed.reviewerName,
      slug: {_type: 'slug', current: 'kate-smith'},
    }),
    ...levels,
    ...therapies,
    ...faqs,
    settings(seed, sections, phone),
  ]
  return documents.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}

/**
 * Moves an article's embedded `clinicalReview` (how sign-offs were stored before they became
 * their own documents) into a `clinicalSignoff`, attested with `key`, and removes it from the
 * article. The content hash is copied as it was, so the review still holds for the same content.
 * A review with no `signedBy` (the seed's never had one) is recorded as `signer`'s.
 */
export function migrateClinicalReview(
  article: SeedDocument,
  {signer, key}: {signer: string; key: AttestorKey},
): {article: SeedDocument; signoff: SeedDocument | undefined} {
  const {clinicalReview: review, ...rest} = article as SeedDocument & {clinicalReview?: Record<string, unknown>}
  if (!review) return {article, signoff: undefined}
  const {_rev: _previous, ...fields} = rest
  const signedAt = String(review['reviewedAt'] ?? '')
  const id = `clinicalSignoff-${stableKey('signoff', `${article._id}|${signedAt}`)}`
  const stored = {
    article: {_type: 'reference', _ref: article._id, _weak: true},
    contentHash: review['contentHash'],
    reviewer: review['reviewer'],
    signer: typeof review['signedBy'] === 'string' ? review['signedBy'] : signer,
    signedAt,
    ...(typeof review['note'] === 'string' ? {note: review['note']} : {}),
    ...(typeof review['attestation'] === 'string' ? {attestationText: review['attestation']} : {}),
  }
  const claim = signoffClaim({_id: id, ...(stored as Omit<SignoffRecord, '_id'>)})
  if (!claim) throw new Error(`${article._id}: clinicalReview lacks its reviewer, reviewedAt or contentHash`)
  const {_id, _type, _createdAt, _updatedAt, ...articleFields} = fields
  return {
    article: document(_id, _type, articleFields),
    signoff: document(id, 'clinicalSignoff', {...stored, ...attest(claim, key), attestedAt: signedAt}),
  }
}

/** One JSON document per line, each line ending in a newline, as `sanity dataset export` writes. */
export function toNdjson(documents: readonly SeedDocument[]): string {
  return documents.map((doc) => `${JSON.stringify(doc)}\n`).join('')
}

interface Section {
  heading: string
  nodes: SeedNode[]
}

/** The intro (heading '') and each h2 with everything under it. */
function splitSections(body: readonly SeedNode[]): Section[] {
  const sections: Section[] = [{heading: '', nodes: []}]
  for (const node of body) {
    if (node.kind === 'heading' && node.level === 2) sections.push({heading: node.text, nodes: []})
    else sections.at(-1)?.nodes.push(node)
  }
  return sections
}

function section(sections: readonly Section[], heading: RegExp): Section {
  const found = sections.find((candidate) => heading.test(candidate.heading))
  if (!found) throw new Error(`The seed has no section whose heading matches ${heading}.`)
  return found
}

function list(found: Section): string[] {
  const node = found.nodes.find((candidate) => candidate.kind === 'list')
  if (node?.kind !== 'list') throw new Error(`The seed section “${found.heading}” has no list.`)
  return node.items
}

function paragraphs(nodes: readonly SeedNode[]): string[] {
  return nodes.flatMap((node) => (node.kind === 'paragraph' ? [node.text] : []))
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/)
}

function firstSentences(text: string, count: number): string {
  return sentences(text).slice(0, count).join(' ')
}

function document(_id: string, _type: string, fields: Record<string, unknown>): SeedDocument {
  const content = {_id, _type, ...fields}
  // A revision derived from the content changes exactly when the document does.
  return {
    _id,
    _type,
    _createdAt: SEED_INSTANT,
    _updatedAt: SEED_INSTANT,
    _rev: stableKey('rev', JSON.stringify(content)),
    ...fields,
  }
}

function references(field: string, ids: readonly string[]) {
  return ids.map((id) => ({_type: 'reference', _key: stableKey(field, id), _ref: id}))
}

function range(text: string, what: string): Range {
  const match = RANGE.exec(text)
  if (!match) throw new Error(`Expected a range such as “3 to 5” for ${what}, found “${text}”.`)
  return {_type: 'numberRange', min: Number(match[1]), max: Number(match[2])}
}

/** The sentence in the seed that states something, found by a pattern, for fields such as days per week. */
function rangeIn(seed: SeedArticle, pattern: RegExp, what: string): Range {
  const all = seed.body.flatMap((node) =>
    node.kind === 'paragraph' ? [node.text] : node.kind === 'faq' ? node.answer : [],
  )
  const match = all.map((text) => pattern.exec(text)).find((found) => found !== null)
  if (!match?.[0]) throw new Error(`The seed no longer states ${what}.`)
  return range(match[0], what)
}

function programLevels(seed: SeedArticle, sections: readonly Section[]): SeedDocument[] {
  const items = list(section(sections, /Continuum of Care/))
  const table = section(sections, /^IOP vs\. PHP/).nodes.find((node) => node.kind === 'table')
  if (table?.kind !== 'table') throw new Error('The seed’s “IOP vs. PHP” section has no table.')

  /** The table column of a level ("PHP Program Massachusetts"), as field → cell. */
  const column = (shortName: string) => {
    const index = table.columns.findIndex((heading) => heading.startsWith(`${shortName} `))
    if (index < 0) throw new Error(`The comparison table has no column for ${shortName}.`)
    const cell = (label: string) => {
      const row = table.rows.find((cells) => cells[0] === label)
      if (!row?.[index]) throw new Error(`The comparison table has no “${label}” for ${shortName}.`)
      return row[index]
    }
    return {
      hoursPerWeek: range(cell('Hours per week'), `${shortName} hours per week`),
      setting: cell('Setting'),
      medicalMonitoring: cell('Medical monitoring'),
      idealFor: cell('Ideal for'),
    }
  }

  return items.map((item, index) => {
    const match = DASHED_ITEM.exec(item)
    const level = PROGRAM_LEVELS.find((candidate) => candidate.seedName === match?.[1])
    if (!match?.[2] || !level) throw new Error(`The continuum item “${item}” matches no program level.`)
    const named = ABBREVIATED.exec(level.seedName)
    const shortName = named?.[2]
    const fields: Record<string, unknown> = {
      name: named?.[1] ?? level.seedName,
      ...(shortName ? {shortName} : {}),
      slug: {_type: 'slug', current: level.slug},
      continuumPosition: index + 1,
      summary: match[2],
    }
    if (level.id === PHP) Object.assign(fields, column('PHP'))
    if (level.id === IOP) {
      const {hoursPerWeek, ...rest} = column('IOP')
      Object.assign(fields, {
        hoursPerWeek,
        daysPerWeek: rangeIn(seed, /\d+ to \d+ days/, 'IOP days per week'),
        hoursPerSession: rangeIn(seed, /\d+ to \d+ hours per session/, 'IOP hours per session'),
        typicalLengthWeeks: rangeIn(seed, /\d+–\d+ weeks/, 'the IOP’s length in weeks'),
        ...rest,
        // The seed's IOP incorporates every therapy it lists.
        therapies: references(
          'therapies',
          THERAPIES.map((therapy) => therapy.id),
        ),
      })
    }
    return document(level.id, 'programLevel', fields)
  })
}

function therapyDocuments(sections: readonly Section[]): SeedDocument[] {
  const items = list(section(sections, /^Therapies Used/))
  return items.map((item) => {
    const label = LABELLED_ITEM.exec(item)
    const therapy = THERAPIES.find((candidate) => candidate.seedName === label?.[1])
    if (!label?.[0] || !therapy) throw new Error(`The therapy item “${item}” matches no therapy.`)
    const named = ABBREVIATED.exec(therapy.seedName)
    const abbreviation = named?.[2] ?? ('abbreviation' in therapy ? therapy.abbreviation : undefined)
    return document(therapy.id, 'therapy', {
      name: named?.[1] ?? therapy.seedName,
      ...(abbreviation ? {abbreviation} : {}),
      slug: {_type: 'slug', current: therapy.slug},
      summary: item.slice(label[0].length),
      programLevels: references('programLevels', [IOP]),
    })
  })
}

function faqDocuments(seed: SeedArticle): SeedDocument[] {
  const questions = seed.body.filter((node) => node.kind === 'faq')
  if (questions.length !== FAQS.length) {
    throw new Error(`The seed has ${questions.length} FAQs; the dataset names ${FAQS.length}.`)
  }
  return questions.map((faq, index) => {
    const {id, topic} = FAQS[index] ?? FAQS[0]
    return document(id, 'faq', {
      question: faq.question,
      answer: faq.answer.map((text, paragraph) => textBlock(stableKey(id, 'answer', paragraph), text)),
      topics: [topic],
      programLevels: references('programLevels', [IOP]),
      order: index + 1,
    })
  })
}

/**
 * The article body: every heading, paragraph, list, the table, the call to action and the FAQ
 * list, in seed order. Also returns the phone number the call to action names.
 */
function articleBody(seed: SeedArticle, therapies: readonly SeedDocument[]): {body: unknown[]; phone: string} {
  const body: unknown[] = []
  const key = () => stableKey(ARTICLE_ID, 'body', body.length)
  const linked = new Set<string>()
  let heading = ''
  let phone: string | undefined

  const prose = (text: string) => {
    const ranges: MarkRange[] = []
    for (const rule of PROSE_LINKS) {
      if (linked.has(rule.phrase)) continue
      const found = findPhrase(text, rule.phrase, [{internalLink: rule.to}])
      if (found) {
        ranges.push(found)
        linked.add(rule.phrase)
      }
    }
    for (const match of text.matchAll(PHONE)) {
      ranges.push({start: match.index, end: match.index + match[0].length, marks: [{link: telHref(match)}]})
    }
    body.push(textBlock(key(), text, {ranges}))
  }

  for (const node of seed.body) {
    switch (node.kind) {
      case 'heading':
        if (node.level === 2) heading = node.text
        body.push(textBlock(key(), node.text, {style: `h${node.level}`}))
        break
      case 'paragraph': {
        // The sentence inviting a call becomes the call-to-action block, between the text around it.
        const parts = sentences(node.text)
        const cta = parts.findIndex((sentence) => CALL_INVITATION.test(sentence))
        if (cta < 0) {
          prose(node.text)
          break
        }
        const sentence = parts[cta] ?? ''
        phone = [...sentence.matchAll(PHONE)][0]?.[0]
        const before = parts.slice(0, cta).join(' ')
        const after = parts.slice(cta + 1).join(' ')
        if (before) prose(before)
        body.push({_type: 'callToAction', _key: key(), text: sentence})
        if (after) prose(after)
        break
      }
      case 'list':
        for (const item of node.items) {
          body.push(textBlock(key(), item, {listItem: 'bullet', ranges: listItemMarks(item, therapies)}))
        }
        break
      case 'table':
        body.push({
          _type: 'comparisonTable',
          _key: key(),
          // The heading names the comparison ("IOP vs. PHP: What’s the Difference?").
          caption: heading.split(':')[0]?.trim() || heading,
          columns: node.columns,
          rows: node.rows.map((cells, row) => ({
            _type: 'comparisonRow',
            _key: stableKey(ARTICLE_ID, 'table', row),
            cells,
          })),
        })
        break
      case 'faq': {
        const last = body.at(-1) as {_type?: string; faqs?: unknown[]} | undefined
        const id = FAQS[seed.body.filter((other) => other.kind === 'faq').indexOf(node)]?.id
        if (!id) throw new Error(`The FAQ “${node.question}” has no document.`)
        const ref = {_type: 'reference', _key: stableKey('faqList', id), _ref: id}
        if (last?._type === 'faqList' && last.faqs) last.faqs.push(ref)
        else if (FAQ_HEADING.test(heading)) body.push({_type: 'faqList', _key: key(), faqs: [ref]})
        break
      }
    }
  }
  for (const rule of PROSE_LINKS) {
    if (!linked.has(rule.phrase)) throw new Error(`The seed no longer mentions “${rule.phrase}”.`)
  }
  if (!phone) throw new Error('The seed has no “Call us … <phone>” sentence for the call to action.')
  return {body, phone}
}

/** Continuum items link their level; "Label: …" items set the label in bold, linking therapies. */
function listItemMarks(item: string, therapies: readonly SeedDocument[]): MarkRange[] {
  const dashed = DASHED_ITEM.exec(item)
  const level = PROGRAM_LEVELS.find((candidate) => candidate.seedName === dashed?.[1])
  if (dashed?.[1] && level) return [{start: 0, end: dashed[1].length, marks: [{internalLink: level.id}]}]
  const label = LABELLED_ITEM.exec(item)
  if (!label?.[1]) return []
  const therapy = THERAPIES.find((candidate) => candidate.seedName === label[1])
  const marks: MarkSpec[] = [{decorator: 'strong'}]
  if (therapy && therapies.some((doc) => doc._id === therapy.id)) marks.push({internalLink: therapy.id})
  return [{start: 0, end: label[1].length, marks}]
}

function telHref(match: RegExpMatchArray): string {
  return `tel:+1${match[1]}${match[2]}${match[3]}`
}

const MEDICAL_DISCLAIMER =
  'This site offers general information about addiction and its treatment. It is not medical advice and does not replace an assessment by a qualified clinician. If you or someone you know is in crisis, call or text 988, or call 911 in an emergency.'

const EDITORIAL_POLICY = [
  'Articles about treatment are signed off by a clinical reviewer before we publish them. A sign-off covers the exact words the reviewer approved: the title, the summary, the article and the questions and answers it includes.',
  'When any of that text changes, the article no longer shows the review until a reviewer signs it off again. Every review is repeated at least once a year.',
]

function settings(seed: SeedArticle, sections: readonly Section[], phone: string): SeedDocument {
  // The source page's footer: the tagline in two lines, then the organisation's name.
  const [taglineStart, taglineEnd, organizationName] = seed.footer
  if (!taglineStart || !taglineEnd || !organizationName) {
    throw new Error('The seed’s footer should hold the tagline (two lines) and the organisation’s name.')
  }
  return document(SITE_SETTINGS_ID, 'siteSettings', {
    organizationName,
    tagline: `${taglineStart}, ${taglineEnd}`,
    phone,
    crisisLines: DEFAULT_CRISIS_LINES,
    services: list(section(sections, /Through Aftercare$/)),
    medicalDisclaimer: MEDICAL_DISCLAIMER,
    editorialPolicy: EDITORIAL_POLICY.map((text, index) => textBlock(stableKey('editorialPolicy', index), text)),
    reviewPolicy: {_type: 'reviewPolicy', ...DEFAULT_REVIEW_POLICY},
  })
}
