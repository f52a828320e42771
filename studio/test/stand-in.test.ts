/**
 * The Content Lake stand-in answers as the real API does where the Studio depends on it:
 * revisions, drafts and publishing, errors with their status codes, perspectives, and listener
 * events whose mendoza effects rebuild the document.
 */
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type StandIn, type StoredDocument, startStandIn} from '../stand-in/index.ts'

const article = (id: string, title: string): StoredDocument => ({_id: id, _type: 'article', title})
const reviewer: StoredDocument = {_id: 'clinicalReviewer-kate-smith', _type: 'clinicalReviewer', name: 'Dr. Kate Smith'}

let lake: StandIn
let token = ''

beforeAll(async () => {
  lake = await startStandIn({
    documents: [article('a1', 'Published title'), reviewer],
    users: [{id: 'u-editor', name: 'Erin Editor', email: 'e@x.invalid', role: 'editor', signsAs: reviewer._id}],
  })
  token = lake.user('u-editor').token
})
afterAll(() => lake.close())

async function api(path: string, init: {method?: string; body?: unknown; anonymous?: boolean} = {}) {
  const response = await fetch(`${lake.apiHost}/v2025-02-19/${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.anonymous ? {} : {authorization: `Bearer ${token}`}),
      ...(init.body ? {'content-type': 'application/json'} : {}),
    },
    ...(init.body ? {body: JSON.stringify(init.body)} : {}),
    signal: AbortSignal.timeout(10_000),
  })
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field in assertions
  return {status: response.status, body: (await response.json()) as Record<string, any>}
}

const query = (groq: string, perspective: string, anonymous = false) =>
  api(`data/query/production?query=${encodeURIComponent(groq)}&perspective=${perspective}`, {anonymous})
const edit = (title: string, extra: Record<string, unknown> = {}) =>
  api('data/actions/production', {
    body: {
      actions: [
        {
          actionType: 'sanity.action.document.edit',
          draftId: 'drafts.a1',
          publishedId: 'a1',
          patch: {set: {title}},
          ...extra,
        },
      ],
    },
  })

describe('the Content Lake stand-in', () => {
  it('leaves reviewer profiles as loaded: who signs as whom is the repository’s signers file', () => {
    expect(lake.document(reviewer._id)).not.toHaveProperty('sanityUserIds')
  })

  it('edits into a draft with a new revision, and each perspective sees what the real API shows', async () => {
    expect((await edit('Draft title')).status).toBe(200)
    const draft = lake.document('drafts.a1')
    expect(draft).toMatchObject({title: 'Draft title', _type: 'article'})
    expect(draft?._rev).not.toBe(lake.document('a1')?._rev)

    expect((await query('*[_type == "article"].title', 'published')).body['result']).toEqual(['Published title'])
    expect((await query('*[_type == "article"]{_id, title}', 'drafts')).body['result']).toEqual([
      {_id: 'a1', title: 'Draft title'},
    ])
    expect((await query('count(*[_type == "article"])', 'raw')).body['result']).toBe(2)
    // Anonymous readers see published documents only, whatever they ask for.
    expect((await query('*[_type == "article"].title', 'raw', true)).body['result']).toEqual(['Published title'])
  })

  it('refuses a publish against a stale revision with 409 and changes nothing', async () => {
    const before = lake.document('a1')
    const {status, body} = await api('data/actions/production', {
      body: {
        actions: [
          {
            actionType: 'sanity.action.document.publish',
            draftId: 'drafts.a1',
            publishedId: 'a1',
            ifDraftRevisionId: 'stale',
          },
        ],
      },
    })
    expect(status).toBe(409)
    expect(body['error']['description']).toContain('unexpected revision ID')
    expect(lake.document('a1')).toEqual(before)
  })

  it('answers 404 for an action on a missing document and a patch of one', async () => {
    const publish = await api('data/actions/production', {
      body: {actions: [{actionType: 'sanity.action.document.publish', draftId: 'drafts.nope', publishedId: 'nope'}]},
    })
    expect(publish.status).toBe(404)
    expect(publish.body['error']['items'][0]['error']).toMatchObject({type: 'documentNotFoundError', id: 'drafts.nope'})
    const patch = await api('data/mutate/production', {body: {mutations: [{patch: {id: 'nope', set: {title: 'x'}}}]}})
    expect(patch.status).toBe(404)
  })

  it('refuses writes without a token (401) and says which documents a /doc request could not return', async () => {
    const anonymous = await api('data/mutate/production', {
      body: {mutations: [{create: article('a2', 'x')}]},
      anonymous: true,
    })
    expect(anonymous.status).toBe(401)
    const docs = await api('data/doc/production/a1,missing')
    expect(docs.body['documents'].map((document: StoredDocument) => document._id)).toEqual(['a1'])
    expect(docs.body['omitted']).toEqual([{id: 'missing', reason: 'existence'}])
  })

  it('publishes the draft and tells listeners, with mendoza effects that rebuild each document', async () => {
    const controller = new AbortController()
    const response = await fetch(
      `${lake.apiHost}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_id in $ids]')}&$ids=${encodeURIComponent('["a1","drafts.a1"]')}&effectFormat=mendoza`,
      {headers: {authorization: `Bearer ${token}`}, signal: controller.signal},
    )
    if (!response.body) throw new Error('The listener answered without a body')
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let stream = ''
    const readUntil = async (done: (text: string) => boolean) => {
      while (!done(stream)) {
        const chunk = await reader.read()
        if (chunk.done) break
        stream += chunk.value
      }
    }
    await readUntil((text) => text.includes('event: welcome'))
    const beforePublished = lake.document('a1')
    const beforeDraft = lake.document('drafts.a1')

    const published = await api('data/actions/production', {
      body: {actions: [{actionType: 'sanity.action.document.publish', draftId: 'drafts.a1', publishedId: 'a1'}]},
    })
    expect(published.status).toBe(200)
    await readUntil((text) => (text.match(/event: mutation/g) ?? []).length >= 2)
    controller.abort()

    const events = [...stream.matchAll(/event: mutation\ndata: (.*)\n/g)].map((match) => JSON.parse(match[1] ?? '{}'))
    const byId = Object.fromEntries(events.map((event) => [event.documentId, event]))
    expect(byId['a1']).toMatchObject({
      transition: 'update',
      previousRev: beforePublished?._rev,
      transactionId: published.body['transactionId'],
    })
    expect(byId['drafts.a1']).toMatchObject({transition: 'disappear', previousRev: beforeDraft?._rev})
    const {_rev, ...withoutRev} = lake.document('a1') as StoredDocument
    expect(applyPatch(beforePublished, byId['a1'].effects.apply)).toEqual(withoutRev)
    expect(applyPatch(beforeDraft, byId['drafts.a1'].effects.apply)).toBeNull()
    expect(lake.document('drafts.a1')).toBeNull()
    expect(lake.document('a1')?.['title']).toBe('Draft title')
  })
})
