import {defineField, defineType} from 'sanity'
import {DEFAULT_REVIEW_POLICY} from '../review/policy.ts'

/** How long a clinical sign-off stays valid, and how early editors are warned. */
export const reviewPolicy = defineType({
  name: 'reviewPolicy',
  title: 'Review policy',
  type: 'object',
  fields: [
    defineField({
      name: 'validityMonths',
      title: 'A review is valid for (months)',
      type: 'number',
      initialValue: DEFAULT_REVIEW_POLICY.validityMonths,
      validation: (rule) => rule.required().integer().min(1).max(60),
    }),
    defineField({
      name: 'warningDays',
      title: 'Warn this many days before a review expires',
      type: 'number',
      initialValue: DEFAULT_REVIEW_POLICY.warningDays,
      validation: (rule) => rule.required().integer().min(0).max(365),
    }),
  ],
})
