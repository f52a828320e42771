import {BookIcon} from '@sanity/icons/Book'
import {defineField, defineType} from 'sanity'

/** An in-text citation: points at one entry of the article's citations by its key. */
export const citationRef = defineType({
  name: 'citationRef',
  title: 'Citation',
  type: 'object',
  icon: BookIcon,
  fields: [
    defineField({
      name: 'citationKey',
      title: 'Source',
      type: 'string',
      description: 'The key of an entry in the article’s citations list.',
      validation: (rule) => [
        rule.required().error('Choose which source this text cites.'),
        rule.custom((key, context) => {
          const citations = (context.document?.['citations'] ?? []) as Array<{_key?: string}>
          return key === undefined || citations.some((citation) => citation._key === key)
            ? true
            : 'This citation points at a source that is not in the article’s citations list.'
        }),
      ],
    }),
  ],
})
