import {BellIcon} from '@sanity/icons/Bell'
import {defineField, defineType} from 'sanity'

/** An invitation to call. The phone number comes from site settings, so it is right everywhere. */
export const callToAction = defineType({
  name: 'callToAction',
  title: 'Call to action',
  type: 'object',
  icon: BellIcon,
  fields: [
    defineField({
      name: 'text',
      title: 'Text',
      type: 'text',
      rows: 2,
      description: 'The invitation. The organisation’s phone number from Settings is shown with it as a call link.',
      validation: (rule) => rule.required().error('The call to action needs its text.'),
    }),
    defineField({
      name: 'buttonLabel',
      title: 'Button label',
      type: 'string',
      description: 'Defaults to “Call” followed by the phone number.',
    }),
  ],
  preview: {select: {title: 'text'}, prepare: ({title}) => ({title, subtitle: 'Call to action'})},
})
