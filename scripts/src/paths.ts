import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root, wherever it is cloned. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The dataset the site builds from by default; `pnpm seed` writes it. */
export const bundledDatasetFile = join(repoRoot, 'site', 'content', 'dataset.ndjson')

/** The seed article, copied into the repository so a clone is self-contained. */
export const seedArticleFile = join(repoRoot, 'scripts', 'seed', 'iop-benefits-article.txt')

/** The original the copy came from: `shared/` beside the repository, when it is there. */
export const sharedSeedArticleFile = join(repoRoot, '..', 'shared', 'seed', 'iop-benefits-article.txt')

/** The Studio, whose `sanity` CLI imports datasets. */
export const studioRoot = join(repoRoot, 'studio')

/**
 * True when the module was run as the program (`node scripts/src/x.ts`), not imported. Node 24
 * says so in `import.meta.main`; older Nodes lack it, and would otherwise run nothing.
 */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1]
  return (meta.main as boolean | undefined) ?? (entry !== undefined && resolve(entry) === fileURLToPath(meta.url))
}

/**
 * The command's arguments as typed after the script's name. pnpm passes on the `--` of
 * `pnpm build -- --dist x`; a leading one is dropped so both spellings work.
 */
export function commandArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv]
}

/**
 * Runs a command's `main` when the module is the program: its resolved value is the exit code; a
 * crash prints its stack and exits 1.
 */
export function runCommand(meta: ImportMeta, main: (argv: string[]) => Promise<number>): void {
  if (!isMain(meta)) return
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exitCode = 1
    },
  )
}
