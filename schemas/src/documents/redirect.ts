import {ArrowRightIcon} from '@sanity/icons/ArrowRight'
import {defineField, defineType} from 'sanity'
import {redirectFromProblem, redirectToProblem} from '../rules/index.ts'

/**
 * An old address that now leads elsewhere, such as a WordPress permalink
 * (`/2019/03/old-post/`) that moved to `/blog/old-post/`. The site build writes every published
 * redirect to `_redirects`, which Netlify and Cloudflare Pages read.
 */
export const redirect = defineType({
  name: 'redirect',
  title: 'Redirect',
  type: 'document',
  icon: ArrowRightIcon,
  fields: [
    defineField({
      name: 'from',
      title: 'Old address',
      type: 'string',
      description: 'The path readers and search engines still use, such as /2019/03/old-post/.',
      validation: (rule) => rule.custom((value: string | undefined) => redirectFromProblem(value) ?? true).error(),
    }),
    defineField({
      name: 'to',
      title: 'New address',
      type: 'string',
      description: 'Where that path now leads: a path on this site (/blog/old-post/) or a full https:// address.',
      validation: (rule) => [
        rule.custom((value: string | undefined) => redirectToProblem(value) ?? true).error(),
        rule
          .custom((value: string | undefined, context) =>
            value && value === context.document?.['from']
              ? 'The old and new addresses are the same: readers would loop.'
              : true,
          )
          .error(),
      ],
    }),
    defineField({
      name: 'permanent',
      title: 'Permanent',
      type: 'boolean',
      initialValue: true,
      description: 'On: 301, search engines move the old address’s ranking to the new one. Off: 302, temporary.',
    }),
  ],
  orderings: [{title: 'Old address', name: 'fromAsc', by: [{field: 'from', direction: 'asc'}]}],
  preview: {
    select: {from: 'from', to: 'to', permanent: 'permanent'},
    prepare: ({from, to, permanent}) => ({
      title: from ?? 'No old address',
      subtitle: `→ ${to ?? 'nowhere yet'} (${permanent === false ? '302 temporary' : '301 permanent'})`,
    }),
  },
})
