/**
 * The fixed lists editors choose from, with the names readers see. The Studio's option lists and
 * the site's labels both come from here, so a category added once shows up everywhere.
 */
import {SAFE_SLUG} from './slugs.ts'

/** Article categories, in the order the Studio lists them and the blog shows them. */
export const ARTICLE_CATEGORIES = [
  {title: 'Treatment programs', value: 'treatment-programs'},
  {title: 'Recovery', value: 'recovery'},
  {title: 'Therapies', value: 'therapies'},
  {title: 'Families', value: 'families'},
  {title: 'Mental health', value: 'mental-health'},
] as const

/** A category's stored value. */
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number]['value']

/** FAQ topics, in the order the FAQ page shows them. */
export const FAQ_TOPICS = [
  {title: 'Programs', value: 'programs'},
  {title: 'Insurance and cost', value: 'insurance'},
  {title: 'Daily life', value: 'daily-life'},
  {title: 'Aftercare', value: 'aftercare'},
] as const

/** The stored value of every category, in order. */
export const CATEGORY_VALUES: readonly ArticleCategory[] = ARTICLE_CATEGORIES.map((category) => category.value)

/** The stored value of every FAQ topic, in order. */
export const FAQ_TOPIC_VALUES: readonly string[] = FAQ_TOPICS.map((topic) => topic.value)

/** A category's name, or the stored value made readable when a dataset holds one the model does not know. */
export function categoryName(category: string | null | undefined): string {
  if (!category) return 'Articles'
  return titleOf(ARTICLE_CATEGORIES, category) ?? humanize(category)
}

/** An FAQ topic's name, or the stored value made readable. */
export function faqTopicName(topic: string): string {
  return titleOf(FAQ_TOPICS, topic) ?? humanize(topic)
}

/** The listing page of a category, or undefined for an article without a usable category. */
export function categoryPath(category: string | null | undefined): string | undefined {
  return category && SAFE_SLUG.test(category) ? `/blog/category/${category}/` : undefined
}

// A lookup by comparison, not by property: a stored "constructor" or "__proto__" is just a value.
function titleOf(list: ReadonlyArray<{title: string; value: string}>, value: string): string | undefined {
  return list.find((entry) => entry.value === value)?.title
}

function humanize(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
