import {defineArrayMember, defineField, defineType} from 'sanity'
import {altTextField} from '../fields/image.ts'

/** Styles, lists and marks every rich-text field offers. */
const textStyles = {
  styles: [
    {title: 'Normal', value: 'normal'},
    {title: 'Heading 2', value: 'h2'},
    {title: 'Heading 3', value: 'h3'},
    {title: 'Heading 4', value: 'h4'},
    {title: 'Quote', value: 'blockquote'},
  ],
  lists: [
    {title: 'Bullets', value: 'bullet'},
    {title: 'Numbered', value: 'number'},
  ],
}

const decorators = [
  {title: 'Strong', value: 'strong'},
  {title: 'Emphasis', value: 'em'},
  {title: 'Code', value: 'code'},
]

/**
 * The rich text of articles, program levels and therapies: text with links and citations, plus
 * the custom blocks the site renders (comparison table, callout, call to action, FAQ list, image).
 */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Rich text',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      ...textStyles,
      marks: {
        decorators,
        annotations: [
          defineArrayMember({type: 'link'}),
          defineArrayMember({type: 'internalLink'}),
          defineArrayMember({type: 'citationRef'}),
        ],
      },
    }),
    defineArrayMember({type: 'comparisonTable'}),
    defineArrayMember({type: 'callout'}),
    defineArrayMember({type: 'callToAction'}),
    defineArrayMember({type: 'faqList'}),
    defineArrayMember({
      type: 'image',
      options: {hotspot: true},
      fields: [altTextField, defineField({name: 'caption', title: 'Caption', type: 'string'})],
    }),
  ],
})

/** Short rich text (FAQ answers, bios, policies): paragraphs, lists and links, no custom blocks. */
export const simpleBlockContent = defineType({
  name: 'simpleBlockContent',
  title: 'Text',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [{title: 'Normal', value: 'normal'}],
      lists: textStyles.lists,
      marks: {
        decorators,
        annotations: [defineArrayMember({type: 'link'}), defineArrayMember({type: 'internalLink'})],
      },
    }),
  ],
})
