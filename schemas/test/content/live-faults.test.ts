import {afterEach, describe, expect, it} from 'vitest'
import {createLiveSource, LiveQueryError} from '../../src/content/live-source.ts'
import {type Fault, type FaultServer, startFaultServer} from '../support/fault-server.ts'

const RESULT = [{_id: 'article-1', title: 'Published title'}]
// Small delays keep the suite quick; the behaviour is the same at production values.
const fastRetry = {baseDelayMs: 10, maxDelayMs: 50, requestTimeoutMs: 300, totalBudgetMs: 3_000, maxAttempts: 4}

let server: FaultServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function sourceWith(script: Fault[], after?: Fault) {
  server = await startFaultServer(script, RESULT, after)
  return createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost, retry: fastRetry})
}

describe('the live source when the Content Lake misbehaves', () => {
  it('waits out a rate limit and then gets the content', async () => {
    const source = await sourceWith([{kind: 'status', status: 429, headers: {'retry-after': '0'}}])
    expect(await source.fetch('*[_type == "article"]')).toEqual(RESULT)
    expect(server?.hits()).toBe(2)
  })

  it.each([500, 502, 503, 504])('retries a passing HTTP %i', async (status) => {
    const source = await sourceWith([
      {kind: 'status', status},
      {kind: 'status', status},
    ])
    expect(await source.fetch('*[_type == "article"]')).toEqual(RESULT)
    expect(server?.hits()).toBe(3)
  })

  it('retries a response that never comes', async () => {
    const source = await sourceWith([{kind: 'slow', ms: 2_000}])
    expect(await source.fetch('*[_type == "article"]')).toEqual(RESULT)
    expect(server?.hits()).toBe(2)
  })

  it('retries a dropped connection', async () => {
    const source = await sourceWith([{kind: 'drop'}])
    expect(await source.fetch('*[_type == "article"]')).toEqual(RESULT)
  })

  it('never builds from a response cut off mid-JSON', async () => {
    const source = await sourceWith([{kind: 'invalid-json'}])
    expect(await source.fetch('*[_type == "article"]')).toEqual(RESULT)
    const broken = await sourceWith([], {kind: 'invalid-json'})
    await expect(broken.fetch('*[_type == "article"]')).rejects.toThrow(/not valid JSON/)
  })

  it('gives up after its attempts with one message naming the query and the status', async () => {
    const source = await sourceWith([], {kind: 'status', status: 503})
    const error = await source.fetch('*[_type == "article"]{title}').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(LiveQueryError)
    expect(error).toMatchObject({status: 503, attempts: fastRetry.maxAttempts})
    expect(String((error as Error).message)).toMatch(/test\/production failed after 4 attempts .*HTTP 503/)
    expect(String((error as Error).message)).toContain('Query: *[_type == "article"]{title}')
    expect(server?.hits()).toBe(fastRetry.maxAttempts)
  })

  it('stops retrying when the time budget would run out, even with attempts left', async () => {
    server = await startFaultServer([], RESULT, {kind: 'status', status: 429, headers: {'retry-after': '30'}})
    const source = createLiveSource({
      projectId: 'test',
      dataset: 'production',
      apiHost: server.apiHost,
      retry: fastRetry,
    })
    await expect(source.fetch('*[0]')).rejects.toThrow(/failed after 1 attempt .*HTTP 429/)
    expect(server.hits()).toBe(1)
  })

  it('does not retry a request the server rejects as wrong', async () => {
    const source = await sourceWith([], {kind: 'status', status: 400})
    await expect(source.fetch('*[')).rejects.toThrow(/HTTP 400/)
    expect(server?.hits()).toBe(1)
  })
})

describe('the live source reading a paged query when the Content Lake misbehaves', () => {
  const pagedQuery = '*[_type == "article" && _id > $lastId] | order(_id asc) [0...2] {_id}'
  const rows = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'].map((_id) => ({_id}))
  /** Answers a page the way the Content Lake does: the two rows after `lastId`. */
  const page = (params: Record<string, unknown>) => rows.filter(({_id}) => _id > String(params['lastId'])).slice(0, 2)

  async function pagedSourceWith(script: Fault[], after?: Fault, result: unknown = page) {
    server = await startFaultServer(script, result, after)
    return createLiveSource({projectId: 'test', dataset: 'production', apiHost: server.apiHost, retry: fastRetry})
  }

  it('retries only the page that failed and still returns every page', async () => {
    const ok: Fault = {kind: 'ok'}
    const source = await pagedSourceWith([ok, {kind: 'status', status: 503}, {kind: 'drop'}])
    expect(await source.fetchAll(pagedQuery)).toEqual(rows)
    expect(server?.params().map((params) => params['lastId'])).toEqual(['', 'a-2', 'a-2', 'a-2', 'a-4'])
  })

  it('gives each page the full number of attempts', async () => {
    const failTwice: Fault[] = [
      {kind: 'status', status: 500},
      {kind: 'status', status: 500},
    ]
    // Four failures in all would exhaust the four attempts if they were counted per query, not per page.
    const source = await pagedSourceWith([...failTwice, {kind: 'ok'}, ...failTwice, {kind: 'ok'}])
    expect(await source.fetchAll(pagedQuery)).toEqual(rows)
    expect(server?.hits()).toBe(7)
  })

  it('gives up on a page with one message naming the query, the page and the status', async () => {
    const source = await pagedSourceWith([{kind: 'ok'}], {kind: 'status', status: 503})
    const error = await source.fetchAll(pagedQuery).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(LiveQueryError)
    expect(error).toMatchObject({status: 503, attempts: fastRetry.maxAttempts, lastId: 'a-2'})
    const message = String((error as Error).message)
    expect(message).toMatch(/failed after 4 attempts .*HTTP 503/)
    expect(message).toContain(`Query: ${pagedQuery}`)
    expect(message).toContain('Page: after _id "a-2"')
    expect(server?.hits()).toBe(1 + fastRetry.maxAttempts)
  })

  it('names the first page when that is the one that fails', async () => {
    const source = await pagedSourceWith([], {kind: 'status', status: 400})
    await expect(source.fetchAll(pagedQuery)).rejects.toThrow(/HTTP 400[\s\S]*Page: the first/)
  })

  it('stops with an error instead of looping when a full page does not move past the last one', async () => {
    const source = await pagedSourceWith([], undefined, rows.slice(0, 2))
    await expect(source.fetchAll(pagedQuery)).rejects.toThrow(/without an `_id` after "a-2"/)
    expect(server?.hits()).toBe(2)
  })
})
