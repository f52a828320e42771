import {defineArrayMember, defineField} from 'sanity'

/** A list of references to documents of one type, each listed once. */
export function referenceListField(name: string, title: string, to: string, options: {group?: string} = {}) {
  return defineField({
    name,
    title,
    type: 'array',
    ...(options.group ? {group: options.group} : {}),
    of: [defineArrayMember({type: 'reference', to: [{type: to}]})],
    validation: (rule) => rule.unique().error('Each document can be listed only once.'),
  })
}
