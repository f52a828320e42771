import {defineField, defineType} from 'sanity'

/** A range such as "9–15 hours" or "8–12 weeks"; a single value has min equal to max. */
export const numberRange = defineType({
  name: 'numberRange',
  title: 'Range',
  type: 'object',
  options: {columns: 2},
  fields: [
    defineField({name: 'min', title: 'From', type: 'number', validation: (rule) => rule.min(0)}),
    defineField({name: 'max', title: 'To', type: 'number', validation: (rule) => rule.min(0)}),
  ],
  validation: (rule) =>
    rule.custom((value) =>
      value && typeof value['min'] === 'number' && typeof value['max'] === 'number' && value['min'] > value['max']
        ? '“From” is larger than “To”.'
        : true,
    ),
})
