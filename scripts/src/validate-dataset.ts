/**
 * Offline checks of a whole dataset, as `pnpm validate` runs them:
 * - every document against the Studio's own rules (`validateContentDocument`);
 * - every `_ref` anywhere in a document: it must point at a published document, of a type the
 *   field accepts;
 * - slugs unique per type among published documents;
 * - no `_type` outside the schema (Sanity's own `sanity.*`/`system.*` types are fine);
 * - every article's clinical review status, as the site computes it at build time.
 * Drafts and release versions never reach the site and the Studio will not publish them while a
 * rule fails, so everything found in them is reported as a warning.
 */
import {documentTypes, SITE_SETTINGS_ID} from '@repo/schemas'
import {isPublishedId} from '@repo/schemas/ids'
import {
  evaluateArticleReview,
  gatherReviewInputs,
  type ReviewableArticle,
  type ReviewerFacts,
  type ReviewStatus,
  type ReviewTrust,
  resolvePolicy,
  reviewInputIds,
  type SignoffRecord,
} from '@repo/schemas/review'
import {
  contentSchema,
  createDocumentExists,
  type DatasetDocument,
  formatPath,
  validateContentDocument,
} from '@repo/schemas/validation'
import {createIndexedClient} from './indexed-client.ts'

export type {DatasetDocument} from '@repo/schemas/validation'

export type Level = 'error' | 'warning' | 'info'

/** Which check found a problem. */
export type Check = 'schema' | 'reference' | 'slug' | 'type' | 'review'

/** One finding, located by document, field path and (for NDJSON files) line. */
export interface Problem {
  documentId: string
  documentType: string
  path: string
  level: Level
  check: Check
  message: string
  line?: number
}

/** What the review rules say of one published article. */
export interface ReviewFinding {
  documentId: string
  status: ReviewStatus
  reason: string
  expiringSoon: boolean
}

/** Per `_type`: how many published and unpublished documents, and what was found in them. */
export interface TypeSummary {
  type: string
  published: number
  unpublished: number
  errors: number
  warnings: number
}

export interface ValidationReport {
  documents: number
  types: TypeSummary[]
  problems: Problem[]
  reviews: ReviewFinding[]
  errors: number
  warnings: number
  /** The instant review status was computed for. */
  reviewNow: string
}

export interface ValidateOptions {
  /** The 1-based line of each document's `_id`, when the file is NDJSON. */
  lines?: ReadonlyMap<string, number>
  /** The review clock: `REVIEW_NOW` or the current time. */
  now: Date
  /** Review statuses other than valid/not-required become errors instead of warnings. */
  strict?: boolean
  /** Who may sign and which attestation keys count (the build's: demo key refused when live). */
  trust: ReviewTrust
  /** Called after each document's rules ran; the CLI shows progress with it. */
  onProgress?: (done: number, total: number) => void
}

const KNOWN_TYPES = new Set<string>(documentTypes.map((type) => type.name))
/** Sanity's own document types: assets in an export, and system documents. */
const SYSTEM_TYPE = /^(?:sanity|system)\./

/** The schema's own messages for what the dataset-wide checks below report with more detail. */
const SCHEMA_REFERENCE_MESSAGE = 'Referenced document must be published'
const SCHEMA_SLUG_MESSAGE = 'Slug is already in use'

/** True for `drafts.*` and release versions (`versions.<release>.*`). */
export function isUnpublished(id: string): boolean {
  return !isPublishedId(id)
}

/** Runs every check over `documents` and returns what it found, errors first. */
export async function validateDataset(
  documents: readonly DatasetDocument[],
  options: ValidateOptions,
): Promise<ValidationReport> {
  const published = documents.filter((doc) => !isUnpublished(doc._id))
  const byId = new Map(published.map((doc) => [doc._id, doc]))
  const allIds = new Set(documents.map((doc) => doc._id))
  const found: Problem[] = []
  const report = (doc: DatasetDocument, problem: Omit<Problem, 'documentId' | 'documentType' | 'line'>) => {
    const line = options.lines?.get(doc._id)
    found.push({
      documentId: doc._id,
      documentType: doc._type,
      ...problem,
      // Nothing in an unpublished document can reach the site: it is a note for editors.
      level: problem.level === 'error' && isUnpublished(doc._id) ? 'warning' : problem.level,
      ...(line === undefined ? {} : {line}),
    })
  }

  for (const doc of documents) {
    if (!KNOWN_TYPES.has(doc._type) && !SYSTEM_TYPE.test(doc._type)) {
      report(doc, {
        path: '_type',
        level: 'error',
        check: 'type',
        message: `unknown type “${doc._type}”: the schema has ${[...KNOWN_TYPES].join(', ')}`,
      })
    }
    checkReferences(doc, byId, allIds, report)
    checkRetiredSignerLinks(doc, report)
  }
  checkSlugs(published, report)

  // One client and one existence index for the whole run, not one per document.
  const client = createIndexedClient(documents)
  const exists = createDocumentExists(documents)
  const dedicated = new Set(found.map((problem) => `${problem.documentId}|${problem.path}`))
  let done = 0
  for (const doc of documents) {
    if (KNOWN_TYPES.has(doc._type)) {
      for (const problem of await validateContentDocument(doc, documents, {client, exists})) {
        const {path, level, message} = problem
        // The dataset-wide checks already named the missing document or the other holder of the slug.
        const covered =
          (message === SCHEMA_REFERENCE_MESSAGE || message === SCHEMA_SLUG_MESSAGE) &&
          (dedicated.has(`${doc._id}|${path}`) || dedicated.has(`${doc._id}|${path}.current`))
        if (!covered) report(doc, {path, level, check: 'schema', message})
      }
    }
    options.onProgress?.(++done, documents.length)
  }

  const reviews = await checkReviews(published, byId, options, report)
  const problems = found.sort(byLevelThenDocument)
  return {
    documents: documents.length,
    types: summarise(documents, problems),
    problems,
    reviews,
    errors: problems.filter((problem) => problem.level === 'error').length,
    warnings: problems.filter((problem) => problem.level === 'warning').length,
    reviewNow: options.now.toISOString(),
  }
}

type Reporter = (doc: DatasetDocument, problem: Omit<Problem, 'documentId' | 'documentType' | 'line'>) => void

type PathSegment = string | number | {_key: string}

/** The parts of a compiled schema type this walk reads. */
interface SchemaType {
  name: string
  jsonType?: string
  type?: SchemaType
  fields?: ReadonlyArray<{name: string; type: SchemaType}>
  of?: readonly SchemaType[]
  to?: ReadonlyArray<{name: string}>
  weak?: boolean
}

function isReferenceType(type: SchemaType | undefined): boolean {
  for (let current = type; current; current = current.type) {
    if (current.name === 'reference') return true
  }
  return false
}

/**
 * Every `_ref` in the document, wherever it is. Alongside the value, the walk follows the schema
 * while it fits, so a reference in a known field is also checked against the types it accepts.
 */
function checkReferences(
  doc: DatasetDocument,
  byId: ReadonlyMap<string, DatasetDocument>,
  allIds: ReadonlySet<string>,
  report: Reporter,
): void {
  const visit = (value: unknown, type: SchemaType | undefined, path: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemType = isRecord(item)
          ? (type?.of?.find((member) => member.name === item['_type']) ??
            (type?.of?.length === 1 && isReferenceType(type.of[0]) ? type.of[0] : undefined))
          : undefined
        const key = isRecord(item) && typeof item['_key'] === 'string' ? {_key: item['_key']} : index
        visit(item, itemType, [...path, key])
      })
      return
    }
    if (!isRecord(value)) return
    if (typeof value['_ref'] === 'string') {
      checkReference(doc, value, isReferenceType(type) ? type : undefined, path, byId, allIds, report)
      return
    }
    for (const [field, child] of Object.entries(value)) {
      if (field === '_id' && path.length === 0) continue
      visit(child, type?.fields?.find((candidate) => candidate.name === field)?.type, [...path, field])
    }
  }
  visit(doc, contentSchema.get(doc._type) as SchemaType | undefined, [])
}

function checkReference(
  doc: DatasetDocument,
  value: Record<string, unknown>,
  type: SchemaType | undefined,
  segments: PathSegment[],
  byId: ReadonlyMap<string, DatasetDocument>,
  allIds: ReadonlySet<string>,
  report: Reporter,
): void {
  const ref = String(value['_ref'])
  const path = formatPath(segments)
  const target = byId.get(ref)
  if (!target) {
    const weak = value['_weak'] === true || type?.weak === true
    const onlyDraft = allIds.has(`drafts.${ref}`)
    report(doc, {
      path,
      level: weak ? 'warning' : 'error',
      check: 'reference',
      message: onlyDraft
        ? `references “${ref}”, which exists only as a draft (drafts.${ref}): publish it first`
        : `references “${ref}”, which is not in the dataset`,
    })
    return
  }
  const accepted = type?.to?.map((candidate) => candidate.name)
  if (accepted && accepted.length > 0 && !accepted.includes(target._type)) {
    report(doc, {
      path,
      level: 'error',
      check: 'reference',
      message: `references “${ref}”, a ${target._type}; this field accepts ${accepted.join(', ')}`,
    })
  }
}

/**
 * `clinicalReviewer.sanityUserIds` used to decide who may sign as a reviewer, and any editor could
 * change it. It is no longer read (the repository's `schemas/review-signers.json` decides), but a
 * dataset that still carries it keeps user IDs nobody maintains: a warning says where they are.
 */
function checkRetiredSignerLinks(doc: DatasetDocument, report: Reporter): void {
  if (doc._type !== 'clinicalReviewer' || doc['sanityUserIds'] === undefined) return
  report(doc, {
    path: 'sanityUserIds',
    level: 'warning',
    check: 'schema',
    message:
      'sanityUserIds is no longer read: who may sign as this reviewer is listed in schemas/review-signers.json. Move the IDs there in a reviewed commit, then unset the field in the dataset.',
  })
}

/** Two published documents of one type with one slug would claim one URL. */
function checkSlugs(published: readonly DatasetDocument[], report: Reporter): void {
  const holders = new Map<string, DatasetDocument[]>()
  for (const doc of published) {
    const slug = isRecord(doc['slug']) ? doc['slug']['current'] : undefined
    if (typeof slug !== 'string' || slug === '') continue
    const key = `${doc._type}\u0000${slug}`
    holders.set(key, [...(holders.get(key) ?? []), doc])
  }
  for (const docs of holders.values()) {
    if (docs.length < 2) continue
    for (const doc of docs) {
      const others = docs.filter((other) => other !== doc).map((other) => other._id)
      const slug = (doc['slug'] as {current: string}).current
      report(doc, {
        path: 'slug.current',
        level: 'error',
        check: 'slug',
        message: `slug “${slug}” is also used by ${others.join(', ')} (${doc._type} slugs must be unique)`,
      })
    }
  }
}

/** Each published article's review, computed as the site build does. */
async function checkReviews(
  published: readonly DatasetDocument[],
  byId: ReadonlyMap<string, DatasetDocument>,
  options: ValidateOptions,
  report: Reporter,
): Promise<ReviewFinding[]> {
  // The settings singleton, found as the site finds it: by its fixed ID.
  const settings = ofType(byId.get(SITE_SETTINGS_ID), 'siteSettings')
  const policy = resolvePolicy(
    isRecord(settings?.['reviewPolicy'])
      ? (settings['reviewPolicy'] as {validityMonths?: number; warningDays?: number})
      : null,
  )
  const signoffs = new Map<string, SignoffRecord[]>()
  for (const doc of published) {
    const ref = doc._type === 'clinicalSignoff' && isRecord(doc['article']) ? doc['article']['_ref'] : undefined
    if (typeof ref === 'string') signoffs.set(ref, [...(signoffs.get(ref) ?? []), doc as SignoffRecord])
  }
  const findings: ReviewFinding[] = []
  for (const doc of published) {
    if (doc._type !== 'article') continue
    const article = doc as ReviewableArticle & DatasetDocument
    const inputs = gatherReviewInputs(reviewInputIds(article), {
      faq: (id) => ofType(byId.get(id), 'faq'),
      signoffs: (id) => signoffs.get(id),
      reviewer: (id) => ofType(byId.get(id), 'clinicalReviewer') as (ReviewerFacts & DatasetDocument) | undefined,
    })
    const evaluation = await evaluateArticleReview(article, inputs, policy, options.now, options.trust)
    findings.push({
      documentId: doc._id,
      status: evaluation.status,
      reason: evaluation.reason,
      expiringSoon: evaluation.expiringSoon,
    })
    const fine = evaluation.status === 'valid' || evaluation.status === 'not-required'
    report(doc, {
      path: 'clinicalSignoff',
      level: fine ? (evaluation.expiringSoon ? 'warning' : 'info') : options.strict ? 'error' : 'warning',
      check: 'review',
      message: `review ${evaluation.status}: ${evaluation.reason}`,
    })
  }
  return findings
}

/** The document when it is of `type`: a review reads FAQs and reviewers, never whatever holds the ID. */
function ofType(doc: DatasetDocument | undefined, type: string): DatasetDocument | undefined {
  return doc?._type === type ? doc : undefined
}

function summarise(documents: readonly DatasetDocument[], problems: readonly Problem[]): TypeSummary[] {
  const types = new Map<string, TypeSummary>()
  const entry = (type: string) => {
    let summary = types.get(type)
    if (!summary) {
      summary = {type, published: 0, unpublished: 0, errors: 0, warnings: 0}
      types.set(type, summary)
    }
    return summary
  }
  for (const doc of documents) {
    const summary = entry(doc._type)
    if (isUnpublished(doc._id)) summary.unpublished++
    else summary.published++
  }
  for (const problem of problems) {
    const summary = entry(problem.documentType)
    if (problem.level === 'error') summary.errors++
    if (problem.level === 'warning') summary.warnings++
  }
  return [...types.values()].sort((a, b) => compare(a.type, b.type))
}

const LEVEL_ORDER: Record<Level, number> = {error: 0, warning: 1, info: 2}

function byLevelThenDocument(a: Problem, b: Problem): number {
  return (
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compare(a.documentId, b.documentId) ||
    compare(a.path, b.path)
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
