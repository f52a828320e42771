import {defineField, defineType} from 'sanity'

/** A clinician's professional licence. The number is private unless `numberIsPublic` is set. */
export const licence = defineType({
  name: 'licence',
  title: 'Licence',
  type: 'object',
  fields: [
    defineField({name: 'type', title: 'Licence type', type: 'string', description: 'For example “LADC I” or “MD”.'}),
    defineField({
      name: 'state',
      title: 'Issuing state',
      type: 'string',
      validation: (rule) => rule.length(2).uppercase().warning('Use the two-letter state code, e.g. MA.'),
    }),
    defineField({name: 'number', title: 'Licence number', type: 'string'}),
    defineField({
      name: 'numberIsPublic',
      title: 'Show the licence number on the site',
      type: 'boolean',
      initialValue: false,
    }),
    defineField({
      name: 'verifiedAt',
      title: 'Verified on',
      type: 'date',
      description: 'When someone last checked the licence with the state board.',
    }),
    defineField({
      name: 'expiresAt',
      title: 'Expires on',
      type: 'date',
      description: 'After this date the site stops showing this clinician’s reviews.',
    }),
  ],
})
