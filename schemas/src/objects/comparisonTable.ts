import {ThListIcon} from '@sanity/icons/ThList'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** One row of a comparison table: the first cell names the feature compared. */
export const comparisonRow = defineType({
  name: 'comparisonRow',
  title: 'Row',
  type: 'object',
  fields: [
    defineField({
      name: 'cells',
      title: 'Cells',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) => rule.required().min(2).error('A row needs a label and at least one value.'),
    }),
  ],
  preview: {
    select: {cells: 'cells'},
    prepare: ({cells}: {cells?: string[]}) => ({
      title: cells?.[0] ?? 'Row',
      subtitle: cells?.slice(1).join(' | ') ?? '',
    }),
  },
})

/** A table comparing options side by side, such as IOP and PHP. Rendered as a real `<table>`. */
export const comparisonTable = defineType({
  name: 'comparisonTable',
  title: 'Comparison table',
  type: 'object',
  icon: ThListIcon,
  fields: [
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Says what the table compares; screen readers announce it first.',
      validation: (rule) => rule.required().error('Add a caption so every reader knows what is compared.'),
    }),
    defineField({
      name: 'columns',
      title: 'Column headings',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) => rule.required().min(2).error('A comparison needs at least two columns.'),
    }),
    defineField({
      name: 'rows',
      title: 'Rows',
      type: 'array',
      of: [defineArrayMember({type: 'comparisonRow'})],
      validation: (rule) => [
        rule.required().min(1).error('Add at least one row.'),
        rule.custom((rows, context) => {
          const columns = ((context.parent as {columns?: string[]} | undefined)?.columns ?? []).length
          const uneven = (rows as Array<{cells?: string[]}> | undefined)?.findIndex(
            (row) => (row.cells ?? []).length !== columns,
          )
          return uneven === undefined || uneven < 0
            ? true
            : `Row ${uneven + 1} has a different number of cells than there are column headings (${columns}).`
        }),
      ],
    }),
  ],
  preview: {
    select: {title: 'caption'},
    prepare: ({title}) => ({title: title ?? 'Comparison table', subtitle: 'Table'}),
  },
})
