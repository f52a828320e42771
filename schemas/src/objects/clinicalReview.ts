import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {defineField, defineType} from 'sanity'

/**
 * A clinician's sign-off, bound to the exact content approved by `contentHash`. Written only by
 * the Studio's sign-off action; read-only in the form. The site claims a review only while the
 * article's current content still hashes to this value (see `schemas/src/review`).
 */
export const clinicalReview = defineType({
  name: 'clinicalReview',
  title: 'Clinical review',
  type: 'object',
  icon: CheckmarkCircleIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'reviewer',
      title: 'Reviewer',
      type: 'reference',
      to: [{type: 'clinicalReviewer'}],
      validation: (rule) => rule.required(),
    }),
    defineField({name: 'reviewedAt', title: 'Reviewed at', type: 'datetime', validation: (rule) => rule.required()}),
    defineField({
      name: 'contentHash',
      title: 'Content fingerprint',
      type: 'string',
      description: 'SHA-256 of the title, excerpt, body and embedded FAQs the reviewer approved.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'signedBy',
      title: 'Signed by (Sanity user ID)',
      type: 'string',
      description: 'The Studio user who signed. Never shown on the site.',
    }),
    defineField({name: 'note', title: 'Reviewer’s note', type: 'text', rows: 2}),
    defineField({name: 'attestation', title: 'Attestation', type: 'text', rows: 3}),
  ],
})

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
