/**
 * Reader-facing names for stored values. The Studio's lists live with the schema, which pulls in
 * the whole Sanity package; the site keeps its own names, and the `Record` over the generated
 * union makes the type checker fail when a category is added without a name here.
 */
import type {ArticleCategory} from '../data/content.ts'

export const CATEGORY_NAMES: Record<ArticleCategory, string> = {
  'treatment-programs': 'Treatment programs',
  recovery: 'Recovery',
  therapies: 'Therapies',
  families: 'Families',
  'mental-health': 'Mental health',
}

/** The categories in the order the Studio lists them. */
export const CATEGORIES = Object.keys(CATEGORY_NAMES) as ArticleCategory[]

/** A category's name, or the stored value made readable when a dataset holds one the site does not know. */
export function categoryName(category: string | null | undefined): string {
  if (!category) return 'Articles'
  // Own keys only: a stored "constructor" or "__proto__" must not read Object.prototype.
  return Object.hasOwn(CATEGORY_NAMES, category) ? CATEGORY_NAMES[category as ArticleCategory] : humanize(category)
}

const FAQ_TOPIC_NAMES: Record<string, string> = {
  programs: 'Programs',
  insurance: 'Insurance and cost',
  'daily-life': 'Daily life',
  aftercare: 'Aftercare',
}

/** The FAQ topics in the order the FAQ page shows them; unknown topics follow, then "Other questions". */
export const FAQ_TOPICS = Object.keys(FAQ_TOPIC_NAMES)

export function faqTopicName(topic: string): string {
  return Object.hasOwn(FAQ_TOPIC_NAMES, topic) ? (FAQ_TOPIC_NAMES[topic] as string) : humanize(topic)
}

function humanize(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The listing page of a category, or undefined for an article without a usable category. */
export function categoryPath(category: string | null | undefined): string | undefined {
  return category && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(category) ? `/blog/category/${category}/` : undefined
}
