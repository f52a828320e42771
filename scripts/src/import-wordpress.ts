/**
 * `pnpm run import:wordpress -- <export.xml> --out <dataset.ndjson> [--uploads <folder>] [--pages] [--base <dataset.ndjson>] [--report <file>]`
 *
 * Converts a WordPress export (Tools → Export) into a dataset in the format `sanity dataset
 * export` writes: posts as articles awaiting clinical review, authors, images, and a redirect
 * from every old permalink that moved. Prints what became of every item of the export. Exits 1
 * on a malformed or foreign file (writing nothing), 2 on wrong usage.
 */
import {relative} from 'node:path'
import {parseArgs} from 'node:util'
import {runCommand} from './paths.ts'
import {formatReport} from './wordpress/report.ts'
import {NotWordPressError} from './wordpress/wxr.ts'

export const USAGE =
  'Usage: pnpm run import:wordpress -- <export.xml> --out <dataset.ndjson> [--uploads <wp-content/uploads copy>] [--pages] [--base <dataset.ndjson>] [--report <report.json>]'

async function main(argv: readonly string[]): Promise<number> {
  let values: {out?: string; uploads?: string; pages?: boolean; base?: string; report?: string; help?: boolean}
  let positionals: string[]
  try {
    ;({values, positionals} = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        out: {type: 'string', short: 'o'},
        uploads: {type: 'string'},
        pages: {type: 'boolean'},
        base: {type: 'string'},
        report: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
      allowPositionals: true,
    }))
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const file = positionals[0]
  if (!file || positionals.length > 1 || !values.out) {
    console.error(
      `${!file ? 'Name the WordPress export file.' : positionals.length > 1 ? `One export at a time (got ${positionals.length}).` : 'Say where to write the dataset with --out.'}\n${USAGE}`,
    )
    return 2
  }
  const shown = relative(process.cwd(), file) || file
  // The schema and the HTML parser take seconds to load: not worth it for a usage error.
  const {importWordPress, writeReport} = await import('./wordpress/import.ts')
  try {
    const report = await importWordPress({
      file,
      out: values.out,
      uploads: values.uploads,
      pages: values.pages,
      base: values.base,
      shownFile: shown,
    })
    for (const line of formatReport(report)) console.log(line)
    if (values.report) {
      await writeReport(report, values.report)
      console.log(`Report: ${values.report}`)
    }
    return 0
  } catch (error) {
    if (error instanceof NotWordPressError) console.error(`error   ${error.message} Nothing was written.`)
    else console.error(`error   ${(error as Error).message}\nNothing was written.`)
    return 1
  }
}

runCommand(import.meta, main)
