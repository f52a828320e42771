import {CogIcon} from '@sanity/icons/Cog'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {phoneField} from '../fields/phone.ts'

/** The settings singleton's fixed document ID. */
export const SITE_SETTINGS_ID = 'siteSettings'

/** Crisis lines every page shows unless editors change them. */
export const DEFAULT_CRISIS_LINES = [
  {
    _key: '988',
    _type: 'crisisLine',
    name: '988 Suicide & Crisis Lifeline',
    phone: '988',
    text: true,
    description: 'Call or text, 24/7.',
  },
  {
    _key: 'samhsa',
    _type: 'crisisLine',
    name: 'SAMHSA National Helpline',
    phone: '1-800-662-4357',
    text: false,
    description: 'Free, confidential treatment referral, 24/7.',
  },
]

/** Organisation-wide settings: one document, pinned in the Studio. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Settings',
  type: 'document',
  icon: CogIcon,
  fields: [
    defineField({
      name: 'organizationName',
      title: 'Organisation name',
      type: 'string',
      validation: (rule) => rule.required().error('Enter the organisation’s name.'),
    }),
    defineField({name: 'tagline', title: 'Tagline', type: 'string'}),
    phoneField({description: 'Shown on every page and in every call to action.'}),
    defineField({name: 'address', title: 'Address', type: 'postalAddress'}),
    defineField({
      name: 'crisisLines',
      title: 'Crisis lines',
      type: 'array',
      of: [defineArrayMember({type: 'crisisLine'})],
      initialValue: DEFAULT_CRISIS_LINES,
      validation: (rule) => rule.required().min(1).error('Keep at least one crisis line: readers may be in danger.'),
    }),
    defineField({
      name: 'services',
      title: 'Aftercare services',
      type: 'array',
      description: 'What the organisation offers after formal treatment.',
      of: [defineArrayMember({type: 'string'})],
    }),
    defineField({
      name: 'medicalDisclaimer',
      title: 'Medical disclaimer',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().warning('Health content should carry a medical disclaimer.'),
    }),
    defineField({name: 'editorialPolicy', title: 'Editorial policy', type: 'simpleBlockContent'}),
    defineField({name: 'reviewPolicy', title: 'Review policy', type: 'reviewPolicy'}),
  ],
  preview: {
    select: {title: 'organizationName', subtitle: 'tagline'},
    prepare: ({title, subtitle}) => ({title: title ?? 'Settings', subtitle}),
  },
})
