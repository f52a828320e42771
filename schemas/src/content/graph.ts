/**
 * The shape of the site's content: each collection as its query returns it, and the entries the
 * join (`join.ts`) links them into. Pages and components take their props from these types.
 */
import type {ReviewEvaluation, ReviewPolicy} from '../review/index.ts'
import type {
  ArticlesQueryResult,
  AuthorsQueryResult,
  FaqsQueryResult,
  ImageAssetsQueryResult,
  ProgramLevelsQueryResult,
  RedirectsQueryResult,
  ReviewersQueryResult,
  SettingsQueryResult,
  SignoffsQueryResult,
  TherapiesQueryResult,
} from '../sanity.types.ts'
import type {ImageSources, ImageValue} from './images.ts'
import type {LocalImage} from './local-images.ts'

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
  /** Every sign-off: what review claims are verified from. Never rendered. */
  signoffs: SignoffsQueryResult
  authors: AuthorsQueryResult
  settings: SettingsQueryResult
  imageAssets: ImageAssetsQueryResult
  redirects: RedirectsQueryResult
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
  /** Redirects from old addresses, as stored; the site checks each before writing `_redirects`. */
  redirects: RedirectsQueryResult
  /** Images not yet uploaded that the site serves itself, one per file (see `local-images.ts`). */
  localImages: LocalImage[]
  /** Images named by file that are left out, each naming its document `_id`, field and reason. */
  localImageProblems: string[]
  /** The page of a document an internal link points at, or undefined when it has none. */
  linkTarget(ref: string | null | undefined): string | undefined
  faqById(id: string): FaqEntry | undefined
  image(value: ImageValue | null | undefined): ImageSources | undefined
}
