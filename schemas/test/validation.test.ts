import {describe, expect, it} from 'vitest'
import {validateContentDocument} from '../src/validation/index.ts'
import * as fx from './fixtures.ts'

async function errorsOf(document: ReturnType<typeof fx.article>, dataset = fx.dataset(document)) {
  const problems = await validateContentDocument(document, dataset)
  return problems.filter((problem) => problem.level === 'error')
}

describe('validating documents offline with the Studio’s rules', () => {
  it.each([
    ['article', fx.article()],
    ['author', fx.author()],
    ['clinical reviewer', fx.reviewer()],
    ['FAQ', fx.faq()],
    ['program level', fx.programLevel()],
    ['therapy', fx.therapy()],
    ['site settings', fx.siteSettings()],
    ['redirect', fx.redirect()],
    ['redirect to another site', fx.redirect({to: 'https://example.org/new/'})],
  ])('accepts a valid %s', async (_name, document) => {
    const dataset = fx.dataset(fx.article())
    expect(await errorsOf(document, dataset)).toEqual([])
  })

  it('rejects an article whose hero image has no alt text, naming the field', async () => {
    const document = fx.article({heroImage: {_type: 'image', asset: fx.ref('image-abc-10x10-png')}})
    const errors = await errorsOf(document)
    expect(errors.map((error) => error.path)).toContain('heroImage.alt')
  })

  it('rejects a body image without alt text', async () => {
    const image = {_type: 'image', _key: 'img1', asset: fx.ref('image-abc-10x10-png')}
    const errors = await errorsOf(fx.article({body: [fx.block('Text'), image]}))
    expect(errors.map((error) => error.path)).toContain('body[_key=="img1"].alt')
  })

  it.each(['../x', 'has spaces', 'UpperCase', 'a'.repeat(97), ''])('rejects the unsafe slug %j', async (bad) => {
    const errors = await errorsOf(fx.article({slug: fx.slug(bad)}))
    expect(errors.map((error) => error.path)).toContain('slug')
  })

  it.each([
    [{from: 'old-post/'}, 'from', /start it with a single “\/”/],
    [{from: '/old post/'}, 'from', /spaces/],
    [{from: '/old/?p=12'}, 'from', /“\?”/],
    [{to: 'javascript:alert(1)'}, 'to', /must be a path on this site/],
    [{to: '/blog/new/ 200!'}, 'to', /spaces/],
    [{to: '//evil.example/'}, 'to', /must be a path on this site/],
    [{to: '/2019/03/old-post/'}, 'to', /readers would loop/],
    [{from: undefined}, 'from', /Enter the old address/],
  ])('rejects the redirect %j, saying why on its field', async (overrides, path, message) => {
    const problems = await validateContentDocument(fx.redirect(overrides), fx.dataset())
    const errors = problems.filter((problem) => problem.level === 'error')
    expect(errors.map((error) => `${error.path}: ${error.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^${path}: .*${message.source}`)),
    ])
  })

  it('rejects a slug another article already uses', async () => {
    const first = fx.article()
    const second = fx.article({_id: 'article-2', title: 'Another article'})
    const errors = await errorsOf(second, fx.dataset(first, second))
    expect(errors.map((error) => `${error.path}: ${error.message}`)).toEqual([
      expect.stringMatching(/^slug: .*already in use/i),
    ])
  })

  it('rejects a link that would run code when clicked', async () => {
    const markDefs = [{_type: 'link', _key: 'l1', href: 'javascript:alert(1)'}]
    const document = fx.article({body: [fx.block('Click me', {markDefs, marks: ['l1']})]})
    const errors = await errorsOf(document)
    expect(errors.map((error) => error.path)).toContain(
      `body[_key=="${(document['body'] as Array<{_key: string}>)[0]?._key}"].markDefs[_key=="l1"].href`,
    )
  })

  it('rejects a reference to a document that does not exist', async () => {
    const document = fx.article({programLevels: [{...fx.ref('level-missing'), _key: 'p1'}]})
    const errors = await errorsOf(document)
    expect(errors.map((error) => error.path)).toContain('programLevels[_key=="p1"]')
  })

  it('rejects a comparison table whose rows do not match its columns', async () => {
    const table = {
      _type: 'comparisonTable',
      _key: 't1',
      caption: 'IOP vs. PHP',
      columns: ['Feature', 'PHP', 'IOP'],
      rows: [{_type: 'comparisonRow', _key: 'r1', cells: ['Hours per week', '25–30 hours']}],
    }
    const errors = await errorsOf(fx.article({body: [fx.block('Intro'), table]}))
    expect(errors.map((error) => error.path)).toContain('body[_key=="t1"].rows')
  })

  it('rejects two program levels at the same place on the continuum', async () => {
    const php = fx.programLevel({_id: 'level-php', name: 'PHP', slug: fx.slug('php'), continuumPosition: 4})
    const errors = await errorsOf(php, fx.dataset(php))
    expect(errors.map((error) => error.path)).toContain('continuumPosition')
  })

  it('warns, without blocking publishing, when the meta description is too short', async () => {
    const document = fx.article({seo: {_type: 'seo', metaDescription: 'Too short.'}})
    const problems = await validateContentDocument(document, fx.dataset(document))
    expect(problems.filter((p) => p.level === 'error')).toEqual([])
    expect(problems).toContainEqual(expect.objectContaining({path: 'seo.metaDescription', level: 'warning'}))
  })
})
