/**
 * `pnpm validate [file] [--json] [--strict]`
 *
 * Validates a dataset offline (default: the bundled `site/content/dataset.ndjson`; also an export
 * `.tar.gz`). Prints a summary by type and every problem as `<_id> <path>: <message>` with its
 * file and line; exits 1 when anything is an error, 2 on wrong usage. `REVIEW_NOW` (an ISO
 * instant) sets the clock for review status, as for the site build.
 */
import {relative} from 'node:path'
import {parseArgs} from 'node:util'
import {DatasetError, readDataset, reviewTrustFromEnv} from '@repo/schemas/content'
import {reviewClock} from '@repo/schemas/review'
import {bundledDatasetFile, commandArgs, isMain} from './paths.ts'
import type {Problem, ValidationReport} from './validate-dataset.ts'

const USAGE = 'Usage: pnpm validate [dataset.ndjson | export.tar.gz] [--json] [--strict]'

/** The review clock (`REVIEW_NOW` or now); a malformed value is a usage error. */
export function reviewClockOrUsageError(value: string | undefined): Date {
  try {
    return reviewClock(value)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

class UsageError extends Error {}

function formatProblem(problem: Problem, file: string): string {
  const where = problem.line === undefined ? '' : `  (${file}:${problem.line})`
  return `${problem.level.padEnd(7)} ${problem.documentId} ${problem.path}: ${problem.message}${where}`
}

function table(report: ValidationReport): string[] {
  const header = ['type', 'published', 'unpublished', 'errors', 'warnings']
  const total = report.types.reduce(
    (sum, row) => ({
      published: sum.published + row.published,
      unpublished: sum.unpublished + row.unpublished,
      errors: sum.errors + row.errors,
      warnings: sum.warnings + row.warnings,
    }),
    {published: 0, unpublished: 0, errors: 0, warnings: 0},
  )
  const rows = [...report.types, {type: 'total', ...total}].map((row) => [
    row.type,
    String(row.published),
    String(row.unpublished),
    String(row.errors),
    String(row.warnings),
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)))
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
  return [format(header), ...rows.map(format)]
}

function progressReporter(): (done: number, total: number) => void {
  const start = performance.now()
  const tty = process.stderr.isTTY === true
  let last = 0
  return (done, total) => {
    const now = performance.now()
    // Small datasets finish before anyone waits; large ones say how far they are.
    if (now - start < 1000) return
    if (done < total && now - last < (tty ? 200 : 5000)) return
    last = now
    const text = `Validating documents: ${done}/${total}`
    if (tty) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`)
    else process.stderr.write(`${text}\n`)
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (args.values.help) {
    console.log(USAGE)
    return 0
  }
  const file = args.positionals[0] ?? bundledDatasetFile
  const shown = relative(process.cwd(), file) || file
  const json = args.values.json === true

  let now: Date
  try {
    now = reviewClockOrUsageError(process.env['REVIEW_NOW'])
  } catch (error) {
    console.error((error as Error).message)
    return 2
  }

  let dataset: Awaited<ReturnType<typeof readDataset>>
  try {
    dataset = await readDataset(file, shown)
  } catch (error) {
    const problem =
      error instanceof DatasetError
        ? {file: error.file, line: error.line, message: error.reason}
        : {file: shown, line: undefined, message: `cannot be read (${(error as Error).message})`}
    if (json) {
      console.log(
        JSON.stringify({
          file: shown,
          ok: false,
          errors: 1,
          warnings: 0,
          problems: [{level: 'error', check: 'file', ...problem}],
        }),
      )
    } else {
      console.error(
        `error   ${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`,
      )
    }
    return 1
  }

  // The schema and Sanity's validator take seconds to load: not worth it for a usage error or a broken file.
  const {validateDataset} = await import('./validate-dataset.ts')
  const report = await validateDataset(dataset.documents, {
    lines: dataset.lines,
    now,
    strict: args.values.strict === true,
    // As the build would judge the file: the demo key counts unless SANITY_PROJECT_ID is set.
    trust: reviewTrustFromEnv(process.env),
    onProgress: progressReporter(),
  })

  if (json) {
    console.log(JSON.stringify({file: shown, ok: report.errors === 0, ...report}, null, 2))
  } else {
    console.log(
      `${shown}: ${report.documents} document${report.documents === 1 ? '' : 's'}; review status as of ${report.reviewNow}\n`,
    )
    for (const line of table(report)) console.log(line)
    if (report.problems.length > 0) console.log('')
    for (const problem of report.problems) console.log(formatProblem(problem, dataset.file))
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
    console.log(`\n${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`)
  }
  return report.errors > 0 ? 1 : 0
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: commandArgs(argv),
    options: {
      json: {type: 'boolean', default: false},
      strict: {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h', default: false},
    },
    allowPositionals: true,
  })
}

if (isMain(import.meta)) {
  // `pnpm validate -- file` passes the `--` through; it separates nothing here.
  const argv = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--'))
  main(argv).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exitCode = 1
    },
  )
}
