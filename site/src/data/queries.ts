/**
 * Every GROQ query the site runs. One query per collection, never one per page: pages filter
 * the collection in memory. Collections that grow with the content (articles, FAQs, image assets)
 * are paged queries (see `paging.ts`): read 1,000 documents a request by `_id`, so a live build
 * costs ⌈N/1000⌉ requests for N articles plus about one per collection, and no response grows
 * without bound. The final `order(…)` of a paged query is the collection's order as a whole.
 *
 * References come back as bare IDs and are joined in memory (`content.ts`), so each collection is
 * fetched once however many pages point at it. Fields that are private (reviewers' Studio user
 * IDs, sign-off user IDs, licence numbers not marked public) are never selected.
 */
import {defineQuery} from 'groq'

/**
 * Every published article with what its page renders. `title`, `excerpt` and `body` come back
 * exactly as stored: the clinical review hash is computed over them.
 */
export const articlesQuery =
  defineQuery(`*[_type == "article" && defined(slug.current) && _id > $lastId] | order(_id asc) [0...1000] {
  _id,
  title,
  "slug": slug.current,
  excerpt,
  heroImage,
  "authorId": author._ref,
  publishedAt,
  updatedAt,
  category,
  body,
  citations,
  "programLevelIds": programLevels[]._ref,
  "therapyIds": therapies[]._ref,
  "faqIds": faqs[]._ref,
  requiresClinicalReview,
  "clinicalReview": clinicalReview{reviewer, reviewedAt, contentHash},
  seo{metaTitle, metaDescription, noIndex}
} | order(publishedAt desc, _id asc)`)

/** The levels of care, most intensive first. */
export const programLevelsQuery =
  defineQuery(`*[_type == "programLevel" && defined(slug.current)] | order(continuumPosition asc, _id asc) {
  _id,
  name,
  shortName,
  "slug": slug.current,
  continuumPosition,
  summary,
  body,
  hoursPerWeek{min, max},
  daysPerWeek{min, max},
  hoursPerSession{min, max},
  typicalLengthWeeks{min, max},
  setting,
  medicalMonitoring,
  idealFor,
  "therapyIds": therapies[]._ref
}`)

/** Therapeutic approaches, by name. */
export const therapiesQuery = defineQuery(`*[_type == "therapy" && defined(slug.current)] | order(name asc, _id asc) {
  _id,
  name,
  abbreviation,
  "slug": slug.current,
  summary,
  body,
  evidenceNotes,
  "programLevelIds": programLevels[]._ref
}`)

/** Every FAQ; `question` and `answer` exactly as stored, since embedded FAQs are part of the review hash. */
export const faqsQuery = defineQuery(`*[_type == "faq" && _id > $lastId] | order(_id asc) [0...1000] {
  _id,
  question,
  answer,
  topics,
  "programLevelIds": programLevels[]._ref,
  order
} | order(order asc, question asc, _id asc)`)

/**
 * Clinical reviewers' public profile. `sanityUserIds` is never selected, and the licence number
 * only when the reviewer chose to publish it.
 */
export const reviewersQuery = defineQuery(`*[_type == "clinicalReviewer"] | order(name asc, _id asc) {
  _id,
  name,
  "slug": slug.current,
  credentials,
  jobTitle,
  photo,
  bio,
  specialties,
  "licence": licence{
    type,
    state,
    verifiedAt,
    expiresAt,
    "number": select(numberIsPublic == true => number)
  },
  sameAs
}`)

/** Article authors. */
export const authorsQuery = defineQuery(`*[_type == "author"] | order(name asc, _id asc) {
  _id,
  name,
  "slug": slug.current,
  role
}`)

/** The settings singleton. */
export const settingsQuery = defineQuery(`*[_type == "siteSettings" && _id == "siteSettings"][0] {
  organizationName,
  tagline,
  phone,
  address,
  crisisLines,
  services,
  medicalDisclaimer,
  editorialPolicy,
  reviewPolicy{validityMonths, warningDays}
}`)

/**
 * Image assets, for their CDN address and size; images in content hold only a reference to them.
 * Looked up by `_id`, so `_id` order is as good as any.
 */
export const imageAssetsQuery =
  defineQuery(`*[_type == "sanity.imageAsset" && _id > $lastId] | order(_id asc) [0...1000] {
  _id,
  url,
  "width": metadata.dimensions.width,
  "height": metadata.dimensions.height
}`)

/**
 * Redirects from old addresses (a WordPress import's permalinks, or added in the Studio), for
 * the `_redirects` file. Paged: an import writes one per moved post.
 */
export const redirectsQuery =
  defineQuery(`*[_type == "redirect" && defined(from) && defined(to) && _id > $lastId] | order(_id asc) [0...1000] {
  _id,
  from,
  to,
  permanent
} | order(from asc, _id asc)`)
