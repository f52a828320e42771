import type {FieldGroupDefinition} from 'sanity'

/**
 * The article form's groups, declared once. Content is the default: editors land on the words,
 * clinical review and SEO sit one click away.
 */
export const articleGroups = [
  {name: 'content', title: 'Content', default: true},
  {name: 'relations', title: 'Relations'},
  {name: 'review', title: 'Clinical review'},
  {name: 'seo', title: 'SEO'},
] as const satisfies FieldGroupDefinition[]

/** Groups of the other documents that have enough fields to need them. */
export const profileGroups = [
  {name: 'profile', title: 'Profile', default: true},
  {name: 'credentials', title: 'Credentials'},
] as const satisfies FieldGroupDefinition[]

export type ArticleGroup = (typeof articleGroups)[number]['name']
