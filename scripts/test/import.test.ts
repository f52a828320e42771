import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type ImportOptions, importCommand, parseImportArgs, UsageError} from '../src/import.ts'
import {bundledDatasetFile, repoRoot, studioRoot} from '../src/paths.ts'

// No test here reaches Sanity: the CLI is only run with --dry-run or on paths that refuse first.

const options = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
  project: 'abc123',
  dataset: 'production',
  file: bundledDatasetFile,
  existing: 'fail',
  dryRun: false,
  ...overrides,
})

function runImport(args: readonly string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'scripts', 'src', 'import.ts'), ...args],
      {cwd: repoRoot, env: {...process.env, REVIEW_NOW: '2026-12-01T00:00:00Z'}},
      (error, stdout, stderr) => {
        resolve({code: error ? Number(error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr)})
      },
    )
  })
}

describe('pnpm run import: arguments', () => {
  it('reads the project and dataset after pnpm’s `--`, defaulting to the bundled dataset and to failing on existing IDs', () => {
    expect(parseImportArgs(['--', '--project', 'abc123', '--dataset', 'staging'])).toEqual(
      options({dataset: 'staging'}),
    )
  })

  it('takes --replace, --missing, --file (relative to the working folder) and --dry-run', () => {
    expect(parseImportArgs(['-p', 'abc123', '-d', 'production', '--replace']).existing).toBe('replace')
    expect(parseImportArgs(['-p', 'abc123', '-d', 'production', '--missing']).existing).toBe('skip')
    const parsed = parseImportArgs(['-p', 'abc123', '-d', 'production', '--file', 'x.ndjson', '--dry-run'], '/tmp/here')
    expect(parsed).toMatchObject({file: '/tmp/here/x.ndjson', dryRun: true})
  })

  it.each([
    [[], /--project <id>/],
    [['--project', 'abc123'], /--dataset <name>/],
    [['--project', 'ABC 123', '--dataset', 'production'], /not a Sanity project ID/],
    [['--project', 'abc123', '--dataset', 'Production!'], /not a valid dataset name/],
    [['--project', 'abc123', '--dataset', 'production', '--replace', '--missing'], /one of --replace .* and --missing/],
    [['--project', 'abc123', '--dataset', 'production', '--token', 'secret'], /Unknown option '--token'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseImportArgs(argv)).toThrow(UsageError)
    expect(() => parseImportArgs(argv)).toThrow(message)
  })
})

describe('pnpm run import: the Sanity CLI call', () => {
  it('runs the Studio’s sanity CLI from the Studio folder', () => {
    const {command, cwd} = importCommand(options())
    expect(cwd).toBe(studioRoot)
    expect(command).toBe(join(studioRoot, 'node_modules', '.bin', 'sanity'))
    expect(existsSync(command)).toBe(true)
  })

  it('passes neither --replace nor --missing by default, so existing documents make the import fail', () => {
    expect(importCommand(options()).args).toEqual([
      'dataset',
      'import',
      bundledDatasetFile,
      '--dataset',
      'production',
      '--project-id',
      'abc123',
    ])
  })

  it('passes --replace or --missing only when asked', () => {
    expect(importCommand(options({existing: 'replace'})).args.slice(-1)).toEqual(['--replace'])
    expect(importCommand(options({existing: 'skip'})).args.slice(-1)).toEqual(['--missing'])
  })
})

describe('pnpm run import: the command line', () => {
  it('exits 2 with the usage line when the project is missing', async () => {
    const run = await runImport(['--dataset', 'production'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Usage: pnpm run import')
  }, 60_000)

  it('refuses a dataset that fails validation, before calling Sanity', async () => {
    const broken = join(repoRoot, 'scripts', 'test', 'fixtures', 'validate', 'missing-reference.ndjson')
    const run = await runImport(['--project', 'abc123', '--dataset', 'production', '--file', broken])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('Not imported')
    expect(run.stderr).toContain('therapy-cbt programLevels[_key=="lvl2"]')
    expect(run.stdout).not.toContain('Importing')
  }, 60_000)

  it('validates the bundled dataset and shows the exact import it would run with --dry-run', async () => {
    const run = await runImport(['--', '--project', 'abc123', '--dataset', 'staging', '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Importing 18 documents')
    expect(run.stdout).toContain('fails if any of these IDs already exists there')
    expect(run.stdout).toMatch(/sanity dataset import \S+dataset\.ndjson --dataset staging --project-id abc123\n/)
  }, 60_000)
})
