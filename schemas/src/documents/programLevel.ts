import {StackIcon} from '@sanity/icons/Stack'
import {defineField, defineType} from 'sanity'
import {referenceListField} from '../fields/references.ts'
import {slugField} from '../fields/slug.ts'
import {getDraftId, publishedId} from '../ids.ts'

/**
 * A level of care on the continuum (detox → inpatient/residential → PHP → IOP → outpatient and
 * aftercare). `continuumPosition` is the order; previous and next steps are derived from it.
 */
export const programLevel = defineType({
  name: 'programLevel',
  title: 'Program level',
  type: 'document',
  icon: StackIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Name the program level.'),
    }),
    defineField({
      name: 'shortName',
      title: 'Short name',
      type: 'string',
      description: 'The abbreviation readers know, such as PHP or IOP.',
    }),
    slugField('name'),
    defineField({
      name: 'continuumPosition',
      title: 'Position on the continuum of care',
      type: 'number',
      description: '1 is the most intensive (detox); each step down is the next number.',
      validation: (rule) => [
        rule.required().integer().min(1).error('Give the level its place on the continuum (1 = most intensive).'),
        rule.custom(async (position, context) => {
          if (typeof position !== 'number') return true
          const id = publishedId(context.document?._id ?? '')
          const clash = await context
            .getClient({apiVersion: '2025-02-19'})
            .fetch<string | null>(
              '*[_type == "programLevel" && continuumPosition == $position && !(_id in [$id, $draft])][0].name',
              {position, id, draft: getDraftId(id)},
            )
          return clash ? `“${clash}” already holds position ${position}; each position is used once.` : true
        }),
      ],
    }),
    defineField({
      name: 'summary',
      title: 'Short description',
      type: 'text',
      rows: 2,
      validation: (rule) => rule.required().error('Describe the level in a sentence.'),
    }),
    defineField({name: 'body', title: 'Body', type: 'blockContent'}),
    defineField({name: 'hoursPerWeek', title: 'Hours per week', type: 'numberRange'}),
    defineField({name: 'daysPerWeek', title: 'Days per week', type: 'numberRange'}),
    defineField({name: 'hoursPerSession', title: 'Hours per session', type: 'numberRange'}),
    defineField({name: 'typicalLengthWeeks', title: 'Typical length (weeks)', type: 'numberRange'}),
    defineField({name: 'setting', title: 'Setting', type: 'string'}),
    defineField({name: 'medicalMonitoring', title: 'Medical monitoring', type: 'string'}),
    defineField({name: 'idealFor', title: 'Ideal for', type: 'string'}),
    referenceListField('therapies', 'Therapies offered', 'therapy'),
  ],
  orderings: [{title: 'Continuum of care', name: 'continuum', by: [{field: 'continuumPosition', direction: 'asc'}]}],
  preview: {
    select: {title: 'name', position: 'continuumPosition', shortName: 'shortName'},
    prepare: ({title, position, shortName}) => ({
      title: title ?? 'Unnamed level',
      subtitle: [position ? `Step ${position}` : undefined, shortName].filter(Boolean).join(' · '),
    }),
  },
})
