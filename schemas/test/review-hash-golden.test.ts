/**
 * Clinicians' sign-offs in real datasets store the clinical content hash. If the canonical form
 * changed by a single byte, every stored sign-off would silently turn stale. These hashes were
 * computed by the first released implementation and are pinned here: a change to `hash.ts` may
 * make it faster, never make these fail.
 */
import {describe, expect, it} from 'vitest'
import {canonicalClinicalContent, clinicalContentHash} from '../src/review/index.ts'
import {type HashInput, oddShapes, richArticle, SIGNED_ARTICLES, unicodeArticle} from './golden/content.ts'
import {referenceCanonicalContent} from './support/canonical-v1.ts'
import {randomContent} from './support/random-content.ts'

const hash = ({content, embeddedFaqs}: HashInput) => clinicalContentHash(content, embeddedFaqs)

const PINNED = {
  seed: 'sha256:bba86e867aa47d525bce586db760d4a28dc77e97c25d9960ce12764a1991aef8',
  hostile: 'sha256:a9667880e1979495861f57db246848d662c16da214d491f290702bed39bf4983',
  prototypeKeys: 'sha256:d121de442e647f175827d156dfe81cbf24f11f91be0ec551af06cb2356016115',
  bench: 'sha256:eced4a4d1e5e1c1d15c9e7119ac3c7d3892e59b594c2b7a1a47e3fc93944e7d6',
  rich: 'sha256:04450649a10abdf2895c7f161c184b7324fd0f4002632b549fec35744daed78b',
  unicode: 'sha256:6cdbbe40aa8d680f3a9a8ef5a27bf78d81f72ece4c8b5c156854e513692bd4db',
  odd: 'sha256:1a42d1ad7d9ec401ef2f78496f25f7da8a7938d523516ab9d857876c06fbebfd',
}

/** Deep copy with every object's keys in reverse order. */
const reverseKeys = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (_key, child) =>
    child && typeof child === 'object' && !Array.isArray(child)
      ? Object.fromEntries(Object.entries(child).reverse())
      : child,
  )

/** Deep copy with every `_key` (and every mark that names one) prefixed. */
const rekey = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (key, child) => {
    if (key === '_key' && typeof child === 'string') return `new-${child}`
    if (key === 'marks' && Array.isArray(child))
      return child.map((mark) => (['strong', 'em', 'code'].includes(mark) ? mark : `new-${mark}`))
    return child
  })

describe('the clinical content hash of content already signed', () => {
  it.each(Object.keys(SIGNED_ARTICLES) as (keyof typeof SIGNED_ARTICLES)[])(
    'is unchanged for the %s article and the FAQs it embeds',
    async (name) => {
      const article = SIGNED_ARTICLES[name]
      const actual = await hash(article)
      expect(actual).toBe(PINNED[name])
      if (article.signedContentHash) expect(actual).toBe(article.signedContentHash)
    },
  )

  it('is unchanged for an article with lists, links, citations, a table, a callout, an image and FAQs', async () => {
    expect(await hash(richArticle())).toBe(PINNED.rich)
  })

  it('is unchanged for text with unusual whitespace, combining marks, surrogates and control characters', async () => {
    expect(await hash(unicodeArticle())).toBe(PINNED.unicode)
  })

  it('is unchanged for malformed blocks, spans, marks, references and FAQ lists', async () => {
    expect(await hash(oddShapes())).toBe(PINNED.odd)
  })

  it.each([
    ['its keys are in another order', () => reverseKeys(richArticle())],
    ['its blocks, spans and annotations have other keys', () => rekey(richArticle())],
    [
      'a span is split in two and marks are listed in another order',
      () => {
        const input = richArticle()
        const body = [...(input.content.body ?? [])] as Record<string, unknown>[]
        const paragraph = body[1] as {children: {text: string; marks: string[]}[]}
        body[1] = {
          ...paragraph,
          children: [
            {_type: 'span', _key: 'a', text: 'Buprenor', marks: []},
            {_type: 'span', _key: 'b', text: 'phine is ', marks: []},
            {_type: 'span', _key: 'c', text: 'one option', marks: ['lnk', 'strong']},
            ...paragraph.children.slice(2),
          ],
        }
        return {...input, content: {...input.content, body}}
      },
    ],
    [
      'image crops, revisions and weak references change',
      () => {
        const input = richArticle()
        const body = (input.content.body ?? []).map((block) =>
          (block as {_type: string})._type === 'image'
            ? {...(block as object), crop: {top: 0.3}, hotspot: {x: 0.1}, _rev: 'other'}
            : block,
        )
        return {...input, content: {...input.content, body}}
      },
    ],
    [
      'its FAQs are passed in another order, as drafts, or with unrelated ones',
      () => {
        const input = richArticle()
        const [length, cost] = input.embeddedFaqs
        return {
          ...input,
          embeddedFaqs: [
            {_id: 'faq-other', question: 'Other?'},
            {...(cost as HashInput['embeddedFaqs'][number]), _id: 'drafts.faq-mat-cost'},
            length as HashInput['embeddedFaqs'][number],
          ],
        }
      },
    ],
  ])('is unchanged when %s', async (_what, variant) => {
    expect(await hash(variant())).toBe(PINNED.rich)
  })

  it('hashes exactly the canonical text the first release hashed, for generated content', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const {content, embeddedFaqs} = randomContent(seed)
      expect(canonicalClinicalContent(content, embeddedFaqs), `seed ${seed}`).toBe(
        referenceCanonicalContent(content, embeddedFaqs),
      )
    }
  })

  it('normalises every character of the Basic Multilingual Plane exactly as the first release did', () => {
    const range = (from: number, to: number) =>
      Array.from({length: to - from}, (_, index) => String.fromCharCode(from + index))
    const pairs = (chars: string[]) => chars.flatMap((first) => chars.map((second) => first + second))
    // Text the first release's NFC step changed: every such character alone, and every such pair of
    // characters around the ranges the code trusts to be NFC already (within U+0000–U+02FF and U+2000–U+206F),
    // and of Hangul jamo, which compose.
    const changed = [
      ...range(0, 0xd800),
      ...range(0xe000, 0x10000),
      ...pairs(range(0, 0x370)),
      ...pairs([...range(0x1100, 0x1200), ...range(0xac00, 0xac10)]),
      ...pairs(range(0x1ff0, 0x2100)),
    ].filter((text) => text.normalize('NFC') !== text)
    expect(changed.length).toBeGreaterThan(1000)
    // Each text as its own string in the body, so each is normalised on its own.
    const content = {title: '', body: changed}
    expect(canonicalClinicalContent(content) === referenceCanonicalContent(content)).toBe(true)
  })

  it('hashes exactly the canonical text the first release hashed, for every fixture above', () => {
    for (const input of [...Object.values(SIGNED_ARTICLES), richArticle(), unicodeArticle(), oddShapes()]) {
      expect(canonicalClinicalContent(input.content, input.embeddedFaqs)).toBe(
        referenceCanonicalContent(input.content, input.embeddedFaqs),
      )
    }
  })
})
