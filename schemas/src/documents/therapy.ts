import {BulbOutlineIcon} from '@sanity/icons/BulbOutline'
import {defineField, defineType} from 'sanity'
import {referenceListField} from '../fields/references.ts'
import {slugField} from '../fields/slug.ts'

/** A therapeutic approach such as CBT or DBT. */
export const therapy = defineType({
  name: 'therapy',
  title: 'Therapy',
  type: 'document',
  icon: BulbOutlineIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Name the therapy.'),
    }),
    defineField({
      name: 'abbreviation',
      title: 'Abbreviation',
      type: 'string',
      description: 'CBT, DBT, MI… Leave empty if the therapy has none.',
      validation: (rule) => rule.max(12).warning('Abbreviations are usually a few letters.'),
    }),
    slugField('name'),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 2,
      validation: (rule) => rule.required().error('Summarise the therapy in a sentence.'),
    }),
    defineField({name: 'body', title: 'Body', type: 'blockContent'}),
    defineField({
      name: 'evidenceNotes',
      title: 'Evidence notes',
      type: 'text',
      rows: 3,
      description: 'What the research says, for readers and reviewers.',
    }),
    referenceListField('programLevels', 'Offered in', 'programLevel'),
  ],
  preview: {select: {title: 'name', subtitle: 'abbreviation'}},
})
