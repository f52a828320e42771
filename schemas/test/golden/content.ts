/**
 * Content whose clinical content hash is pinned in `review-hash-golden.test.ts`: the shapes real
 * datasets hold (text, lists, links, citations, tables, callouts, images, embedded FAQs), the
 * text normalisation's edge cases, and malformed input the hash must still treat as it always has.
 */
import type {EmbeddedFaq, ReviewableContent} from '../../src/review/index.ts'
import signed from './signed-articles.json' with {type: 'json'}

/** Content and the FAQs passed with it, as a caller hands them to `clinicalContentHash`. */
export interface HashInput {
  content: ReviewableContent
  embeddedFaqs: EmbeddedFaq[]
}

/** Articles from checked-in datasets, with the hash their stored sign-off holds (if any). */
export const SIGNED_ARTICLES = signed as Record<
  'seed' | 'hostile' | 'prototypeKeys' | 'bench',
  HashInput & {note: string; signedContentHash: string | null}
>

const span = (text: unknown, marks: unknown[] = [], key = `s-${String(text).slice(0, 8)}`) => ({
  _type: 'span',
  _key: key,
  text,
  marks,
})
const block = (key: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children,
  ...extra,
})
const ref = (id: string, extra: Record<string, unknown> = {}) => ({_type: 'reference', _ref: id, ...extra})

/** An article using every kind of block and annotation the body offers. */
export function richArticle(): HashInput {
  return {
    content: {
      title: 'Medication-Assisted Treatment: What to Expect',
      excerpt: 'How medication-assisted treatment (MAT) works alongside therapy in an IOP.',
      body: [
        block('h', [span('What Is MAT?')], {style: 'h2'}),
        block(
          'p1',
          [
            span('Buprenorphine is '),
            span('one option', ['strong', 'lnk']),
            span(' among several', ['em']),
            span(' [1]', ['cite']),
            span(', and our '),
            span('IOP', ['int', 'strong']),
            span(' combines it with therapy.'),
          ],
          {
            markDefs: [
              {_type: 'link', _key: 'lnk', href: 'https://www.samhsa.gov/medications-substance-use-disorders'},
              {_type: 'internalLink', _key: 'int', reference: ref('drafts.programLevel-iop', {_weak: true})},
              {_type: 'citationRef', _key: 'cite', citationKey: 'c1'},
            ],
          },
        ),
        block('l1', [span('Daily dosing at first')], {listItem: 'bullet', level: 1}),
        block('l2', [span('then ', ['em']), span('weekly', ['em', 'code'])], {listItem: 'bullet', level: 2}),
        block('n1', [span('Assessment')], {listItem: 'number', level: 1}),
        block('q', [span('Recovery is a process, not an event.')], {style: 'blockquote'}),
        {
          _type: 'comparisonTable',
          _key: 't',
          caption: 'MAT options',
          columns: ['Medication', 'Form', 'Schedule'],
          rows: [
            {_type: 'comparisonRow', _key: 'r1', cells: ['Buprenorphine', 'Film or tablet', 'Daily']},
            {_type: 'comparisonRow', _key: 'r2', cells: ['Naltrexone', 'Injection', 'Monthly']},
          ],
        },
        {_type: 'callout', _key: 'c', tone: 'important', text: 'Never stop a medication   without\n talking to us.'},
        {_type: 'callToAction', _key: 'cta', text: 'Call us today at 877.920.6583.', buttonLabel: 'Call now'},
        {
          _type: 'image',
          _key: 'img',
          asset: ref('image-abc123-1200x800-jpg'),
          alt: 'A clinician talks with a client.',
          caption: 'Our medical team',
          crop: {_type: 'sanity.imageCrop', top: 0.1, bottom: 0, left: 0, right: 0.05},
          hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.4, width: 0.3, height: 0.3},
        },
        {
          _type: 'faqList',
          _key: 'f',
          faqs: [
            {...ref('faq-mat-length'), _key: 'f1'},
            {...ref('drafts.faq-mat-cost'), _key: 'f2'},
            {...ref('faq-mat-length'), _key: 'f3'},
            {...ref('faq-deleted'), _key: 'f4'},
          ],
        },
      ],
    },
    embeddedFaqs: [
      {
        _id: 'faq-mat-length',
        question: 'How long does MAT last?',
        answer: [
          block('a1', [span('It depends on the person. See '), span('SAMHSA', ['x']), span('.')], {
            markDefs: [{_type: 'link', _key: 'x', href: 'https://www.samhsa.gov'}],
          }),
          block('a2', [span('Months to years')], {listItem: 'bullet', level: 1}),
        ],
      },
      {_id: 'faq-mat-cost', question: 'Does insurance cover MAT?', answer: [block('b1', [span('Most plans do.')])]},
      {_id: 'faq-unrelated', question: 'Not embedded?', answer: [block('u1', [span('Not hashed.')])]},
    ],
  }
}

/** Text whose invisible differences the hash ignores, and whose visible ones it must not. */
export function unicodeArticle(): HashInput {
  return {
    content: {
      title: '  Cafe\u0301 au lait\u00a0\u2003recovery\t\n ',
      excerpt: '\ufeffA zero\u200bwidth space is not whitespace; U+3000\u3000and U+2028\u2028are.',
      body: [
        block('w', [
          span('  leading'),
          span('trailing  ', ['em']),
          span('\t\ttabs\r\nand\vform\ffeeds ', ['em']),
          span('e'),
          span('\u0301 (an accent split from its letter)'),
          span(' '),
          span(''),
          span('   ', ['strong']),
          span('emoji \u{1F9E0} and a lone high surrogate \ud83e'),
          span(' and a lone low surrogate \udc00'),
          span('quotes "q" \\ backslash / slash', ['code']),
          span('control \u0000\u0007\u001f\u007f characters'),
          span('\ufb01 ligature, \u212b angstrom sign, \u1112\u1161\u11ab jamo, \uac00 syllable'),
          span('line\u2028and paragraph\u2029separators'),
        ]),
        block('only-space', [span(' \n\t '), span('\u00a0')]),
        block('empty', []),
        {_type: 'callout', _key: 'c', tone: 'note', text: '  Nai\u0308ve   text\u3000in a callout  '},
        {_type: 'image', _key: 'i', asset: ref('image-x-10x10-png'), alt: 'Alt with trailing spaces   '},
      ],
    },
    embeddedFaqs: [],
  }
}

/** Malformed or unusual values: the hash must keep treating them exactly as it always has. */
export function oddShapes(): HashInput {
  const withProtoKey = JSON.parse('{"_type":"callout","__proto__":{"polluted":true},"text":"proto key"}')
  return {
    content: {
      excerpt: null,
      body: [
        null,
        'a bare string  ',
        42,
        true,
        ['nested', {_key: 'x', a: 1}, [null]],
        {_type: 'block'},
        {_type: 'block', style: 3, listItem: 7, level: '2', markDefs: 'none', children: 'none'},
        block(
          'odd',
          [
            {_type: 'span', text: 12, marks: ['dup', 7, null, 'missing', 'strong']},
            {_type: 'span', marks: ['strong', 'missing', 'dup']},
            {_type: 'inlineThing', _key: 'i', text: 'looks  like a span ', marks: []},
            {_type: 'span', text: ' and merges', marks: []},
            {_type: 'inlineThing', value: 1, nested: {_ref: 'drafts.a'}},
            null,
            'a string child',
            {_type: 'span', text: 'x', marks: 'not an array'},
            {_type: 'inlineThing', text: '   ', marks: []},
            {_type: 'inlineThing', text: 'quote', marks: ['"strong"']},
            {_type: 'span', text: ' marked', marks: ['strong']},
          ],
          {
            level: 2.5,
            listItem: 'number',
            markDefs: [
              {_type: 'link', href: 'no key'},
              {_type: 'link', _key: 'dup', href: 'first'},
              {_type: 'link', _key: 'dup', href: ' second  '},
              null,
              'a string',
            ],
          },
        ),
        {
          _type: 'callout',
          _key: 'k',
          _rev: 'r',
          _weak: true,
          _strengthenOnPublish: {},
          _createdAt: 'x',
          _updatedAt: 'y',
          crop: {},
          hotspot: {},
          text: undefined,
          nested: {_type: 'block', children: [{_type: 'span', text: '  nested   block  '}]},
          numbers: [1, -0, 0.1, 1e21, -5e-7, Number.NaN, Number.POSITIVE_INFINITY, null, false],
          10: 'numeric key',
          2: 'another',
          Zeta: 1,
          alpha: 1,
          ß: 1,
          é: 1,
          'e\u0301': 2,
          '"quoted\\key"': 1,
          _ref: 'drafts.x',
          reference: ref('versions.rSpring.faq-1'),
          unreferenced: {_ref: 5},
        },
        withProtoKey,
        {_type: 'faqList', faqs: [ref('versions.rSpring.faq-v'), {_ref: 5}, null, ref('drafts.faq-v'), ref('faq-w')]},
        {_type: 'faqList', faqs: 'none'},
      ],
    },
    embeddedFaqs: [
      {_id: 'faq-v', question: 'First copy', answer: []},
      {_id: 'drafts.faq-v', question: undefined, answer: 'not an array'},
      {_id: 'faq-w', question: null, answer: [null, {_type: 'block', children: [{_type: 'span', text: 'w'}]}]},
    ],
  }
}
