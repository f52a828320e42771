import type {ChildResolverOptions, DocumentList, List, ListBuilder, ListItem} from 'sanity/structure'
import {beforeAll, describe, expect, it} from 'vitest'
import {structure} from '../structure/index.ts'
import {article, settings} from './fixtures.ts'
import {structureBuilderFor, studioSource} from './support/studio-source.ts'

let root: List
beforeAll(async () => {
  const source = await studioSource([
    settings({validityMonths: 6, warningDays: 14}),
    article({_id: 'published-unsigned'}),
    article({_id: 'drafts.draft-only'}),
  ])
  const {S, context} = structureBuilderFor(source)
  root = (structure(S, context) as ListBuilder).serialize({path: []})
}, 120_000)

const listItems = (list: List) => list.items.filter((item): item is ListItem => item.type === 'listItem')
function item(list: List, title: string): ListItem {
  const found = listItems(list).find((candidate) => candidate.title === title)
  if (!found) throw new Error(`No item titled “${title}” in ${list.id}`)
  return found
}

/** Opens a list item the way the structure tool does when it is clicked. */
async function open(listItem: ListItem): Promise<DocumentList> {
  const {child} = listItem
  const resolved = typeof child === 'function' ? await child(listItem.id, {} as ChildResolverOptions) : child
  const pane = resolved as {serialize?: (options: {path: string[]}) => unknown} | undefined
  return (pane?.serialize ? pane.serialize({path: []}) : pane) as DocumentList
}

describe('the desk structure, built by the Studio’s own structure builder', () => {
  it('lists articles, the continuum, the other types, redirects and the settings singleton', () => {
    expect(root.items.map((entry) => (entry.type === 'divider' ? '—' : entry.title))).toEqual([
      'Articles',
      'Continuum of care',
      'Therapies',
      'FAQs',
      'Clinical reviewers',
      'Clinical sign-offs',
      'Authors',
      'Redirects',
      '—',
      'Settings',
    ])
  })

  it('lists redirects by their old address', async () => {
    expect(await open(item(root, 'Redirects'))).toMatchObject({
      options: {
        filter: '_type == $type',
        params: {type: 'redirect'},
        defaultOrdering: [{field: 'from', direction: 'asc'}],
      },
    })
  })

  it('orders the continuum of care by position, not by name', async () => {
    const continuum = await open(item(root, 'Continuum of care'))
    expect(continuum.options).toMatchObject({
      filter: '_type == $type',
      params: {type: 'programLevel'},
      defaultOrdering: [{field: 'continuumPosition', direction: 'asc'}],
    })
  })

  it('pins Settings as the one document with the fixed ID', async () => {
    expect(await open(item(root, 'Settings'))).toMatchObject({
      type: 'document',
      options: {id: 'siteSettings', type: 'siteSettings'},
    })
  })

  it('offers the review work lists under Articles', () => {
    const articles = item(root, 'Articles').child as List
    expect(listItems(articles).map((entry) => entry.title)).toEqual([
      'All articles',
      'Awaiting review',
      'Review expiring soon',
      'Review expired',
      'Never reviewed',
      'Published without required review',
    ])
  })

  it('builds a review list from the policy in Settings when it is opened', async () => {
    const expired = await open(item(item(root, 'Articles').child as List, 'Review expired'))
    expect(expired.options.filter).toBe(
      '_type == "article" && (requiresClinicalReview != false && dateTime(*[_type == "clinicalSignoff" && (article._ref == ^._id || "drafts." + article._ref == ^._id)] | order(signedAt desc)[0].signedAt) <= dateTime($expiredBefore))',
    )
    const {expiredBefore} = expired.options.params as {expiredBefore: string}
    // Six months back, not the default twelve: the policy was read from Settings.
    const monthsBack = (Date.now() - Date.parse(expiredBefore)) / (30.44 * 24 * 60 * 60 * 1000)
    expect(Math.round(monthsBack)).toBe(6)
    expect(expired.menuItems?.map((menuItem) => menuItem.title)).toContain('About this list')
  })

  it('lists published articles without a valid review by their published state, not their drafts', async () => {
    const list = await open(item(item(root, 'Articles').child as List, 'Published without required review'))
    expect(list.options).toMatchObject({
      filter: '_type == "article" && (_id in $ids)',
      params: {ids: ['published-unsigned']},
    })
  })
})
