import {defineField, defineType} from 'sanity'
import {phoneField} from '../fields/phone.ts'

/** A crisis line shown on every page. */
export const crisisLine = defineType({
  name: 'crisisLine',
  title: 'Crisis line',
  type: 'object',
  fields: [
    defineField({name: 'name', title: 'Name', type: 'string', validation: (rule) => rule.required()}),
    phoneField(),
    defineField({name: 'text', title: 'Also takes text messages', type: 'boolean', initialValue: false}),
    defineField({name: 'description', title: 'Description', type: 'string'}),
  ],
  preview: {select: {title: 'name', subtitle: 'phone'}},
})
