import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {articleGroups} from '../fields/groups.ts'
import {imageField} from '../fields/image.ts'
import {referenceListField} from '../fields/references.ts'
import {seoField} from '../fields/seo.ts'
import {slugField} from '../fields/slug.ts'
import {ARTICLE_CATEGORIES} from '../rules/labels.ts'

/**
 * A blog article. Its title, excerpt, body and embedded FAQs are what a clinician vouches for
 * when signing off. The sign-off is not part of the article: it is its own write-once
 * `clinicalSignoff` document, so no edit of the article can create or alter a claim.
 */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  icon: DocumentTextIcon,
  groups: articleGroups,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'content',
      validation: (rule) => rule.required().error('Every article needs a title before it can be published.'),
    }),
    slugField('title', {group: 'content'}),
    defineField({
      name: 'excerpt',
      title: 'Excerpt',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'One or two sentences shown in article lists and search results.',
      validation: (rule) => [
        rule.required().error('Write a short excerpt: lists and search results show it.'),
        rule.max(300).warning('Keep the excerpt under 300 characters.'),
      ],
    }),
    imageField('heroImage', 'Hero image', {group: 'content', caption: true}),
    defineField({
      name: 'author',
      title: 'Author',
      type: 'reference',
      group: 'content',
      to: [{type: 'author'}],
      validation: (rule) => rule.required().warning('Readers trust articles with a named author.'),
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published on',
      type: 'datetime',
      group: 'content',
      validation: (rule) => rule.required().error('Set the publication date.'),
    }),
    defineField({
      name: 'updatedAt',
      title: 'Last substantially updated on',
      type: 'datetime',
      group: 'content',
      description:
        'Set this yourself when the article changes in substance. It is shown as “Updated”, separate from the review date, and never set automatically.',
      validation: (rule) =>
        rule.custom((value, context) => {
          const published = context.document?.['publishedAt']
          return value && typeof published === 'string' && value < published
            ? 'The update date is before the publication date.'
            : true
        }),
    }),
    defineField({
      name: 'category',
      title: 'Category',
      type: 'string',
      group: 'content',
      options: {list: [...ARTICLE_CATEGORIES]},
      validation: (rule) => rule.required().warning('Choose a category so readers can find related articles.'),
    }),
    defineField({
      name: 'body',
      title: 'Body',
      type: 'blockContent',
      group: 'content',
      validation: (rule) => rule.required().min(1).error('The article has no body text yet.'),
    }),
    defineField({
      name: 'citations',
      title: 'Citations',
      type: 'array',
      group: 'content',
      description: 'Sources in the order they are numbered on the page. Cite them in the body with the Citation mark.',
      of: [defineArrayMember({type: 'citation'})],
    }),
    referenceListField('programLevels', 'Related program levels', 'programLevel', {group: 'relations'}),
    referenceListField('therapies', 'Related therapies', 'therapy', {group: 'relations'}),
    referenceListField('faqs', 'Related FAQs', 'faq', {group: 'relations'}),
    defineField({
      name: 'requiresClinicalReview',
      title: 'Requires clinical review',
      type: 'boolean',
      group: 'review',
      initialValue: true,
      description: 'Clinical content cannot be published until a clinician signs it off.',
    }),
    defineField({name: 'reviewRequest', title: 'Review request', type: 'reviewRequest', group: 'review'}),
    seoField({group: 'seo'}),
  ],
  orderings: [
    {title: 'Newest first', name: 'publishedAtDesc', by: [{field: 'publishedAt', direction: 'desc'}]},
    {title: 'Title', name: 'titleAsc', by: [{field: 'title', direction: 'asc'}]},
  ],
  preview: {
    select: {
      title: 'title',
      requires: 'requiresClinicalReview',
      requestedAt: 'reviewRequest.requestedAt',
      media: 'heroImage',
    },
    prepare: ({title, requires, requestedAt, media}) => ({
      title: title ?? 'Untitled article',
      subtitle:
        requires === false
          ? 'No clinical review needed'
          : requestedAt
            ? `Review requested ${String(requestedAt).slice(0, 10)}`
            : 'Requires clinical review',
      media,
    }),
  },
})
