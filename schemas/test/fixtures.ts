/** Tiny builders for valid documents of every type; tests override what they are about. */
import type {DatasetDocument} from '../src/validation/index.ts'

let keySeq = 0
export const key = () => `k${++keySeq}`

export function span(text: string, marks: string[] = []) {
  return {_type: 'span', _key: key(), text, marks}
}

export function block(
  text: string,
  options: {style?: string; listItem?: string; markDefs?: object[]; marks?: string[]} = {},
) {
  return {
    _type: 'block',
    _key: key(),
    style: options.style ?? 'normal',
    ...(options.listItem ? {listItem: options.listItem, level: 1} : {}),
    markDefs: options.markDefs ?? [],
    children: [span(text, options.marks)],
  }
}

export const ref = (id: string) => ({_type: 'reference', _ref: id})
export const slug = (current: string) => ({_type: 'slug', current})

export function author(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {_id: 'author-1', _type: 'author', name: 'Editorial Team', slug: slug('editorial-team'), ...overrides}
}

export function redirect(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'redirect-1',
    _type: 'redirect',
    from: '/2019/03/old-post/',
    to: '/blog/old-post/',
    permanent: true,
    ...overrides,
  }
}

export function reviewer(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {_id: 'reviewer-1', _type: 'clinicalReviewer', name: 'Dr. Kate Smith', slug: slug('kate-smith'), ...overrides}
}

export function faq(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'faq-1',
    _type: 'faq',
    question: 'How long does the IOP last?',
    answer: [block('Most IOPs run for 8–12 weeks.')],
    ...overrides,
  }
}

export function programLevel(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'level-iop',
    _type: 'programLevel',
    name: 'Intensive Outpatient Program',
    shortName: 'IOP',
    slug: slug('intensive-outpatient-program'),
    continuumPosition: 4,
    summary: 'Continued therapeutic support with increased independence.',
    hoursPerWeek: {_type: 'numberRange', min: 9, max: 15},
    ...overrides,
  }
}

export function therapy(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'therapy-cbt',
    _type: 'therapy',
    name: 'Cognitive Behavioral Therapy',
    abbreviation: 'CBT',
    slug: slug('cognitive-behavioral-therapy'),
    summary: 'Reshapes destructive thought patterns.',
    ...overrides,
  }
}

export function siteSettings(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'siteSettings',
    _type: 'siteSettings',
    organizationName: 'Greater Boston Addiction Centers',
    phone: '877.920.6583',
    medicalDisclaimer: 'This article is for information only.',
    crisisLines: [{_type: 'crisisLine', _key: key(), name: '988 Suicide & Crisis Lifeline', phone: '988', text: true}],
    ...overrides,
  }
}

export function article(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'article-1',
    _type: 'article',
    title: 'The Benefits of an IOP Program for Addiction Recovery',
    slug: slug('benefits-of-iop'),
    excerpt: 'How an intensive outpatient program supports recovery.',
    author: ref('author-1'),
    publishedAt: '2026-01-15T09:00:00Z',
    category: 'treatment-programs',
    requiresClinicalReview: true,
    body: [block('Addiction recovery is not a one-size-fits-all journey.')],
    ...overrides,
  }
}

/** An uploaded image, as `sanity dataset export` writes its asset document. */
export function imageAsset(overrides: Partial<DatasetDocument> = {}): DatasetDocument {
  return {
    _id: 'image-abc-10x10-png',
    _type: 'sanity.imageAsset',
    url: 'https://cdn.sanity.io/images/p/d/abc-10x10.png',
    ...overrides,
  }
}

/** A dataset in which every builder's default references resolve. */
export function dataset(...extra: DatasetDocument[]): DatasetDocument[] {
  return [author(), reviewer(), faq(), programLevel(), therapy(), siteSettings(), imageAsset(), ...extra]
}
