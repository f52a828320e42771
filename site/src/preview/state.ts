import type {ArticleEntry, Perspective} from '@repo/schemas/content'
import type {ReviewEvaluation} from '@repo/schemas/review'

/** What one preview request may see, decided by the middleware from its draft-mode cookie. */
export interface PreviewState {
  /** True when the request carries this server's draft-mode cookie: drafts are shown. */
  draftMode: boolean
  /** The perspective the request's content was read in: `drafts` in draft mode, else `published`. */
  perspective: Perspective
  /** The Studio's address, for links from the banner back to the document. */
  studioUrl: string | undefined
  /** The article as stored in that perspective, for its review request and sign-off. */
  article?: Record<string, unknown> | undefined
  /** In draft mode: the review status of the article as published (undefined when it is not published). */
  publishedReview?: Promise<ReviewEvaluation | undefined>
  /**
   * In draft mode: the article's title and body for display, with click-to-edit links (stega) in
   * their text. Everything else on the page reads the clean article.
   */
  editable?: (article: ArticleEntry['article']) => Pick<ArticleEntry['article'], 'title' | 'body'>
}
