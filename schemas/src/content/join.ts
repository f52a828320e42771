/**
 * The site's content as one graph: one query per collection, then joined and indexed in memory.
 * Every article's clinical review status is decided here, through the shared review rules, and
 * nowhere else: a page shows a review claim only when `reviewedBy` is set.
 */
import {publishedId} from '../ids.ts'
import {
  evaluateArticleReview,
  gatherReviewInputs,
  type ReviewEvaluation,
  type ReviewPolicy,
  resolvePolicy,
  reviewInputIds,
} from '../review/index.ts'
import {
  articlePath,
  faqAnchor,
  faqPath,
  programLevelPath,
  reviewerPath,
  slugProblem,
  therapyPath,
} from '../rules/index.ts'
import type {
  ArticlesQueryResult,
  AuthorsQueryResult,
  FaqsQueryResult,
  ImageAssetsQueryResult,
  ProgramLevelsQueryResult,
  ReviewersQueryResult,
  SettingsQueryResult,
  TherapiesQueryResult,
} from '../sanity.types.ts'
import {createImageResolver, type ImageSources, type ImageValue} from './images.ts'
import {
  articlesQuery,
  authorsQuery,
  faqsQuery,
  imageAssetsQuery,
  programLevelsQuery,
  reviewersQuery,
  settingsQuery,
  therapiesQuery,
} from './queries.ts'
import type {ContentSource} from './source-types.ts'

export type Article = ArticlesQueryResult[number]
export type ProgramLevel = ProgramLevelsQueryResult[number]
export type Therapy = TherapiesQueryResult[number]
export type Faq = FaqsQueryResult[number]
export type Reviewer = ReviewersQueryResult[number]
export type Author = AuthorsQueryResult[number]
export type Settings = NonNullable<SettingsQueryResult>
export type ArticleCategory = Article['category']

/** Every collection, as the queries return it. */
export interface RawContent {
  articles: ArticlesQueryResult
  programLevels: ProgramLevelsQueryResult
  therapies: TherapiesQueryResult
  faqs: FaqsQueryResult
  reviewers: ReviewersQueryResult
  authors: AuthorsQueryResult
  settings: SettingsQueryResult
  imageAssets: ImageAssetsQueryResult
}

export interface ArticleEntry {
  article: Article
  url: string
  review: ReviewEvaluation
  /** Set only when the review is `valid`: the one thing that allows a page to claim a review. */
  reviewedBy: ReviewerEntry | undefined
  author: Author | undefined
  programLevels: ProgramLevelEntry[]
  therapies: TherapyEntry[]
  /** Related FAQs picked in the article's relations (not the ones its body embeds). */
  relatedFaqs: FaqEntry[]
  /** FAQs the body embeds through FAQ list blocks, in order. */
  embeddedFaqs: FaqEntry[]
}

export interface ProgramLevelEntry {
  level: ProgramLevel
  url: string
  previous: ProgramLevelEntry | undefined
  next: ProgramLevelEntry | undefined
  therapies: TherapyEntry[]
  faqs: FaqEntry[]
  articles: ArticleEntry[]
}

export interface TherapyEntry {
  therapy: Therapy
  url: string
  programLevels: ProgramLevelEntry[]
  articles: ArticleEntry[]
}

export interface FaqEntry {
  faq: Faq
  /** The anchor of the question on the FAQ page. */
  anchor: string
  url: string
}

export interface ReviewerEntry {
  reviewer: Reviewer
  /** The profile page, or undefined for a reviewer without a slug (no page, no link). */
  url: string | undefined
  /** Articles whose review by this reviewer is valid now, newest first. */
  reviewedArticles: ArticleEntry[]
}

export interface SiteContent {
  settings: Settings
  /** The instant review statuses were computed for. */
  now: Date
  policy: ReviewPolicy
  /** Newest first. */
  articles: ArticleEntry[]
  /** Most intensive first. */
  programLevels: ProgramLevelEntry[]
  therapies: TherapyEntry[]
  faqs: FaqEntry[]
  reviewers: ReviewerEntry[]
  /** The page of a document an internal link points at, or undefined when it has none. */
  linkTarget(ref: string | null | undefined): string | undefined
  faqById(id: string): FaqEntry | undefined
  image(value: ImageValue | null | undefined): ImageSources | undefined
}

/** Content a build cannot be made from, with every problem named by document and field. */
export class ContentError extends Error {
  override readonly name = 'ContentError'
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(`The content cannot be built:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.problems = problems
  }
}

/**
 * Runs the one query per collection, in parallel; the collections that grow with the content are
 * read whole through the source's paged read.
 */
export async function fetchRawContent(source: ContentSource): Promise<RawContent> {
  const [articles, programLevels, therapies, faqs, reviewers, authors, settings, imageAssets] = await Promise.all([
    source.fetchAll(articlesQuery),
    source.fetch(programLevelsQuery),
    source.fetch(therapiesQuery),
    source.fetchAll(faqsQuery),
    source.fetch(reviewersQuery),
    source.fetch(authorsQuery),
    source.fetch(settingsQuery),
    source.fetchAll(imageAssetsQuery),
  ])
  return {articles, programLevels, therapies, faqs, reviewers, authors, settings, imageAssets}
}

/**
 * Joins the collections, decides every article's review status at `now`, and checks what the
 * build cannot work around (missing settings, duplicate or unsafe slugs, untitled documents).
 */
export async function buildSiteContent(raw: RawContent, now: Date): Promise<SiteContent> {
  const problems: string[] = []
  const settings = raw.settings
  if (!settings) problems.push('siteSettings: the settings document (`_id` "siteSettings") is missing.')
  checkDocuments(raw, problems)
  if (problems.length > 0 || !settings) throw new ContentError(problems)

  const policy = resolvePolicy(settings.reviewPolicy)

  const faqs: FaqEntry[] = raw.faqs.map((faq) => {
    return {faq, anchor: faqAnchor(faq._id), url: faqPath(faq._id)}
  })
  const faqIndex = new Map(faqs.map((entry) => [entry.faq._id, entry]))

  const reviewers: ReviewerEntry[] = raw.reviewers.map((reviewer) => ({
    reviewer,
    url: reviewer.slug ? reviewerPath(reviewer.slug) : undefined,
    reviewedArticles: [],
  }))
  const reviewerIndex = new Map(reviewers.map((entry) => [entry.reviewer._id, entry]))
  const authorIndex = new Map(raw.authors.map((author) => [author._id, author]))

  const programLevels: ProgramLevelEntry[] = raw.programLevels.map((level) => ({
    level,
    url: programLevelPath(level.slug),
    previous: undefined,
    next: undefined,
    therapies: [],
    faqs: [],
    articles: [],
  }))
  for (const [index, entry] of programLevels.entries()) {
    entry.previous = programLevels[index - 1]
    entry.next = programLevels[index + 1]
  }
  const levelIndex = new Map(programLevels.map((entry) => [entry.level._id, entry]))

  const therapies: TherapyEntry[] = raw.therapies.map((therapy) => ({
    therapy,
    url: therapyPath(therapy.slug),
    programLevels: [],
    articles: [],
  }))
  const therapyIndex = new Map(therapies.map((entry) => [entry.therapy._id, entry]))

  // A therapy offered at a level may be recorded on either side; both sides show the pair.
  const linkLevelTherapy = (level: ProgramLevelEntry | undefined, therapy: TherapyEntry | undefined) => {
    if (!level || !therapy) return
    if (!level.therapies.includes(therapy)) level.therapies.push(therapy)
    if (!therapy.programLevels.includes(level)) therapy.programLevels.push(level)
  }
  for (const level of programLevels) {
    for (const id of level.level.therapyIds ?? []) linkLevelTherapy(level, therapyIndex.get(publishedId(id)))
  }
  for (const therapy of therapies) {
    for (const id of therapy.therapy.programLevelIds ?? []) linkLevelTherapy(levelIndex.get(publishedId(id)), therapy)
  }
  for (const entry of faqs) {
    for (const id of entry.faq.programLevelIds ?? []) {
      const level = levelIndex.get(publishedId(id))
      if (level && !level.faqs.includes(entry)) level.faqs.push(entry)
    }
  }

  const lookup = {faq: (id: string) => faqIndex.get(id), reviewer: (id: string) => reviewerIndex.get(id)}
  const joined = raw.articles.map((article) => {
    const inputs = gatherReviewInputs(reviewInputIds(article), lookup)
    return {article, embeddedFaqs: inputs.faqs, reviewer: inputs.reviewer ?? undefined}
  })
  // Each review hashes its article with Web Crypto, whose digest runs off the main thread: asking
  // for a batch at a time overlaps those waits instead of paying them one article after another.
  const reviews = await inBatches(joined, REVIEW_BATCH, ({article, embeddedFaqs, reviewer}) =>
    evaluateArticleReview(
      article,
      {faqs: embeddedFaqs.map((entry) => entry.faq), reviewer: reviewer?.reviewer ?? null},
      policy,
      now,
    ),
  )

  const articles: ArticleEntry[] = []
  for (const [index, {article, embeddedFaqs, reviewer}] of joined.entries()) {
    const review = reviews[index]
    if (review === undefined) throw new Error(`No review was evaluated for ${article._id}`)
    const entry: ArticleEntry = {
      article,
      url: articlePath(article.slug),
      review,
      reviewedBy: review.status === 'valid' ? reviewer : undefined,
      author: article.authorId ? authorIndex.get(publishedId(article.authorId)) : undefined,
      programLevels: pick(article.programLevelIds, levelIndex),
      therapies: pick(article.therapyIds, therapyIndex),
      relatedFaqs: pick(article.faqIds, faqIndex),
      embeddedFaqs,
    }
    articles.push(entry)
    entry.reviewedBy?.reviewedArticles.push(entry)
    for (const level of entry.programLevels) level.articles.push(entry)
    for (const therapy of entry.therapies) therapy.articles.push(entry)
  }

  const urlById = new Map<string, string>()
  for (const entry of articles) urlById.set(entry.article._id, entry.url)
  for (const entry of programLevels) urlById.set(entry.level._id, entry.url)
  for (const entry of therapies) urlById.set(entry.therapy._id, entry.url)
  for (const entry of faqs) urlById.set(entry.faq._id, entry.url)
  for (const entry of reviewers) if (entry.url) urlById.set(entry.reviewer._id, entry.url)

  const image = createImageResolver(raw.imageAssets)
  return {
    settings,
    now,
    policy,
    articles,
    programLevels,
    therapies,
    faqs,
    reviewers,
    linkTarget: (ref) => (ref ? urlById.get(publishedId(ref)) : undefined),
    faqById: (id) => faqIndex.get(publishedId(id)),
    image,
  }
}

/** The entries `ids` name, in that order, skipping references to documents that do not exist. */
function pick<T>(ids: readonly string[] | null | undefined, index: ReadonlyMap<string, T>): T[] {
  const found: T[] = []
  for (const id of ids ?? []) {
    const entry = index.get(publishedId(id))
    if (entry !== undefined && !found.includes(entry)) found.push(entry)
  }
  return found
}

/** Problems that would otherwise make a broken page or two documents fight over one address. */
function checkDocuments(raw: RawContent, problems: string[]): void {
  const collections: Array<{type: string; docs: ReadonlyArray<{_id: string; slug: string | null}>; label: string}> = [
    {type: 'article', docs: raw.articles, label: 'title'},
    {type: 'programLevel', docs: raw.programLevels, label: 'name'},
    {type: 'therapy', docs: raw.therapies, label: 'name'},
    {type: 'clinicalReviewer', docs: raw.reviewers.filter((reviewer) => reviewer.slug != null), label: 'name'},
  ]
  for (const {type, docs} of collections) {
    const bySlug = new Map<string, string>()
    for (const doc of docs) {
      const slug = doc.slug
      if (typeof slug !== 'string' || slugProblem(slug)) {
        problems.push(
          `${doc._id} (${type}) slug.current: "${String(slug)}" is not a safe URL segment (lower-case letters, digits and single hyphens, at most 96 characters).`,
        )
        continue
      }
      const other = bySlug.get(slug)
      if (other) problems.push(`${doc._id} (${type}) slug.current: "${slug}" is also the slug of ${other}.`)
      else bySlug.set(slug, doc._id)
    }
  }
  for (const article of raw.articles) {
    if (!article.title) problems.push(`${article._id} (article) title: a published article needs a title.`)
    if (!Array.isArray(article.body) || article.body.length === 0) {
      problems.push(`${article._id} (article) body: a published article needs a body.`)
    }
    // The blog's page list lives at /blog/<n>/; an all-digit slug would take one of its addresses.
    if (/^\d+$/.test(article.slug ?? '')) {
      problems.push(
        `${article._id} (article) slug.current: "${article.slug}" is only digits, which /blog/<page>/ uses.`,
      )
    }
  }
  for (const level of raw.programLevels) {
    if (!level.name) problems.push(`${level._id} (programLevel) name: a program level needs a name.`)
  }
  for (const therapy of raw.therapies) {
    if (!therapy.name) problems.push(`${therapy._id} (therapy) name: a therapy needs a name.`)
  }
  for (const reviewer of raw.reviewers) {
    if (!reviewer.name) problems.push(`${reviewer._id} (clinicalReviewer) name: a reviewer needs a name.`)
  }
}

/** How many reviews are evaluated at once: enough to overlap digests, few enough to bound memory. */
const REVIEW_BATCH = 256

/** `map` over `items` with at most `size` calls in flight, results in the order of `items`. */
async function inBatches<T, R>(items: readonly T[], size: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(map))))
  }
  return results
}
