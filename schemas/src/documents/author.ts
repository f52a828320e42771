import {UsersIcon} from '@sanity/icons/Users'
import {defineField, defineType} from 'sanity'
import {imageField} from '../fields/image.ts'
import {slugField} from '../fields/slug.ts'

/** A person who writes articles. */
export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UsersIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Enter the author’s name.'),
    }),
    slugField('name'),
    defineField({name: 'role', title: 'Role', type: 'string'}),
    defineField({name: 'bio', title: 'Biography', type: 'simpleBlockContent'}),
    imageField('photo', 'Photo'),
  ],
  preview: {select: {title: 'name', subtitle: 'role', media: 'photo'}},
})
