import {HelpCircleIcon} from '@sanity/icons/HelpCircle'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {referenceListField} from '../fields/references.ts'
import {FAQ_TOPICS} from '../rules/labels.ts'

/** A question and its answer; articles embed FAQs through the FAQ list block. */
export const faq = defineType({
  name: 'faq',
  title: 'FAQ',
  type: 'document',
  icon: HelpCircleIcon,
  fields: [
    defineField({
      name: 'question',
      title: 'Question',
      type: 'string',
      validation: (rule) => rule.required().error('Write the question.'),
    }),
    defineField({
      name: 'answer',
      title: 'Answer',
      type: 'simpleBlockContent',
      validation: (rule) => rule.required().min(1).error('Write the answer.'),
    }),
    defineField({
      name: 'topics',
      title: 'Topics',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      options: {list: [...FAQ_TOPICS]},
    }),
    referenceListField('programLevels', 'Related program levels', 'programLevel'),
    defineField({
      name: 'order',
      title: 'Order',
      type: 'number',
      description: 'Lower numbers come first within a topic.',
    }),
  ],
  orderings: [{title: 'Order', name: 'order', by: [{field: 'order', direction: 'asc'}]}],
  preview: {select: {title: 'question', subtitle: 'topics.0'}},
})
