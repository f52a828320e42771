import {describe, expect, it} from 'vitest'
import {canonicalClinicalContent, clinicalContentHash, embeddedFaqIds} from '../src/review/index.ts'
import * as fx from './fixtures.ts'

const faqList = (...ids: string[]) => ({
  _type: 'faqList',
  _key: fx.key(),
  faqs: ids.map((id) => ({...fx.ref(id), _key: fx.key()})),
})

function content() {
  return {
    title: 'The Benefits of an IOP Program',
    excerpt: 'How IOP supports recovery.',
    body: [
      fx.block('What Is an IOP?', {style: 'h2'}),
      fx.block('Clients attend 3 to 5 days a week.'),
      fx.block('Individual therapy', {listItem: 'bullet'}),
      faqList('faq-1'),
    ],
  }
}
const faqs = () => [fx.faq()]

describe('the clinical content hash', () => {
  it('is the same for the same content however its keys are ordered or named', async () => {
    const original = content()
    const reordered = JSON.parse(JSON.stringify(original), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    )
    const rekeyed = {...original, body: original.body.map((block) => ({...block, _key: `other-${block._key}`}))}
    const hash = await clinicalContentHash(original, faqs())
    expect(await clinicalContentHash(reordered, faqs())).toBe(hash)
    expect(await clinicalContentHash(rekeyed, faqs())).toBe(hash)
  })

  it('ignores fields a clinician does not vouch for', async () => {
    const base = {...content(), _rev: 'a', _updatedAt: '2026-01-01T00:00:00Z', seo: {metaTitle: 'A'}}
    const edited = {
      ...content(),
      _rev: 'b',
      _updatedAt: '2026-06-01T00:00:00Z',
      seo: {metaTitle: 'B'},
      heroImage: {crop: {top: 0.1}},
    }
    expect(await clinicalContentHash(edited, faqs())).toBe(await clinicalContentHash(base, faqs()))
  })

  it('ignores an image crop in the body but not its alt text', async () => {
    const image = (crop: number, alt: string) => ({
      _type: 'image',
      _key: 'i',
      alt,
      asset: fx.ref('image-a'),
      crop: {top: crop},
    })
    const withImage = (img: object) => ({...content(), body: [...content().body, img]})
    const base = await clinicalContentHash(withImage(image(0, 'A chart')), faqs())
    expect(await clinicalContentHash(withImage(image(0.2, 'A chart')), faqs())).toBe(base)
    expect(await clinicalContentHash(withImage(image(0, 'Another chart')), faqs())).not.toBe(base)
  })

  it('treats a span split in two, or extra spaces, as the same text', async () => {
    const split = content()
    split.body[1] = {...fx.block(''), children: [fx.span('Clients attend 3 to '), fx.span('5 days  a week.')]}
    expect(await clinicalContentHash(split, faqs())).toBe(await clinicalContentHash(content(), faqs()))
  })

  it.each([
    ['the title', (c: ReturnType<typeof content>) => ({...c, title: 'The Benefits of a PHP Program'})],
    ['the excerpt', (c: ReturnType<typeof content>) => ({...c, excerpt: 'How PHP supports recovery.'})],
    [
      'a word of the body',
      (c: ReturnType<typeof content>) => ({
        ...c,
        body: [c.body[0], fx.block('Clients attend 2 to 5 days a week.'), ...c.body.slice(2)],
      }),
    ],
    [
      'a heading level',
      (c: ReturnType<typeof content>) => ({
        ...c,
        body: [fx.block('What Is an IOP?', {style: 'h3'}), ...c.body.slice(1)],
      }),
    ],
    [
      'the order of blocks',
      (c: ReturnType<typeof content>) => ({...c, body: [c.body[1], c.body[0], ...c.body.slice(2)]}),
    ],
    [
      'a bold mark',
      (c: ReturnType<typeof content>) => ({
        ...c,
        body: [c.body[0], fx.block('Clients attend 3 to 5 days a week.', {marks: ['strong']}), ...c.body.slice(2)],
      }),
    ],
  ])('changes when %s changes', async (_what, change) => {
    expect(await clinicalContentHash(change(content()), faqs())).not.toBe(await clinicalContentHash(content(), faqs()))
  })

  it('changes when a link in the body points somewhere else', async () => {
    const linked = (href: string) => ({
      ...content(),
      body: [fx.block('Call us', {markDefs: [{_type: 'link', _key: 'm1', href}], marks: ['m1']})],
    })
    expect(await clinicalContentHash(linked('tel:+18779206583'), [])).not.toBe(
      await clinicalContentHash(linked('tel:+18005550000'), []),
    )
  })

  it('changes when the answer of an embedded FAQ changes, and when the FAQ disappears', async () => {
    const base = await clinicalContentHash(content(), faqs())
    const changedAnswer = [fx.faq({answer: [fx.block('Most IOPs run for 6–8 weeks.')]})]
    expect(await clinicalContentHash(content(), changedAnswer)).not.toBe(base)
    expect(await clinicalContentHash(content(), [])).not.toBe(base)
  })

  it('does not depend on FAQs the body does not embed', async () => {
    const other = fx.faq({_id: 'faq-other', question: 'Unrelated?'})
    expect(await clinicalContentHash(content(), [...faqs(), other])).toBe(await clinicalContentHash(content(), faqs()))
  })

  it('lists embedded FAQs once each, in order, reading drafts as their published id', () => {
    expect(embeddedFaqIds([faqList('faq-2', 'drafts.faq-1'), fx.block('x'), faqList('faq-1', 'faq-3')])).toEqual([
      'faq-2',
      'faq-1',
      'faq-3',
    ])
  })

  it('is a SHA-256 hex digest of the canonical text', async () => {
    const hash = await clinicalContentHash(content(), faqs())
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(canonicalClinicalContent(content(), faqs())).toContain('Most IOPs run for 8–12 weeks.')
  })
})
