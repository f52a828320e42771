import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {defineField, defineType} from 'sanity'

/**
 * A clinician's sign-off of one article's content: write-once. The Studio's "Sign off clinical
 * review" action creates it with the clinician's own login and never changes it; a re-review is a
 * new sign-off. The attestor then adds its signature (`signature`, `signatureKeyId`) over the
 * article, hash, reviewer, signer and time, after checking that the user who created the document
 * is the signer and may sign as that reviewer. The site claims a review only from a sign-off whose
 * signature verifies with a trusted key (see `schemas/src/review`). Every field is read-only.
 */
export const clinicalSignoff = defineType({
  name: 'clinicalSignoff',
  title: 'Clinical sign-off',
  type: 'document',
  icon: CheckmarkCircleIcon,
  liveEdit: true,
  readOnly: true,
  description:
    'Created by the “Sign off clinical review” action and never edited. To review an article again, sign it off again.',
  fields: [
    defineField({
      name: 'article',
      title: 'Article',
      type: 'reference',
      to: [{type: 'article'}],
      // The article may not be published yet when its first sign-off is made.
      weak: true,
      validation: (rule) => rule.required().error('A sign-off names the article it approves.'),
    }),
    defineField({
      name: 'contentHash',
      title: 'Content fingerprint',
      type: 'string',
      description: 'SHA-256 of the title, excerpt, body and embedded FAQs the reviewer approved.',
      validation: (rule) => rule.required().error('A sign-off holds the fingerprint of the content approved.'),
    }),
    defineField({
      name: 'reviewer',
      title: 'Reviewer',
      type: 'reference',
      to: [{type: 'clinicalReviewer'}],
      validation: (rule) => rule.required().error('A sign-off names the reviewer who signed.'),
    }),
    defineField({
      name: 'signer',
      title: 'Signed by (Sanity user ID)',
      type: 'string',
      description: 'The Studio user who signed. Never shown on the site.',
      validation: (rule) => rule.required().error('A sign-off names the Studio user who signed.'),
    }),
    defineField({
      name: 'signedAt',
      title: 'Signed at',
      type: 'datetime',
      validation: (rule) => rule.required().error('A sign-off holds the time it was signed.'),
    }),
    defineField({name: 'note', title: 'Reviewer’s note', type: 'text', rows: 2}),
    defineField({
      name: 'attestationText',
      title: 'What the clinician confirmed',
      type: 'text',
      rows: 3,
    }),
    defineField({
      name: 'signature',
      title: 'Attestation signature',
      type: 'string',
      description: 'Added by the attestor once it has checked who signed. Without it the site shows no claim.',
    }),
    defineField({name: 'signatureKeyId', title: 'Attestation key', type: 'string'}),
    defineField({name: 'attestedAt', title: 'Attested at', type: 'datetime'}),
  ],
  orderings: [{title: 'Newest first', name: 'signedAtDesc', by: [{field: 'signedAt', direction: 'desc'}]}],
  preview: {
    select: {title: 'article.title', reviewer: 'reviewer.name', signedAt: 'signedAt', signature: 'signature'},
    prepare: ({title, reviewer, signedAt, signature}) => ({
      title: title ?? 'Sign-off of an unpublished article',
      subtitle: `${reviewer ?? 'Unknown reviewer'}, ${signedAt ? String(signedAt).slice(0, 10) : 'undated'}${signature ? '' : ' · awaiting attestation'}`,
    }),
  },
})
