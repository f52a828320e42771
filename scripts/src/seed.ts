/**
 * `pnpm seed [--source <seed.txt>] [--out <dataset.ndjson>] [--check]`
 *
 * Regenerates the bundled dataset from the seed article. The output depends only on the seed
 * text and this code: same input, same bytes. `--check` writes nothing and exits 1 when the file
 * on disk differs from what the seed produces (for CI).
 */
import {readFile, writeFile} from 'node:fs/promises'
import {relative} from 'node:path'
import {parseArgs} from 'node:util'
import {bundledDatasetFile, commandArgs, isMain, repoRoot, seedArticleFile} from './paths.ts'
import {buildSeedDataset, toNdjson} from './seed-dataset.ts'
import {parseSeedArticle} from './seed-parse.ts'

/** The NDJSON text of the bundled dataset, generated from the seed article at `source`. */
export async function generateDataset(source: string = seedArticleFile): Promise<string> {
  return toNdjson(await buildSeedDataset(parseSeedArticle(await readFile(source, 'utf8'))))
}

async function main(): Promise<number> {
  const {values} = parseArgs({
    args: commandArgs(),
    options: {
      source: {type: 'string', default: seedArticleFile},
      out: {type: 'string', default: bundledDatasetFile},
      check: {type: 'boolean', default: false},
    },
    allowPositionals: false,
  })
  const text = await generateDataset(values.source)
  const out = values.out
  const shown = relative(process.cwd(), out) || out
  const count = text.split('\n').length - 1
  if (values.check) {
    const current = await readFile(out, 'utf8').catch(() => '')
    if (current === text) {
      console.log(`${shown} is up to date (${count} documents).`)
      return 0
    }
    console.error(`${shown} differs from what the seed produces: run \`pnpm seed\` and commit the result.`)
    return 1
  }
  await writeFile(out, text)
  console.log(`Wrote ${count} documents to ${shown} from ${relative(repoRoot, values.source)}.`)
  return 0
}

if (isMain(import.meta)) {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
