import {HelpCircleIcon} from '@sanity/icons/HelpCircle'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** FAQs shown inside an article. Their answers are part of what a clinician signs off. */
export const faqList = defineType({
  name: 'faqList',
  title: 'FAQ list',
  type: 'object',
  icon: HelpCircleIcon,
  fields: [
    defineField({name: 'heading', title: 'Heading', type: 'string'}),
    defineField({
      name: 'faqs',
      title: 'Questions',
      type: 'array',
      of: [defineArrayMember({type: 'reference', to: [{type: 'faq'}]})],
      validation: (rule) => rule.required().min(1).unique().error('Pick at least one question, each once.'),
    }),
  ],
  preview: {
    select: {heading: 'heading', faqs: 'faqs'},
    prepare: ({heading, faqs}: {heading?: string; faqs?: unknown[]}) => ({
      title: heading ?? 'FAQ list',
      subtitle: `${faqs?.length ?? 0} questions`,
    }),
  },
})
