/**
 * The site's content as one graph: the collections joined and indexed in memory. Every article's
 * clinical review status is decided here, through the shared review rules, and nowhere else: a
 * page shows a review claim only when `reviewedBy` is set.
 */
import {publishedId} from '../ids.ts'
import {
  clinicalContentHash,
  type EmbeddedFaq,
  evaluateArticleReview,
  gatherReviewInputs,
  type ReviewableContent,
  type ReviewTrust,
  resolvePolicy,
  reviewInputIds,
  reviewTrust,
  type SignoffRecord,
  type VerifiedSignatures,
} from '../review/index.ts'
import {articlePath, faqAnchor, faqPath, programLevelPath, reviewerPath, therapyPath} from '../rules/index.ts'
import {inBatches, REVIEW_BATCH} from './batches.ts'
import {type ContentHashMemo, contentHashKey} from './digests.ts'
import type {
  ArticleEntry,
  FaqEntry,
  ProgramLevelEntry,
  RawContent,
  ReviewerEntry,
  SiteContent,
  TherapyEntry,
} from './graph.ts'
import {createImageResolver} from './images.ts'
import {ContentError, checkDocuments} from './integrity.ts'
import {collectLocalImages} from './local-images.ts'

/** How a build treats what is not in the content itself. */
export interface SiteContentOptions {
  /**
   * The folder images not yet uploaded may be read from (`CONTENT_IMAGES_DIR`): an image named
   * by file is shown only when its file is inside it. Without it, such images are left out.
   */
  localImagesDir?: string | undefined
  /** Content hashes from the last build, to skip hashing unchanged articles (see `digests.ts`). */
  contentHashes?: ContentHashMemo | undefined
  /** Signatures that verified in the last build, to skip verifying them again. */
  verifiedSignatures?: VerifiedSignatures | undefined
}

/**
 * The review trust of a build from these settings: a live build (`SANITY_PROJECT_ID` set, as
 * `createContentSource` decides) refuses the demo key; `REVIEW_TRUSTED_KEYS` adds keys. The one
 * exception is the demo's preview server on the local stand-in: `REVIEW_TRUST_DEMO_KEY=1` counts
 * only together with `SANITY_API_HOST`, as the attestor signs with the demo key only there.
 */
export function reviewTrustFromEnv(env: Record<string, string | undefined>): ReviewTrust {
  const demoStandIn = env['REVIEW_TRUST_DEMO_KEY'] === '1' && Boolean(env['SANITY_API_HOST'])
  const live = Boolean(env['SANITY_PROJECT_ID']) && !demoStandIn
  return reviewTrust({live, extraKeys: env['REVIEW_TRUSTED_KEYS']})
}

/**
 * Joins the collections, decides every article's review status at `now` against `trust` (who may
 * sign, which attestation keys count), and checks what the build cannot work around (missing
 * settings, duplicate or unsafe slugs, untitled documents).
 */
export async function buildSiteContent(
  raw: RawContent,
  now: Date,
  trust: ReviewTrust = reviewTrustFromEnv(process.env),
  options: SiteContentOptions = {},
): Promise<SiteContent> {
  const problems: string[] = []
  const settings = raw.settings
  if (!settings) problems.push('siteSettings: the settings document (`_id` "siteSettings") is missing.')
  checkDocuments(raw, problems)
  if (problems.length > 0 || !settings) throw new ContentError(problems)

  const policy = resolvePolicy(settings.reviewPolicy)
  const memo = options.contentHashes

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

  const signoffIndex = new Map<string, SignoffRecord[]>()
  for (const signoff of raw.signoffs ?? []) {
    const articleId = signoff.article?._ref ? publishedId(signoff.article._ref) : undefined
    if (articleId) signoffIndex.set(articleId, [...(signoffIndex.get(articleId) ?? []), signoff])
  }
  const lookup = {
    faq: (id: string) => faqIndex.get(id),
    reviewer: (id: string) => reviewerIndex.get(id),
    signoffs: (id: string) => signoffIndex.get(id),
  }
  const joined = raw.articles.map((article) => {
    const inputs = gatherReviewInputs(reviewInputIds(article), lookup)
    return {article, embeddedFaqs: inputs.faqs, signoffs: inputs.signoffs, reviewers: inputs.reviewers}
  })
  // Each review hashes its article with Web Crypto, whose digest runs off the main thread: asking
  // for a batch at a time overlaps those waits instead of paying them one article after another.
  const reviews = await inBatches(joined, REVIEW_BATCH, ({article, embeddedFaqs, signoffs, reviewers}) =>
    evaluateArticleReview(
      article,
      {faqs: embeddedFaqs.map((entry) => entry.faq), signoffs, reviewers: reviewers.map((entry) => entry.reviewer)},
      policy,
      now,
      trust,
      {
        hashContent: memo ? (content, faqs) => memoHash(memo, content, faqs) : undefined,
        verifiedSignatures: options.verifiedSignatures,
      },
    ),
  )

  const articles: ArticleEntry[] = []
  for (const [index, {article, embeddedFaqs}] of joined.entries()) {
    const review = reviews[index]
    if (review === undefined) throw new Error(`No review was evaluated for ${article._id}`)
    const reviewer = review.reviewerId ? reviewerIndex.get(review.reviewerId) : undefined
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

  const local = collectLocalImages(
    [...raw.articles, ...raw.programLevels, ...raw.therapies, ...raw.faqs, ...raw.reviewers, ...raw.authors],
    options.localImagesDir,
  )
  const image = createImageResolver(raw.imageAssets, local.byAsset)
  return {
    settings,
    now,
    policy,
    articles,
    programLevels,
    therapies,
    faqs,
    reviewers,
    redirects: raw.redirects,
    localImages: [...new Map([...local.byAsset.values()].map((image) => [image.path, image])).values()],
    localImageProblems: local.problems,
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

/** The article's content hash from the memo, or computed and remembered. */
async function memoHash(
  memo: ContentHashMemo,
  article: ReviewableContent,
  faqs: readonly EmbeddedFaq[],
): Promise<string> {
  const key = contentHashKey(article, faqs)
  const hash = memo.get(key) ?? (await clinicalContentHash(article, faqs))
  memo.set(key, hash)
  return hash
}
