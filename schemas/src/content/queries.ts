/**
 * Every GROQ query of the project, the site's and the Studio's, each a `defineQuery` so TypeGen
 * types its result (`@repo/schemas/types`, and `client.fetch` through its overloads).
 *
 * The site runs one query per collection, never one per page: pages filter the collection in memory. Collections that grow with the content (articles, FAQs, image assets, sign-offs)
 * are paged queries (see `paging.ts`): read 1,000 documents a request by `_id`, so a live build
 * costs ⌈N/1000⌉ requests for N articles plus about one per collection, and no response grows
 * without bound. The final `order(…)` of a paged query is the collection's order as a whole.
 *
 * References come back as bare IDs and are joined in memory (`join.ts`), so each collection is
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

/** Clinical reviewers' public profile. The licence number only when the reviewer chose to publish it. */
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

/**
 * Every sign-off, with exactly the fields its attestation covers and the attestation itself. The
 * signer's user ID is read to verify it against the signers file and never reaches a page. Paged:
 * every review adds one.
 */
export const signoffsQuery = defineQuery(`*[_type == "clinicalSignoff" && _id > $lastId] | order(_id asc) [0...1000] {
  _id,
  article,
  contentHash,
  reviewer,
  signer,
  signedAt,
  signature,
  signatureKeyId
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

/*
 * The Studio's queries. Drafts are excluded in the filter as well as by the `published`
 * perspective the Studio asks with, so each means the same against the Content Lake and against
 * an in-memory dataset (groq-js has no perspectives).
 */

/**
 * What an article's review depends on besides the article, in one round trip: the published FAQs
 * its body embeds, its sign-offs, the published reviewers they name, and the review policy.
 */
export const reviewFactsQuery = defineQuery(`{
  "faqs": *[_type == "faq" && _id in $faqIds && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]{_id, question, answer},
  "signoffs": *[_type == "clinicalSignoff" && article._ref == $articleId && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]{_id, article, contentHash, reviewer, signer, signedAt, signature, signatureKeyId},
  "reviewers": *[_type == "clinicalReviewer" && !(_id in path("drafts.**")) && !(_id in path("versions.**")) && count(*[_type == "clinicalSignoff" && article._ref == $articleId && (reviewer._ref == ^._id || reviewer._ref == "drafts." + ^._id)]) > 0]{_id, licence{expiresAt}},
  "policy": *[_id == $settingsId][0].reviewPolicy{validityMonths, warningDays}
}`)

/** Every published reviewer profile (who may sign as each is `schemas/review-signers.json`). */
export const reviewerProfilesQuery =
  defineQuery(`*[_type == "clinicalReviewer" && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(name asc) {
  _id, name, credentials, licence{expiresAt}
}`)

/** The review policy in Settings (or null when unset). */
export const reviewPolicyQuery = defineQuery(`*[_id == $settingsId][0].reviewPolicy{validityMonths, warningDays}`)

/**
 * Published articles that require review and have no sign-off newer than the policy allows
 * (`$expiredBefore`): the Studio's "Published without required review" list.
 */
export const publishedWithoutReviewIdsQuery = defineQuery(
  `*[_type == "article" && !(_id in path("drafts.**")) && !(_id in path("versions.**")) && requiresClinicalReview != false && !(_id in *[_type == "clinicalSignoff" && dateTime(signedAt) > dateTime($expiredBefore)].article._ref)]._id`,
)

/*
 * The preview server's queries: one page's documents, stored whole, so the content layer's own
 * collection queries and join can run over just them (see `page.ts`).
 */

/** An article by slug, with the small collections every article page shows something of. */
export const articlePageDocumentsQuery = defineQuery(`{
  "article": *[_type == "article" && slug.current == $slug][0],
  "settings": *[_type == "siteSettings" && _id == "siteSettings"][0],
  "programLevels": *[_type == "programLevel"],
  "therapies": *[_type == "therapy"],
  "reviewers": *[_type == "clinicalReviewer"],
  "authors": *[_type == "author"],
  "signoffs": *[_type == "clinicalSignoff" && article._ref == *[_type == "article" && slug.current == $slug][0]._id]
}`)

/** Documents by `_id`: what a page's article references (FAQs, linked articles, image assets). */
export const documentsByIdQuery = defineQuery(`*[_id in $ids]`)

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
