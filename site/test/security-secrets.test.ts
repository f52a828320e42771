import {readdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {readDataset} from '@repo/schemas/content'
import {BUNDLED_DATASET_FILE, type QueryServer, startQueryServer} from '@repo/schemas/testing'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from './support/build-site.ts'

// A token nobody would write by accident: any occurrence in the output is a leak.
const MARKER_TOKEN = 'skLEAKMARKERtoken0123456789abcdefLEAKMARKER'

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

describe('building from a live project with a read token', {timeout: 180_000}, () => {
  let server: QueryServer
  let outDir: string
  let output: string

  beforeAll(async () => {
    server = await startQueryServer({documents: (await readDataset(BUNDLED_DATASET_FILE)).documents})
    ;({outDir, output} = await buildSite({
      SANITY_PROJECT_ID: 'leaktest',
      SANITY_DATASET: 'production',
      SANITY_API_READ_TOKEN: MARKER_TOKEN,
      SANITY_API_HOST: server.apiHost,
      REVIEW_NOW: '2026-12-01T00:00:00Z',
    }))
  })
  afterAll(async () => {
    await server?.close()
    if (outDir) await rm(outDir, {recursive: true, force: true})
  })

  it('reads the live project, with the token, through the published perspective only', () => {
    expect(server.requests.length).toBeGreaterThan(0)
    expect(server.requests.every((request) => request.token === MARKER_TOKEN)).toBe(true)
    expect(server.requests.every((request) => request.perspective === 'published')).toBe(true)
  })

  it('writes the token into no built file and no build log line', async () => {
    const leaks: string[] = []
    let files = 0
    for await (const file of filesUnder(outDir)) {
      files++
      if ((await readFile(file)).includes(MARKER_TOKEN)) leaks.push(file)
    }
    expect(files).toBeGreaterThan(1)
    expect(leaks).toEqual([])
    expect(output).not.toContain(MARKER_TOKEN)
  })
})
