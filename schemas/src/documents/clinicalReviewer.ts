import {UserIcon} from '@sanity/icons/User'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {profileGroups} from '../fields/groups.ts'
import {imageField} from '../fields/image.ts'
import {slugField} from '../fields/slug.ts'

/**
 * A clinician who signs off reviews. Who may sign as this reviewer is not part of the profile: it
 * is the repository's `schemas/review-signers.json`, so editing a profile never grants Sign off.
 */
export const clinicalReviewer = defineType({
  name: 'clinicalReviewer',
  title: 'Clinical reviewer',
  type: 'document',
  icon: UserIcon,
  groups: profileGroups,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      group: 'profile',
      description: 'As readers should see it, e.g. “Dr. Kate Smith”.',
      validation: (rule) => rule.required().error('Enter the reviewer’s name.'),
    }),
    slugField('name', {group: 'profile'}),
    defineField({
      name: 'credentials',
      title: 'Credentials',
      type: 'string',
      group: 'credentials',
      description: 'Post-nominal letters exactly as held, e.g. “PsyD, LADC I”. Leave empty if unknown.',
    }),
    defineField({name: 'jobTitle', title: 'Job title', type: 'string', group: 'profile'}),
    imageField('photo', 'Photo', {group: 'profile'}),
    defineField({name: 'bio', title: 'Biography', type: 'simpleBlockContent', group: 'profile'}),
    defineField({
      name: 'specialties',
      title: 'Specialties',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
    }),
    defineField({name: 'licence', title: 'Licence', type: 'licence', group: 'credentials'}),
    defineField({
      name: 'sameAs',
      title: 'Profiles elsewhere',
      type: 'array',
      group: 'credentials',
      description: 'Public pages that confirm who this is: a state licence lookup, a hospital profile, LinkedIn.',
      of: [
        defineArrayMember({
          type: 'url',
          validation: (rule) => rule.uri({scheme: ['https', 'http']}).error('Use an https:// address.'),
        }),
      ],
    }),
  ],
  preview: {select: {title: 'name', subtitle: 'credentials', media: 'photo'}},
})
