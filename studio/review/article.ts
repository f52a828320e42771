import type {ReviewableArticle} from '@repo/schemas/review'
import type {SanityDocument} from 'sanity'
import type {ArticleReviewFields} from './decisions.ts'

/** An article as the Studio holds it (draft or published), as far as review needs it. */
export type ArticleDocument = ReviewableArticle & ArticleReviewFields & {_id: string}

/**
 * Narrows a document from the Studio's store to the review fields. The store's documents are
 * untyped (`SanityDocument`); the schema is what guarantees these fields' shapes.
 */
export function asArticle(document: SanityDocument | null | undefined): ArticleDocument | null {
  return (document ?? null) as ArticleDocument | null
}

/** The content an action acts on: a release version, else the draft, else the published document. */
export function currentArticle(props: {
  version?: SanityDocument | null
  draft: SanityDocument | null
  published: SanityDocument | null
}): ArticleDocument | null {
  return asArticle(props.version ?? props.draft ?? props.published)
}
