import {defineField, defineType} from 'sanity'

/** A postal address, in the parts schema.org's PostalAddress uses. */
export const postalAddress = defineType({
  name: 'postalAddress',
  title: 'Address',
  type: 'object',
  fields: [
    defineField({name: 'streetAddress', title: 'Street', type: 'string'}),
    defineField({name: 'addressLocality', title: 'City', type: 'string'}),
    defineField({name: 'addressRegion', title: 'State', type: 'string'}),
    defineField({name: 'postalCode', title: 'ZIP code', type: 'string'}),
    defineField({name: 'addressCountry', title: 'Country', type: 'string', initialValue: 'US'}),
  ],
})
