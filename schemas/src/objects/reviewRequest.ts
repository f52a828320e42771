import {defineField, defineType} from 'sanity'

/** Who asked for a review and when; written by the "Request clinical review" action. */
export const reviewRequest = defineType({
  name: 'reviewRequest',
  title: 'Review request',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({name: 'requestedBy', title: 'Requested by (Sanity user ID)', type: 'string'}),
    defineField({name: 'requestedByName', title: 'Requested by', type: 'string'}),
    defineField({name: 'requestedAt', title: 'Requested at', type: 'datetime'}),
    defineField({name: 'note', title: 'Note for the reviewer', type: 'text', rows: 2}),
  ],
})
