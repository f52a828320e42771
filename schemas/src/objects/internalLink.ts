import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'

/** Document types an internal link may point at; each has a page on the site. */
export const LINKABLE_TYPES = ['article', 'programLevel', 'therapy', 'faq', 'clinicalReviewer'] as const

/** A link to another page of the site, kept right when that page's slug changes. */
export const internalLink = defineType({
  name: 'internalLink',
  title: 'Internal link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'reference',
      title: 'Page',
      type: 'reference',
      to: LINKABLE_TYPES.map((type) => ({type})),
      validation: (rule) => rule.required().error('Choose the page this text links to.'),
    }),
  ],
})
