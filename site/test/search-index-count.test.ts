import {execFile} from 'node:child_process'
import {mkdir, readdir, readFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {scratchDir} from '@repo/schemas/testing'
import {describe, expect, it} from 'vitest'
import {MAX_INDEXES} from '../src/lib/search-contract.ts'

const INDEXER = fileURLToPath(new URL('../src/integrations/search-index.ts', import.meta.url))

/** `count` article records, each with a word no other has, as the build writes them. */
function records(count: number, overrides: (n: number) => Record<string, unknown> = () => ({})): string {
  return Array.from({length: count}, (_, n) =>
    JSON.stringify({
      url: `/blog/article-${n}/`,
      title: `Article ${n}`,
      content: `Recovery notes, part ${n}.`,
      ...overrides(n),
    }),
  ).join('\n')
}

describe('the search step of pnpm build', () => {
  it(`never splits the articles over more than ${MAX_INDEXES} indexes, and indexes every one`, async () => {
    const scratch = await scratchDir()
    try {
      const outDir = join(scratch.path, 'out')
      await mkdir(join(outDir, 'search-records'), {recursive: true})
      await scratch.write('out/search-records/0.ndjson', records(200))

      // One article an index asked for: 200 indexes, capped.
      const {stdout} = await promisify(execFile)(process.execPath, [INDEXER, outDir], {
        env: {...process.env, SEARCH_ARTICLES_PER_INDEX: '1'},
      })

      expect(stdout).toContain(`200 articles and 0 other pages`)
      expect(stdout).toContain(`(${MAX_INDEXES} Pagefind indexes)`)
      const pagefind = join(outDir, 'pagefind')
      const shards = (await readdir(pagefind)).filter((entry) => /^shard-\d+$/.test(entry))
      // The main index and every shard any article hashed to, all merged by the search page.
      expect(shards.length).toBeLessThanOrEqual(MAX_INDEXES - 1)
      const merge = await readFile(join(pagefind, 'merge-shards.js'), 'utf8')
      for (const shard of shards) expect(merge).toContain(`/pagefind/${shard}/`)
      const pagesIn = async (dir: string) =>
        (
          JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as {
            languages: {en: {page_count: number}}
          }
        ).languages.en.page_count
      const counts = await Promise.all([pagefind, ...shards.map((shard) => join(pagefind, shard))].map(pagesIn))
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(200)
      // The records are never published.
      expect(await readdir(outDir)).toEqual(['pagefind'])
    } finally {
      await scratch.remove()
    }
  })

  // The command builds indexes in parallel only where there is more than one core.
  it.skipIf(availableParallelism() < 2)(
    'fails, naming the record, when one of the indexes building in parallel fails',
    async () => {
      const scratch = await scratchDir()
      try {
        const outDir = join(scratch.path, 'out')
        await mkdir(join(outDir, 'search-records'), {recursive: true})
        // Pagefind refuses a record whose text is not a string; only the process given its index sees it.
        await scratch.write(
          'out/search-records/0.ndjson',
          records(40, (n) => (n === 7 ? {content: {paragraphs: ['not a string']}} : {})),
        )

        const failure = await promisify(execFile)(process.execPath, [INDEXER, outDir], {
          env: {...process.env, SEARCH_ARTICLES_PER_INDEX: '10'},
        }).then(
          () => undefined,
          (error: {code: number; stdout: string; stderr: string}) => error,
        )

        expect(failure?.code).toBe(1)
        expect(failure?.stderr).toContain('/blog/article-7/')
        expect(failure?.stdout).not.toContain('Search index:')
        // The records are removed all the same: they are never published.
        expect(await readdir(outDir)).not.toContain('search-records')
      } finally {
        await scratch.remove()
      }
    },
  )
})
