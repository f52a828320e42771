import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {scratchDir} from '@repo/schemas/testing'
import {describe, expect, it} from 'vitest'
import {recordsFiles} from '../src/integrations/search-index.ts'

describe('the search records files the indexer reads', () => {
  it('are read in the articles order, 10.ndjson after 9.ndjson, and nothing else in the folder', async () => {
    const scratch = await scratchDir()
    try {
      const dir = join(scratch.path, 'search-records')
      await mkdir(dir)
      for (const name of ['10.ndjson', '2.ndjson', '0.ndjson', '9.ndjson', '1.ndjson', 'notes.txt', '3.ndjson.tmp']) {
        await writeFile(join(dir, name), '')
      }
      expect((await recordsFiles(dir)).map((file) => file.slice(dir.length + 1))).toEqual([
        '0.ndjson',
        '1.ndjson',
        '2.ndjson',
        '9.ndjson',
        '10.ndjson',
      ])
    } finally {
      await scratch.remove()
    }
  })

  it('are none when the build wrote no articles', async () => {
    const scratch = await scratchDir()
    try {
      expect(await recordsFiles(join(scratch.path, 'search-records'))).toEqual([])
    } finally {
      await scratch.remove()
    }
  })
})
