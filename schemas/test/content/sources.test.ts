import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readDataset} from '../../src/content/dataset.ts'
import {createLiveSource} from '../../src/content/live-source.ts'
import {createLocalSource} from '../../src/content/local-source.ts'
import {pagedQuery} from '../../src/content/paging.ts'
import * as siteQueries from '../../src/content/queries.ts'
import {createContentSource} from '../../src/content/source.ts'
import type {ContentSource} from '../../src/content/source-types.ts'
import {BUNDLED_DATASET_FILE} from '../support/bundled.ts'
import {article, author, exportArchive, type ScratchDir, scratchDir, toNdjson} from '../support/content-fixtures.ts'
import {type QueryServer, startQueryServer} from '../support/query-server.ts'

/** The parameters of `params` that `query` uses. */
function paramsOf(query: string, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(query)))
}

/** A word only drafts and release versions hold: finding it anywhere means they leaked. */
const unpublished = 'UNPUBLISHEDMARKER'

const documents = [
  author('author-ana', 'Ana Ruiz'),
  author('author-ben', 'Ben Okafor'),
  article('article-iop', {title: 'IOP basics', slug: 'iop-basics', author: 'author-ana', related: ['article-detox']}),
  article('article-detox', {
    title: 'Detox, step by step',
    slug: 'detox',
    author: 'author-ben',
    related: ['article-iop', 'drafts.article-new'],
  }),
  article('article-aftercare', {title: 'Aftercare', slug: 'aftercare', author: 'author-gone'}),
  article('drafts.article-iop', {title: `IOP basics ${unpublished}`, slug: 'iop-basics', author: 'author-ben'}),
  article('drafts.article-new', {title: `New ${unpublished}`, slug: 'new', author: 'author-ana'}),
  article('versions.spring.article-detox', {title: `Detox ${unpublished}`, slug: 'detox', author: 'author-ana'}),
  author('drafts.author-ana', `Ana ${unpublished}`),
]

const queries: ReadonlyArray<{name: string; query: string; params?: Record<string, unknown>}> = [
  {name: 'every document', query: '*'},
  {name: 'a count', query: 'count(*)'},
  {
    name: 'a list with dereferences',
    query: `*[_type == "article"] | order(title asc) {
      _id, title, "slug": slug.current, "author": author->name, "related": related[]->{title, "slug": slug.current}
    }`,
  },
  {
    name: 'a whole referenced document',
    query: '*[_type == "article" && slug.current == $slug][0]{title, author->}',
    params: {slug: 'detox'},
  },
  {
    name: 'reverse references',
    query:
      '*[_type == "author"] | order(name asc) {name, "articles": *[_type == "article" && references(^._id)] | order(title asc).title}',
  },
  {
    name: 'an array parameter',
    query: '*[_id in $ids] | order(_id asc)._id',
    params: {ids: ['article-iop', 'drafts.article-iop', 'author-ben']},
  },
  {name: 'a draft asked for by id', query: '*[_id == $id][0]', params: {id: 'drafts.article-iop'}},
  {
    name: 'an object parameter',
    query: '$filter.slug',
    params: {filter: {slug: 'iop-basics', n: 2, ok: true, none: null}},
  },
  {
    // A parameter this long pushes `@sanity/client` from GET to POST.
    name: 'a query sent as POST',
    query: '*[_type == "article" && title != $padding] | order(title asc).title',
    params: {padding: 'x'.repeat(12_000)},
  },
]

describe('the local and live sources', () => {
  let server: QueryServer
  beforeAll(async () => {
    server = await startQueryServer({documents})
  })
  afterAll(() => server.close())

  it('return identical results for the same dataset', async () => {
    const local = createLocalSource(documents)
    const live = createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost})
    for (const {name, query, params} of queries) {
      const localResult = await local.fetch(query, params)
      const liveResult = await live.fetch(query, params)
      expect(liveResult, name).toEqual(localResult)
      expect(JSON.stringify(localResult), name).not.toContain(unpublished)
    }
    expect(server.requests.map((request) => request.method)).toContain('POST')
    expect(server.requests.map((request) => request.method)).toContain('GET')
  })

  it('send the live query with its parameters and the published perspective', async () => {
    const live = createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost})
    const before = server.requests.length
    await live.fetch('*[_id in $ids]._id', {ids: ['article-iop'], n: 1})
    expect(server.requests.slice(before)).toEqual([
      {
        method: 'GET',
        dataset: 'production',
        query: '*[_id in $ids]._id',
        params: {ids: ['article-iop'], n: 1},
        perspective: 'published',
        token: null,
      },
    ])
  })

  it('fail the same way on a malformed query, the live one with the API error', async () => {
    const live = createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost})
    await expect(createLocalSource(documents).fetch('*[_type == ')).rejects.toThrow()
    await expect(live.fetch('*[_type == ')).rejects.toThrow(/GROQ query parse error/)
  })
})

describe('paged queries, read a page per request by `_id`', () => {
  // Titles run against `_id` order, so the final order is visibly applied across pages.
  const titles = ['Golf', 'Foxtrot', 'Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha']
  const pagedDocuments = [
    ...titles.map((title, index) => article(`article-${index + 1}`, {title, slug: title.toLowerCase()})),
    article('drafts.article-2', {title: `Foxtrot ${unpublished}`, slug: 'foxtrot'}),
    article('drafts.article-new', {title: `New ${unpublished}`, slug: 'new'}),
  ]
  const paged =
    '*[_type == "article" && _id > $lastId] | order(_id asc) [0...3] {_id, title} | order(title asc, _id asc)'
  let server: QueryServer
  beforeAll(async () => {
    server = await startQueryServer({documents: pagedDocuments})
  })
  afterAll(() => server.close())
  const live = () => createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost})

  it('return the whole collection in its final order from both sources, the live one a page per request', async () => {
    const before = server.requests.length
    const localResult = await createLocalSource(pagedDocuments).fetchAll(paged)
    const liveResult = await live().fetchAll(paged)
    expect(liveResult).toEqual(localResult)
    expect(liveResult).toEqual(
      [...titles].reverse().map((title) => ({_id: `article-${titles.indexOf(title) + 1}`, title})),
    )
    expect(JSON.stringify(liveResult)).not.toContain(unpublished)
    // Seven articles, three a page: the last page comes back short and ends the paging.
    expect(server.requests.slice(before).map((request) => request.params)).toEqual([
      {lastId: ''},
      {lastId: 'article-3'},
      {lastId: 'article-6'},
    ])
  })

  it('end with one empty page when the collection fills its pages exactly', async () => {
    const six = pagedDocuments.slice(0, 6)
    const exact = await startQueryServer({documents: six})
    try {
      const source = createLiveSource({projectId: 'test', dataset: 'production', apiHost: exact.apiHost})
      expect(await source.fetchAll(paged)).toEqual(await createLocalSource(six).fetchAll(paged))
      expect(exact.requests.map((request) => request.params['lastId'])).toEqual(['', 'article-3', 'article-6'])
    } finally {
      await exact.close()
    }
  })

  it('return just the one page when `lastId` is given', async () => {
    const expected = [
      {_id: 'article-6', title: 'Bravo'},
      {_id: 'article-5', title: 'Charlie'},
      {_id: 'article-4', title: 'Delta'},
    ]
    expect(await createLocalSource(pagedDocuments).fetch(paged, {lastId: 'article-3'})).toEqual(expected)
    expect(await live().fetch(paged, {lastId: 'article-3'})).toEqual(expected)
  })

  it('refuse to read whole a query that is not shaped as a paged query, rather than read one page of it', async () => {
    const unpaged = '*[_type == "article" && _id > $lastId] | order(_id asc) {_id}'
    const before = server.requests.length
    await expect(createLocalSource(pagedDocuments).fetchAll(unpaged)).rejects.toThrow(
      /must be a paged query.*no `\[0\.\.\.N\]`/,
    )
    await expect(live().fetchAll(unpaged)).rejects.toThrow(/must be a paged query/)
    await expect(live().fetchAll('*[_type == "article" && _id > $lastId][0...3] {_id}')).rejects.toThrow(
      /does not follow `order\(_id asc\)`/,
    )
    await expect(live().fetchAll('*[_type == "article"] | order(_id asc) [0...3] {"x": $lastId}')).rejects.toThrow(
      /does not require `_id > \$lastId`/,
    )
    await expect(live().fetchAll('*[_type == "article"] {_id}')).rejects.toThrow(/Only a paged query/)
    expect(server.requests.length).toBe(before)
  })

  it('answer one page only when asked for one: a paged query without `lastId` is an error, as in the Content Lake', async () => {
    await expect(createLocalSource(pagedDocuments).fetch(paged)).rejects.toThrow(
      /param \$lastId referenced, but not provided/,
    )
    await expect(live().fetch(paged)).rejects.toThrow(/param \$lastId referenced, but not provided/)
  })
})

describe('every query of the content layer', () => {
  it('gives identical results from the local and the live source over the bundled dataset', async () => {
    const {documents: bundled} = await readDataset(BUNDLED_DATASET_FILE)
    const server = await startQueryServer({documents: bundled})
    try {
      const local = createLocalSource(bundled)
      const live = createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost})
      expect(await local.fetchAll(siteQueries.articlesQuery)).not.toHaveLength(0)
      // Parameters for the Studio's queries: the seed article, its FAQs and sign-offs, the settings.
      const params = {
        faqIds: ['faq-iop-length', 'faq-iop-work'],
        articleId: 'article-iop-benefits',
        settingsId: 'siteSettings',
        expiredBefore: '2026-01-01T00:00:00Z',
        slug: 'benefits-of-iop-program-addiction-recovery',
        ids: ['faq-iop-length', 'clinicalReviewer-kate-smith'],
      }
      for (const [name, query] of Object.entries(siteQueries)) {
        const read = (source: ContentSource) =>
          pagedQuery(query) ? source.fetchAll(query) : source.fetch(query, paramsOf(query, params))
        expect(await read(live), name).toEqual(await read(local))
      }
    } finally {
      await server.close()
    }
  })
})

describe('choosing the content source from the environment', () => {
  const bundled = [article('article-bundled', {title: 'From the bundled file'})]
  const exported = [article('article-exported', {title: 'From an export'})]
  const live = [article('article-live', {title: 'From the Content Lake'})]
  const titles = '*[_type == "article"].title'
  let dir: ScratchDir
  let server: QueryServer
  let bundledFile: string
  beforeAll(async () => {
    dir = await scratchDir()
    server = await startQueryServer({documents: live})
    bundledFile = await dir.write('bundled.ndjson', toNdjson(bundled))
  })
  afterAll(async () => {
    await server.close()
    await dir.remove()
  })

  it('reads the bundled dataset when SANITY_PROJECT_ID is not set', async () => {
    const before = server.requests.length
    const source = await createContentSource({SANITY_API_HOST: server.apiHost}, bundledFile)
    expect(await source.fetch(titles)).toEqual(['From the bundled file'])
    expect(server.requests.length).toBe(before)
  })

  it('treats an empty SANITY_PROJECT_ID as not set', async () => {
    const source = await createContentSource({SANITY_PROJECT_ID: '', SANITY_API_HOST: server.apiHost}, bundledFile)
    expect(await source.fetch(titles)).toEqual(['From the bundled file'])
  })

  it('queries the live project when SANITY_PROJECT_ID is set, without reading any file', async () => {
    const before = server.requests.length
    const env = {SANITY_PROJECT_ID: 'test', SANITY_API_HOST: server.apiHost}
    const source = await createContentSource(env, '/nonexistent/dataset.ndjson')
    expect(await source.fetch(titles)).toEqual(['From the Content Lake'])
    expect(server.requests.slice(before)).toMatchObject([
      {dataset: 'production', perspective: 'published', token: null},
    ])
  })

  it('queries the dataset SANITY_DATASET names, with SANITY_API_READ_TOKEN as the bearer token', async () => {
    const staging = await startQueryServer({documents: live, dataset: 'staging'})
    try {
      const env = {
        SANITY_PROJECT_ID: 'test',
        SANITY_DATASET: 'staging',
        SANITY_API_READ_TOKEN: 'test-read-token',
        SANITY_API_HOST: staging.apiHost,
      }
      const source = await createContentSource(env, bundledFile)
      expect(await source.fetch(titles)).toEqual(['From the Content Lake'])
      expect(staging.requests).toMatchObject([{dataset: 'staging', token: 'test-read-token'}])
    } finally {
      await staging.close()
    }
  })

  it('reads the NDJSON file CONTENT_DATASET_FILE names instead of the bundled one', async () => {
    const file = await dir.write('other.ndjson', toNdjson(exported))
    const source = await createContentSource({CONTENT_DATASET_FILE: file}, bundledFile)
    expect(await source.fetch(titles)).toEqual(['From an export'])
  })

  it('reads the `sanity dataset export` archive CONTENT_DATASET_FILE names', async () => {
    const file = await dir.write('production.tar.gz', await exportArchive(exported))
    const source = await createContentSource({CONTENT_DATASET_FILE: file}, bundledFile)
    expect(await source.fetch(titles)).toEqual(['From an export'])
  })

  it('prefers the live project to CONTENT_DATASET_FILE when both are set', async () => {
    const file = await dir.write('ignored.ndjson', toNdjson(exported))
    const env = {SANITY_PROJECT_ID: 'test', SANITY_API_HOST: server.apiHost, CONTENT_DATASET_FILE: file}
    const source = await createContentSource(env, bundledFile)
    expect(await source.fetch(titles)).toEqual(['From the Content Lake'])
  })
})
