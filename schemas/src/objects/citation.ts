import {BookIcon} from '@sanity/icons/Book'
import {defineField, defineType} from 'sanity'

/** One source in an article's ordered reference list. */
export const citation = defineType({
  name: 'citation',
  title: 'Source',
  type: 'object',
  icon: BookIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      validation: (rule) => rule.required().error('A source needs its title.'),
    }),
    defineField({name: 'publisher', title: 'Publisher or journal', type: 'string'}),
    defineField({
      name: 'year',
      title: 'Year',
      type: 'number',
      validation: (rule) => rule.integer().min(1800).max(2100).error('Enter a four-digit year.'),
    }),
    defineField({
      name: 'url',
      title: 'URL',
      type: 'url',
      validation: (rule) => rule.uri({scheme: ['http', 'https']}).error('Use an https:// or http:// address.'),
    }),
    defineField({
      name: 'doi',
      title: 'DOI',
      type: 'string',
      validation: (rule) =>
        rule.regex(/^10\.\d{4,9}\/\S+$/).error('A DOI looks like 10.1000/xyz123 (without https://doi.org/).'),
    }),
    defineField({
      name: 'pmid',
      title: 'PubMed ID',
      type: 'string',
      validation: (rule) => rule.regex(/^\d{1,9}$/).error('A PubMed ID is digits only.'),
    }),
  ],
  validation: (rule) =>
    rule.custom((value) =>
      value && !value['url'] && !value['doi'] && !value['pmid']
        ? 'Give readers a way to find the source: a URL, a DOI or a PubMed ID.'
        : true,
    ),
  preview: {
    select: {title: 'title', publisher: 'publisher', year: 'year'},
    prepare: ({title, publisher, year}) => ({title, subtitle: [publisher, year].filter(Boolean).join(', ')}),
  },
})
