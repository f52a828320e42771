import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'
import {SAFE_LINK_SCHEMES} from '../rules/index.ts'

/** An external link annotation. */
export const link = defineType({
  name: 'link',
  title: 'External link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'href',
      title: 'URL',
      type: 'url',
      description: 'A web address (https://…), an email (mailto:…) or a phone number (tel:…).',
      validation: (rule) => [
        rule.required().error('The link has no address.'),
        rule
          .uri({scheme: [...SAFE_LINK_SCHEMES], allowRelative: false})
          .error('Links must start with https://, http://, mailto: or tel:.'),
      ],
    }),
  ],
})
