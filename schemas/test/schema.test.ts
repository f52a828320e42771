import {describe, expect, it} from 'vitest'
import {documentTypes} from '../src/index.ts'
import {contentSchema} from '../src/validation/index.ts'

describe('the content model', () => {
  it('compiles with no schema errors', () => {
    const problems = (contentSchema._validation ?? []).flatMap((group) =>
      group.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${group.path.map((p) => p.name).join('.')}: ${problem.message}`),
    )
    expect(problems).toEqual([])
  })

  it('has every document type the product needs', () => {
    expect(documentTypes.map((type) => type.name).sort()).toEqual(
      [
        'article',
        'author',
        'clinicalReviewer',
        'clinicalSignoff',
        'faq',
        'programLevel',
        'redirect',
        'siteSettings',
        'therapy',
      ].sort(),
    )
  })

  it('gives every document type an icon and a preview whose selected fields exist', () => {
    for (const type of documentTypes) {
      expect(type.icon, type.name).toBeDefined()
      const fieldNames = new Set(type.fields.map((field) => field.name))
      for (const path of Object.values(type.preview?.select ?? {})) {
        expect(fieldNames, `${type.name} preview selects ${path}`).toContain(String(path).split('.')[0])
      }
    }
  })

  it('makes a sign-off its own read-only document, published as it is created, and leaves none on the article', () => {
    const signoff = contentSchema.get('clinicalSignoff') as {readOnly?: boolean; liveEdit?: boolean} | undefined
    expect(signoff).toMatchObject({readOnly: true, liveEdit: true})
    const article = documentTypes.find((type) => type.name === 'article')
    expect(article?.fields.map((field) => field.name)).not.toContain('clinicalReview')
    const reviewer = documentTypes.find((type) => type.name === 'clinicalReviewer')
    expect(reviewer?.fields.map((field) => field.name)).not.toContain('sanityUserIds')
  })
})
