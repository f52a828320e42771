import {InfoOutlineIcon} from '@sanity/icons/InfoOutline'
import {defineField, defineType} from 'sanity'

export const CALLOUT_TONES = [
  {title: 'Note', value: 'note'},
  {title: 'Important', value: 'important'},
  {title: 'Tip', value: 'tip'},
] as const

/** A highlighted aside in the body. */
export const callout = defineType({
  name: 'callout',
  title: 'Callout',
  type: 'object',
  icon: InfoOutlineIcon,
  fields: [
    defineField({
      name: 'tone',
      title: 'Tone',
      type: 'string',
      options: {list: [...CALLOUT_TONES], layout: 'radio', direction: 'horizontal'},
      initialValue: 'note',
      validation: (rule) => rule.required().error('Choose a tone.'),
    }),
    defineField({
      name: 'text',
      title: 'Text',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().error('The callout is empty.'),
    }),
  ],
  preview: {select: {title: 'text', subtitle: 'tone'}},
})
