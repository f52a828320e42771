/**
 * Every GROQ query the site runs. One query per collection, never one per page: pages filter
 * the collection in memory, so a build costs the same number of queries at 10 or 10,000 articles.
 */
import {defineQuery} from 'groq'

/** Every published article with what its page renders. */
export const articlesQuery = defineQuery(`*[_type == "article" && defined(slug.current)] | order(title asc) {
  _id,
  title,
  "slug": slug.current,
  body
}`)
