/**
 * `pnpm run import -- --project <id> --dataset <name> [--replace | --missing] [--file <dataset>] [--dry-run]`
 *
 * Imports the bundled dataset (or `--file`) into a real Sanity project with the Studio's own
 * `sanity dataset import`, after `pnpm validate`'s checks pass. Without `--replace` the import
 * creates documents and fails on any ID the target dataset already holds, changing nothing that
 * is there; `--replace` overwrites documents with the same IDs; `--missing` adds only the missing
 * ones. Authentication is the Sanity CLI's: `sanity login`, or a token in `SANITY_IMPORT_TOKEN`.
 * (`pnpm import` alone is pnpm's own lockfile command, hence `pnpm run import`.)
 */
import {spawn} from 'node:child_process'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {bundledDatasetFile, commandArgs, runCommand, studioRoot} from './paths.ts'

export const USAGE =
  'Usage: pnpm run import -- --project <id> --dataset <name> [--replace | --missing] [--file <dataset.ndjson>] [--dry-run]'

/** Sanity's rules for names, checked here so a typo fails before anything is sent. */
const PROJECT_ID = /^[a-z0-9][-a-z0-9]*$/
const DATASET_NAME = /^[a-z0-9][-a-z0-9_]{0,63}$/

/** What to do with documents whose IDs the target dataset already has. */
export type ExistingDocuments = 'fail' | 'replace' | 'skip'

export interface ImportOptions {
  project: string
  dataset: string
  file: string
  existing: ExistingDocuments
  dryRun: boolean
}

/** Wrong arguments: the message says which, and the CLI exits 2 with the usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Reads the command line (without `node` and the script), `pnpm run`'s leading `--` allowed. */
export function parseImportArgs(argv: readonly string[], cwd: string = process.cwd()): ImportOptions {
  let values: {
    project?: string
    dataset?: string
    file?: string
    replace?: boolean
    missing?: boolean
    'dry-run'?: boolean
  }
  try {
    ;({values} = parseArgs({
      args: commandArgs(argv),
      options: {
        project: {type: 'string', short: 'p'},
        dataset: {type: 'string', short: 'd'},
        file: {type: 'string'},
        replace: {type: 'boolean'},
        missing: {type: 'boolean'},
        'dry-run': {type: 'boolean'},
      },
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const {project, dataset} = values
  if (!project) throw new UsageError('Name the Sanity project: --project <id> (see https://www.sanity.io/manage).')
  if (!dataset) throw new UsageError('Name the target dataset: --dataset <name>, e.g. --dataset production.')
  if (!PROJECT_ID.test(project)) {
    throw new UsageError(`“${project}” is not a Sanity project ID (lower-case letters, digits and dashes).`)
  }
  if (!DATASET_NAME.test(dataset)) {
    throw new UsageError(
      `“${dataset}” is not a valid dataset name: lower-case letters, digits, “_” and “-”, starting with a letter or digit, at most 64 characters.`,
    )
  }
  if (values.replace && values.missing) {
    throw new UsageError('Choose one of --replace (overwrite existing documents) and --missing (keep them).')
  }
  return {
    project,
    dataset,
    file: values.file ? resolve(cwd, values.file) : bundledDatasetFile,
    existing: values.replace ? 'replace' : values.missing ? 'skip' : 'fail',
    dryRun: values['dry-run'] === true,
  }
}

/** The `sanity` invocation that performs the import, run from the Studio folder. */
export function importCommand(options: ImportOptions): {command: string; args: string[]; cwd: string} {
  const flag = {fail: [], replace: ['--replace'], skip: ['--missing']}[options.existing]
  return {
    command: join(studioRoot, 'node_modules', '.bin', 'sanity'),
    // Neither flag: the CLI creates each document and stops at the first ID that already exists.
    args: ['dataset', 'import', options.file, '--dataset', options.dataset, '--project-id', options.project, ...flag],
    cwd: studioRoot,
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: ImportOptions
  try {
    options = parseImportArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message}\n${USAGE}`)
    return 2
  }
  const shown = relative(process.cwd(), options.file) || options.file

  // Only a dataset that passes `pnpm validate` goes to a real project.
  const {reviewClockOrUsageError} = await import('./validate.ts')
  const {validateDataset} = await import('./validate-dataset.ts')
  const {readDataset} = await import('@repo/schemas/content')
  const {reviewTrust} = await import('@repo/schemas/review')
  let documents: Awaited<ReturnType<typeof readDataset>>
  try {
    documents = await readDataset(options.file, shown)
  } catch (error) {
    console.error(`Not imported: ${(error as Error).message}`)
    return 1
  }
  const report = await validateDataset(documents.documents, {
    lines: documents.lines,
    now: reviewClockOrUsageError(process.env['REVIEW_NOW']),
    // Bound for a real project: judged as a live build will judge it, demo attestations refused.
    trust: reviewTrust({live: true, extraKeys: process.env['REVIEW_TRUSTED_KEYS']}),
  })
  if (report.errors > 0) {
    console.error(`Not imported: ${shown} has ${report.errors} error(s). Run \`pnpm validate ${shown}\` for the list:`)
    for (const problem of report.problems.filter((found) => found.level === 'error').slice(0, 10)) {
      console.error(`  ${problem.documentId} ${problem.path}: ${problem.message}`)
    }
    return 1
  }

  const {command, args, cwd} = importCommand(options)
  const target = `dataset “${options.dataset}” of project ${options.project}`
  const behaviour = {
    fail: 'fails if any of these IDs already exists there',
    replace: 'replaces documents with the same IDs',
    skip: 'skips IDs that already exist',
  }[options.existing]
  console.log(`Importing ${report.documents} documents from ${shown} into ${target} (${behaviour}).`)
  if (options.dryRun) {
    console.log(`Dry run; would run in ${relative(process.cwd(), cwd) || '.'}: sanity ${args.join(' ')}`)
    return 0
  }
  const code = await new Promise<number>((done) => {
    const child = spawn(command, args, {
      cwd,
      stdio: 'inherit',
      env: {
        ...process.env,
        DO_NOT_TRACK: '1',
        NO_UPDATE_NOTIFIER: '1',
        SANITY_STUDIO_PROJECT_ID: options.project,
        SANITY_STUDIO_DATASET: options.dataset,
      },
    })
    child.on('error', (error) => {
      console.error(`Could not run the Sanity CLI (${command}): ${error.message}. Run \`pnpm install\` first.`)
      done(1)
    })
    child.on('exit', (status) => done(status ?? 1))
  })
  if (code !== 0 && options.existing === 'fail') {
    console.error(
      `The import stopped. If ${target} already holds some of these documents, nothing of theirs was changed:\n` +
        'rerun with --replace to overwrite them with the bundled versions, or --missing to add only the others.',
    )
  }
  return code
}

runCommand(import.meta, main)
