import {defineField, type SlugRule} from 'sanity'
import {MAX_SLUG_LENGTH, slugProblem} from '../rules/index.ts'

/** A required, URL-safe slug generated from `source`, unique among documents of its type. */
export function slugField(source: string, options: {group?: string} = {}) {
  return defineField({
    name: 'slug',
    title: 'Slug',
    type: 'slug',
    description: 'The last part of the page’s web address. Changing it breaks links to the old address.',
    ...(options.group ? {group: options.group} : {}),
    options: {source, maxLength: MAX_SLUG_LENGTH},
    validation: (rule: SlugRule) => [
      rule.required().error('A slug is required: it becomes the page’s web address.'),
      rule.custom((value) => (value === undefined ? true : (slugProblem(value.current) ?? true))).error(),
    ],
  })
}
