import {defineField} from 'sanity'

/** Where search engines cut titles and descriptions; past these, results show an ellipsis. */
export const SEO_LIMITS = {metaTitleMax: 60, descriptionMin: 120, descriptionMax: 160} as const

/** Search and social metadata. Only warnings: a long title never stops an article going out. */
export function seoField(options: {group?: string} = {}) {
  return defineField({
    name: 'seo',
    title: 'SEO',
    type: 'object',
    ...(options.group ? {group: options.group} : {}),
    options: {collapsible: true, collapsed: false},
    fields: [
      defineField({
        name: 'metaTitle',
        title: 'Meta title',
        type: 'string',
        description: 'Shown in search results and browser tabs. Falls back to the title.',
        validation: (rule) =>
          rule
            .max(SEO_LIMITS.metaTitleMax)
            .warning(`Search engines cut titles after about ${SEO_LIMITS.metaTitleMax} characters.`),
      }),
      defineField({
        name: 'metaDescription',
        title: 'Meta description',
        type: 'text',
        rows: 3,
        description: 'Shown under the title in search results. Falls back to the excerpt.',
        validation: (rule) => [
          rule
            .min(SEO_LIMITS.descriptionMin)
            .warning(`Descriptions under ${SEO_LIMITS.descriptionMin} characters waste space in results.`),
          rule
            .max(SEO_LIMITS.descriptionMax)
            .warning(`Search engines cut descriptions after about ${SEO_LIMITS.descriptionMax} characters.`),
        ],
      }),
      defineField({
        name: 'noIndex',
        title: 'Hide from search engines',
        type: 'boolean',
        initialValue: false,
      }),
    ],
  })
}
