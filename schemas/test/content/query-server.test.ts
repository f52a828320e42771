import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {API_VERSION} from '../../src/content/source-types.ts'
import {article} from '../support/content-fixtures.ts'
import {type QueryServer, startQueryServer} from '../support/query-server.ts'

const DRAFT_TOKEN = 'viewer-token-for-drafts'

const documents = [
  article('article-iop', {title: 'IOP basics', slug: 'iop-basics'}),
  article('drafts.article-iop', {title: 'IOP basics (draft)', slug: 'iop-basics'}),
]

/** The client's query path for this server, plus a query string. */
function queryUrl(
  server: QueryServer,
  search: Record<string, string>,
  path = `/v${API_VERSION}/data/query/production`,
) {
  return `${server.apiHost}${path}?${new URLSearchParams(search)}`
}

describe('the local query server', () => {
  let server: QueryServer
  beforeAll(async () => {
    server = await startQueryServer({documents, draftTokens: [DRAFT_TOKEN]})
  })
  afterAll(() => server.close())

  it('answers a GET with the query, its result and a time, hiding drafts', async () => {
    const response = await fetch(
      queryUrl(server, {query: '*[slug.current == $slug].title', $slug: '"iop-basics"', perspective: 'published'}),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({
      query: '*[slug.current == $slug].title',
      result: ['IOP basics'],
      ms: expect.any(Number),
    })
  })

  it('leaves the query out of the reply when asked with returnQuery=false', async () => {
    const response = await fetch(queryUrl(server, {query: 'count(*)', returnQuery: 'false', perspective: 'published'}))
    expect(await response.json()).toEqual({result: 1, ms: expect.any(Number)})
  })

  it('answers a POST of {query, params} with the options in the query string', async () => {
    const response = await fetch(queryUrl(server, {perspective: 'published'}), {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query: '*[_id == $id][0].title', params: {id: 'article-iop'}}),
    })
    expect((await response.json()).result).toBe('IOP basics')
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      params: {id: 'article-iop'},
      perspective: 'published',
    })
  })

  it('refuses a request that names no perspective, rather than depend on a default', async () => {
    const response = await fetch(queryUrl(server, {query: 'count(*)'}))
    expect(response.status).toBe(400)
    expect((await response.json()).error.description).toMatch(/serves perspective published, drafts or raw/)
  })

  it.each(['drafts', 'raw'])('refuses perspective %s without a token that can read drafts', async (perspective) => {
    const response = await fetch(queryUrl(server, {query: 'count(*)', perspective}), {
      headers: {authorization: 'Bearer not-a-viewer'},
    })
    expect(response.status).toBe(401)
  })

  it('shows drafts over published documents, under the published id, to a token that can read them', async () => {
    const read = async (perspective: string) => {
      const response = await fetch(queryUrl(server, {query: '*[_type == "article"]{_id, title}', perspective}), {
        headers: {authorization: `Bearer ${DRAFT_TOKEN}`},
      })
      return (await response.json()).result
    }
    expect(await read('drafts')).toEqual([{_id: 'article-iop', title: 'IOP basics (draft)'}])
    expect(await read('raw')).toHaveLength(2)
    expect(await read('published')).toEqual([{_id: 'article-iop', title: 'IOP basics'}])
  })

  it('refuses a parameter that is not JSON', async () => {
    const response = await fetch(queryUrl(server, {query: '$slug', $slug: 'iop-basics', perspective: 'published'}))
    expect(response.status).toBe(400)
    expect((await response.json()).error.description).toBe('Parameter "$slug" is not valid JSON: iop-basics')
  })

  it('answers a malformed query with a query parse error', async () => {
    const response = await fetch(queryUrl(server, {query: '*[_type == ', perspective: 'published'}))
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({type: 'queryParseError', query: '*[_type == '})
  })

  it.each([
    ['another API version', '/v2021-03-25/data/query/production', 404],
    ['another dataset', `/v${API_VERSION}/data/query/staging`, 404],
    ['another endpoint', `/v${API_VERSION}/data/mutate/production`, 404],
  ])('does not answer %s', async (_, path, status) => {
    const response = await fetch(queryUrl(server, {query: 'count(*)', perspective: 'published'}, path))
    expect(response.status).toBe(status)
  })
})
