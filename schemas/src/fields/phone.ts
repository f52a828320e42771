import {defineField} from 'sanity'

/** A phone number as editors type it ("877.920.6583", "1-800-662-4357"); the site turns it into a `tel:` link. */
export function phoneField(options: {description?: string} = {}) {
  return defineField({
    name: 'phone',
    title: 'Phone number',
    type: 'string',
    ...(options.description ? {description: options.description} : {}),
    validation: (rule) =>
      rule
        .required()
        .regex(/^[0-9+().\-\s]+$/)
        .error('Enter a phone number: digits, spaces and + ( ) . - only.'),
  })
}
