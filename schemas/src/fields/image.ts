import {defineField, type ImageRule} from 'sanity'

/** The alt-text field every image carries; screen-reader users depend on it. */
export const altTextField = defineField({
  name: 'alt',
  title: 'Alternative text',
  type: 'string',
  description: 'Describe what the image shows for people who cannot see it. Leave out “image of”.',
  validation: (rule) => [
    rule.required().error('Add alternative text: without it the image is invisible to screen-reader users.'),
    rule.max(250).warning('Keep alternative text short; put long explanations in the caption.'),
  ],
})

/** An image field whose alt text is required and whose caption is optional. */
export function imageField(
  name: string,
  title: string,
  options: {group?: string; caption?: boolean; required?: boolean; description?: string} = {},
) {
  return defineField({
    name,
    title,
    type: 'image',
    ...(options.group ? {group: options.group} : {}),
    ...(options.description ? {description: options.description} : {}),
    options: {hotspot: true},
    fields: [
      altTextField,
      ...(options.caption ? [defineField({name: 'caption', title: 'Caption', type: 'string'})] : []),
    ],
    ...(options.required
      ? {validation: (rule: ImageRule) => rule.required().error(`Add the ${title.toLowerCase()} before publishing.`)}
      : {}),
  })
}
