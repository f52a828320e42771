/**
 * `pnpm bench`: builds our site and its peers, cold, on the same generated corpus, and reports
 * wall time, peak memory, pages and HTML bytes side by side, with ratios ours/peer, our stage
 * costs, and the issue's targets. Results are printed and written to `bench-results/<time>.json`.
 *
 *   pnpm bench                         N = 1,000 and 10,000, 3 runs each
 *   pnpm bench --large                 also N = 50,000
 *   pnpm bench --sizes 200,1000        other sizes
 *   pnpm bench --runs 5                more runs (the median is reported)
 *   pnpm bench --tools ours,eleventy   a subset of the builds
 *   pnpm bench --keep                  keep the corpus and the peers' folders
 *   pnpm bench --scratch /dev/shm      where the builds write (default: /dev/shm when usable)
 *   pnpm bench --no-warm               cold builds only
 *
 * Where builds write. On these machines' root filesystem (ext4 without a journal), creating files
 * is several times slower for a while after many files were deleted (`scripts/src/bench/disk.ts`
 * measures it: 10,000 files took 1.1 s before and 6.6 s just after deleting 40,000). So every
 * build writes its output (and our work folder) into a fresh folder on a tmpfs, where deleting
 * costs the next build nothing; without a usable tmpfs, outputs are kept until every timing of
 * the size is done and deleted only then. The report says which.
 *
 * Warm builds. After each cold run, one article is edited (a sentence added to its first
 * paragraph, in the dataset and in its Markdown twin) and the same build runs again on its own
 * output: ours with its work folder, Eleventy with `--incremental=<that article's file>`. The
 * Astro peers have no incremental mode of their own in use (no `cacheKey`s), so they get none.
 * Ours first rebuilds once with nothing changed, untimed: from its second build on, `pnpm build`
 * keeps a spare of the published site beside it, and every publish after that starts from there.
 */
import {existsSync, statfsSync} from 'node:fs'
import {access, constants, mkdir, mkdtemp, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {cpus, freemem, loadavg, release, tmpdir, totalmem} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {ASTRO_CLI, PAGEFIND_CLI} from '@repo/site/build'
import {commandArgs} from '../paths.ts'
import {type AstroPhases, astroPhases, isAstroSummaryLine} from './astro-log.ts'
import {articleId, BENCH_REVIEW_NOW, type WrittenCorpus, writeCorpus} from './corpus.ts'
import {GNU_TIME, htmlStats, type Measurement, measureCommand, median} from './measure.ts'
import {writeAstroFloorPeer, writeAstroPeer, writeEleventyPeer} from './peers.ts'
import {formatReport, type SizeResult, type ToolResult, type ToolRun} from './report.ts'
import {searchIndexStep} from './search-log.ts'
import {SITE_ROOT, STAGES_SCRIPT, type StageTiming} from './stages.ts'

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SCRIPTS_ROOT = join(REPO_ROOT, 'scripts')
const ASTRO_PACKAGE = join(SITE_ROOT, 'node_modules', 'astro')
const BUILD_SCRIPT = join(SCRIPTS_ROOT, 'src', 'build-site.ts')
const ELEVENTY_BIN = join(SCRIPTS_ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs')

/** One of the builds compared. */
interface Tool {
  name: string
  label: string
  cwd: string
  command: string
  /** The command's arguments to build into the run's fresh folders. */
  args: (dirs: RunDirs) => string[]
  env: Record<string, string | undefined>
  /** Where the built site is. */
  outDir: (dirs: RunDirs) => string
  /** A rebuild after one article was edited, when the tool has an incremental mode. */
  warm?: (edit: ArticleEdit) => {args: (dirs: RunDirs) => string[]; env: Record<string, string | undefined>}
  /**
   * Whether a rebuild with nothing changed, untimed, comes before the warm one: for a tool that
   * keeps more between builds than its output. Ours keeps a spare of the published site, which
   * exists from the second build on; the warm build then starts where every later publish does.
   */
  settle?: boolean
  /** Everything a previous build left that could make the next one warm. */
  caches: string[]
  /** An Astro build, whose log holds its phase times. */
  astro: boolean
  /**
   * A peer whose output also gets a search index after each cold build, timed on its own:
   * `pagefind --site <output>`, as a static site adds search. Ours builds its index itself.
   */
  searchIndex?: boolean
}

const USAGE = `Usage: pnpm bench [options]
  --sizes 1000,10000   corpus sizes (default 1000,10000)
  --large              also 50,000 articles
  --runs 3             cold runs per build and size; medians are reported
  --seed 20261201      corpus seed (same seed, same bytes)
  --tools ours,astro-markdown,eleventy,astro-floor
  --keep               keep the corpus and peer folders (printed at the end)
  --no-stages          skip our stage-cost measurement
  --out bench-results  where the JSON goes
  --scratch <folder>   where builds write (default /dev/shm when it is a writable tmpfs with room)
  --no-warm            skip the warm builds (one article edited)`

const QUIET = {DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'}

/** A run's own folder, `scratch`, on the scratch filesystem (a tmpfs when there is one). */
interface RunDirs {
  scratch: string
}

/** The environment of every build: this one, minus anything that would switch our site to a live project. */
function buildEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {...process.env, ...QUIET, ...extra}
  for (const key of ['SANITY_PROJECT_ID', 'SANITY_DATASET', 'SANITY_API_READ_TOKEN', 'SANITY_API_HOST']) delete env[key]
  return env
}

function parseOptions(argv: string[]) {
  const {values} = parseArgs({
    args: commandArgs(argv),
    options: {
      sizes: {type: 'string'},
      large: {type: 'boolean', default: false},
      runs: {type: 'string', default: '3'},
      seed: {type: 'string', default: '20261201'},
      tools: {type: 'string', default: 'ours,astro-markdown,eleventy,astro-floor'},
      keep: {type: 'boolean', default: false},
      stages: {type: 'boolean', default: true},
      out: {type: 'string', default: join(REPO_ROOT, 'bench-results')},
      scratch: {type: 'string'},
      warm: {type: 'boolean', default: true},
      help: {type: 'boolean', default: false},
    },
    allowPositionals: false,
    allowNegative: true,
  })
  const sizes = values.sizes
    ? values.sizes.split(',').map((size) => Number(size.replace(/_/g, '').trim()))
    : [1000, 10000, ...(values.large ? [50000] : [])]
  if (values.sizes && values.large) sizes.push(50000)
  const runs = Number(values.runs)
  const seed = Number(values.seed)
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`--sizes must be positive whole numbers, got "${values.sizes}"`)
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive whole number, got "${values.runs}"`)
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`)
  const tools = values.tools.split(',').map((tool) => tool.trim())
  const known = ['ours', 'astro-markdown', 'eleventy', 'astro-floor']
  const unknown = tools.filter((tool) => !known.includes(tool))
  if (unknown.length > 0) throw new Error(`Unknown --tools ${unknown.join(', ')}; choose from ${known.join(', ')}`)
  return {
    help: values.help,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs,
    seed,
    tools,
    keep: values.keep,
    stages: values.stages,
    out: values.out,
    scratch: values.scratch,
    warm: values.warm,
  }
}

async function machine() {
  const cpu = cpus()
  const versionOf = async (file: string) => (JSON.parse(await readFile(file, 'utf8')) as {version: string}).version
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    os: `${process.platform} ${release()}`,
    node: process.version,
    astro: await versionOf(join(ASTRO_PACKAGE, 'package.json')),
    eleventy: await versionOf(join(SCRIPTS_ROOT, 'node_modules', '@11ty', 'eleventy', 'package.json')),
    // Every build inherits it; the issue's memory target assumes Node's default heap.
    nodeOptions: process.env['NODE_OPTIONS'] ?? '',
    rssMethod: `sum of VmRSS over the process tree from /proc, sampled every 50 ms${
      GNU_TIME ? '; plus GNU time %M (largest single process, exact)' : ''
    }`,
  }
}

/**
 * `pnpm build` into the run's folder: the published site and the work folder (Astro's cache and
 * output, the search index) on the scratch filesystem, where the peers write theirs.
 */
function ourArgs(dirs: RunDirs): string[] {
  return [BUILD_SCRIPT, '--dist', join(dirs.scratch, 'dist'), '--work', join(dirs.scratch, 'work')]
}

/** The three builds for one corpus, with their folders under `work`. */
async function prepareTools(work: string, corpus: WrittenCorpus, wanted: readonly string[]): Promise<Tool[]> {
  const tools: Tool[] = []
  if (wanted.includes('ours')) {
    tools.push({
      name: 'ours',
      label: 'ours (Astro + GROQ)',
      cwd: SITE_ROOT,
      command: process.execPath,
      // `pnpm build`, as users run it: Astro, then the search index once Astro has exited; its
      // work folder (Astro's cache and output) in the run's folder too.
      args: ourArgs,
      env: buildEnv({CONTENT_DATASET_FILE: corpus.datasetFile, REVIEW_NOW: BENCH_REVIEW_NOW}),
      outDir: (dirs) => join(dirs.scratch, 'dist'),
      warm: (edit) => ({
        args: ourArgs,
        env: buildEnv({CONTENT_DATASET_FILE: edit.datasetFile, REVIEW_NOW: BENCH_REVIEW_NOW}),
      }),
      settle: true,
      caches: [
        join(SITE_ROOT, 'node_modules', '.astro'),
        join(SITE_ROOT, 'node_modules', '.vite'),
        join(SITE_ROOT, '.astro'),
      ],
      astro: true,
    })
  }
  if (wanted.includes('astro-markdown')) {
    const dir = join(work, 'astro-markdown')
    await writeAstroPeer(dir, {markdownDir: corpus.markdownDir, astroPackage: ASTRO_PACKAGE})
    tools.push({...astroPeerTool('astro-markdown', 'Astro Markdown blog', dir), searchIndex: true})
  }
  if (wanted.includes('astro-floor')) {
    const dir = join(work, 'astro-floor')
    await writeAstroFloorPeer(dir, {pages: corpus.articles, astroPackage: ASTRO_PACKAGE})
    tools.push(astroPeerTool('astro-floor', 'Astro, empty pages (floor)', dir))
  }
  if (wanted.includes('eleventy')) {
    const dir = join(work, 'eleventy')
    await writeEleventyPeer(dir, {markdownDir: corpus.markdownDir})
    tools.push({
      name: 'eleventy',
      label: 'Eleventy',
      cwd: dir,
      command: process.execPath,
      args: (dirs) => [ELEVENTY_BIN, '--quiet', `--output=${join(dirs.scratch, '_site')}`],
      env: buildEnv({}),
      outDir: (dirs) => join(dirs.scratch, '_site'),
      // Eleventy 3's one-off incremental build: the edited template and what depends on it.
      warm: (edit) => ({
        args: (dirs) => [
          ELEVENTY_BIN,
          '--quiet',
          `--output=${join(dirs.scratch, '_site')}`,
          `--incremental=content/blog/${edit.markdownFile}`,
        ],
        env: buildEnv({}),
      }),
      caches: [join(dir, '.cache')],
      astro: false,
      searchIndex: true,
    })
  }
  return tools
}

/** A generated Astro project in `dir`, built with `astro build` into its own `dist`. */
function astroPeerTool(name: string, label: string, dir: string): Tool {
  return {
    name,
    label,
    cwd: dir,
    command: process.execPath,
    // Astro moves assets into its output with rename(2): the output stays in the project, which
    // is on the scratch filesystem with the rest of the benchmark's work.
    args: () => [ASTRO_CLI, 'build'],
    env: buildEnv({}),
    outDir: () => join(dir, 'dist'),
    caches: [join(dir, 'node_modules', '.astro'), join(dir, 'node_modules', '.vite'), join(dir, '.astro')],
    astro: true,
  }
}

/** Where builds write, and whether their outputs can be deleted straight after each run. */
interface Scratch {
  root: string
  /** True on a tmpfs: deleting there does not slow the next build's writes. */
  deleteEachRun: boolean
  method: string
}

/** A tmpfs for the builds' outputs: `--scratch`, else /dev/shm when writable with room for `n` articles. */
async function chooseScratch(requested: string | undefined, largest: number, fallback: string): Promise<Scratch> {
  const candidate = requested ?? '/dev/shm'
  // The corpus, the peers' projects and one build's output at a time, ours with its work folder (a tmpfs deletes at once):
  // about 0.2 MB an article, measured at 1,000 with room to spare. A tmpfs lives in memory.
  const needed = largest * 0.2 * 1024 * 1024 + 512 * 1024 * 1024
  try {
    await access(candidate, constants.W_OK)
    const fs = statfsSync(candidate)
    const tmpfs = fs.type === 0x01021994
    const free = Math.min(fs.bavail * fs.bsize, freemem())
    if (requested !== undefined || (tmpfs && free >= needed)) {
      const root = await mkdtemp(join(candidate, 'bench-out-'))
      return tmpfs
        ? {root, deleteEachRun: true, method: `every build writes into a fresh folder on a tmpfs (${candidate})`}
        : {
            root,
            deleteEachRun: false,
            method: `builds write into fresh folders under ${candidate} (not a tmpfs): outputs are deleted only once every timing is done`,
          }
    }
  } catch {
    // Not usable: fall through.
  }
  const root = await mkdtemp(join(fallback, 'bench-out-'))
  return {
    root,
    deleteEachRun: false,
    method: `no usable tmpfs: builds write into fresh folders under ${fallback}, outputs deleted only once every timing is done`,
  }
}

/** The article a warm build follows the edit of, and the corpus with that edit made. */
interface ArticleEdit {
  datasetFile: string
  markdownFile: string
  apply(): Promise<void>
  undo(): Promise<void>
}

/**
 * Edits the middle article of the corpus: a sentence added to its first paragraph, in a copy of
 * the dataset (the original stays for the cold runs) and in its Markdown file (shared by the
 * peers through hard links, so edited in place and put back after the warm run).
 */
async function prepareEdit(corpus: WrittenCorpus): Promise<ArticleEdit> {
  const lines = (await readFile(corpus.datasetFile, 'utf8')).split('\n')
  const target = articleId(Math.floor(corpus.articles / 2))
  const index = lines.findIndex((line) => line.startsWith(`{"_id":"${target}"`))
  const line = lines[index]
  if (line === undefined || index < 0) throw new Error(`The corpus has no ${target}`)
  const document = JSON.parse(line) as {slug: {current: string}; body: Array<{children?: Array<{text?: string}>}>}
  const span = document.body[0]?.children?.[0]
  if (!span) throw new Error(`${target} has no first paragraph`)
  const sentence = 'This sentence was added by an editor.'
  span.text = `${span.text ?? ''} ${sentence}`
  const edited = [...lines]
  edited[index] = JSON.stringify(document)
  const datasetFile = join(corpus.datasetFile, '..', 'dataset-edited.ndjson')
  await writeFile(datasetFile, edited.join('\n'))
  const markdownFile = `${document.slug.current}.md`
  const markdownPath = join(corpus.markdownDir, markdownFile)
  const original = await readFile(markdownPath, 'utf8')
  return {
    datasetFile,
    markdownFile,
    // In place, not a new file: the peers see the corpus through hard links to these files.
    apply: () => writeFile(markdownPath, `${original.trimEnd()}\n\n${sentence}\n`),
    undo: () => writeFile(markdownPath, original),
  }
}

async function measureRun(tool: Tool, args: string[], env: Tool['env'], outDir: string): Promise<ToolRun> {
  const measured: Measurement = await measureCommand(tool.command, args, {
    cwd: tool.cwd,
    env,
    ...(tool.astro ? {keepLine: isAstroSummaryLine} : {}),
  })
  const ok = measured.exitCode === 0
  const searchStep = ok ? searchIndexStep(measured.output) : undefined
  const stats = ok && existsSync(outDir) ? await htmlStats(outDir) : {pages: 0, htmlBytes: 0}
  // Ours: "[build] Pages: 8 rendered, 1126 reused"; Eleventy: "Wrote 1 file (skipped 1000)".
  const pages =
    /\[build\] Pages: (\d+) rendered, (\d+) reused/.exec(measured.output) ??
    /\bWrote (\d+) files? \(skipped (\d+)\)/.exec(measured.output)
  return {
    ok,
    wallMs: measured.wallMs,
    cpuMs: measured.cpuMs,
    peakTreeRssBytes: measured.peakTreeRssBytes,
    maxProcessRssBytes: measured.maxProcessRssBytes,
    pages: stats.pages,
    htmlBytes: stats.htmlBytes,
    ...(tool.astro && ok ? {phases: astroPhases(measured.output)} : {}),
    ...(searchStep ? {searchStep} : {}),
    ...(pages ? {rendered: Number(pages[1]), reused: Number(pages[2])} : {}),
    ...(ok ? {} : {error: `exit code ${measured.exitCode}\n${measured.output.slice(-4000)}`}),
  }
}

/** A cold build in a fresh folder under the scratch root, then (when asked and possible) a warm one. */
async function runOnce(tool: Tool, scratch: Scratch, edit: ArticleEdit | undefined): Promise<ToolRun> {
  const dirs = {
    scratch: await mkdtemp(join(scratch.root, `${tool.name}-`)),
  }
  const outDir = tool.outDir(dirs)
  // Off a tmpfs, the last run's output is moved aside, not deleted, until every timing is done.
  if (!scratch.deleteEachRun && existsSync(outDir)) await rename(outDir, join(dirs.scratch, 'previous-output'))
  for (const path of [outDir, ...tool.caches]) await rm(path, {recursive: true, force: true})
  const cold = await measureRun(tool, tool.args(dirs), tool.env, outDir)
  if (cold.ok && tool.searchIndex) {
    const indexed = await measureCommand(process.execPath, [PAGEFIND_CLI, '--site', outDir], {
      cwd: tool.cwd,
      env: tool.env,
    })
    cold.searchIndex = {
      ok: indexed.exitCode === 0,
      wallMs: indexed.wallMs,
      cpuMs: indexed.cpuMs,
      peakTreeRssBytes: indexed.peakTreeRssBytes,
    }
    if (indexed.exitCode !== 0) cold.error = `pagefind exit code ${indexed.exitCode}\n${indexed.output.slice(-4000)}`
  }
  if (cold.ok && edit && tool.warm) {
    const warm = tool.warm(edit)
    if (tool.settle) {
      const settled = await measureRun(tool, tool.args(dirs), tool.env, outDir)
      if (!settled.ok) return {...cold, warm: settled}
    }
    await edit.apply()
    try {
      cold.warm = await measureRun(tool, warm.args(dirs), warm.env, outDir)
    } finally {
      await edit.undo()
    }
  }
  if (scratch.deleteEachRun) {
    await rm(dirs.scratch, {recursive: true, force: true})
    await rm(outDir, {recursive: true, force: true})
  }
  return cold
}

function summarise(tool: Tool, runs: ToolRun[]): ToolResult {
  const good = runs.filter((run) => run.ok)
  const med = (pick: (run: ToolRun) => number | null) => {
    const values = good.map(pick).filter((value): value is number => value !== null)
    return values.length > 0 ? median(values) : null
  }
  return {
    name: tool.name,
    label: tool.label,
    runs,
    okRuns: good.length,
    wallMs: med((run) => run.wallMs),
    cpuMs: med((run) => run.cpuMs),
    peakTreeRssBytes: med((run) => run.peakTreeRssBytes),
    maxProcessRssBytes: med((run) => run.maxProcessRssBytes),
    pages: med((run) => run.pages),
    htmlBytes: med((run) => run.htmlBytes),
    ...(tool.astro ? {phases: medianPhases(good)} : {}),
    ...(good.some((run) => run.warm?.ok)
      ? {
          warm: {
            wallMs: med((run) => (run.warm?.ok ? run.warm.wallMs : null)),
            peakTreeRssBytes: med((run) => (run.warm?.ok ? run.warm.peakTreeRssBytes : null)),
            rendered: med((run) => (run.warm?.ok ? (run.warm.rendered ?? null) : null)),
          },
        }
      : {}),
    ...(good.some((run) => run.searchIndex?.ok)
      ? {
          withSearchIndex: {
            wallMs: med((run) => (run.searchIndex?.ok ? run.wallMs + run.searchIndex.wallMs : null)),
            indexMs: med((run) => (run.searchIndex?.ok ? run.searchIndex.wallMs : null)),
            cpuMs: med((run) =>
              run.searchIndex?.ok && run.cpuMs !== null && run.searchIndex.cpuMs !== null
                ? run.cpuMs + run.searchIndex.cpuMs
                : null,
            ),
            peakTreeRssBytes: med((run) =>
              run.searchIndex?.ok && run.peakTreeRssBytes !== null && run.searchIndex.peakTreeRssBytes !== null
                ? Math.max(run.peakTreeRssBytes, run.searchIndex.peakTreeRssBytes)
                : null,
            ),
          },
        }
      : {}),
    ...(good.some((run) => run.searchStep)
      ? {
          searchStep: {
            ms: med((run) => run.searchStep?.ms ?? null),
            afterPagesMs: med((run) => run.searchStep?.afterPagesMs ?? null),
            peakRssBytes: med((run) => run.searchStep?.peakRssBytes ?? null),
          },
        }
      : {}),
  }
}

function medianPhases(runs: readonly ToolRun[]): AstroPhases {
  const phases: AstroPhases = {}
  for (const key of ['sync', 'bundle', 'generate', 'total', 'other'] as const) {
    const values = runs.map((run) => run.phases?.[key]).filter((value): value is number => value !== undefined)
    if (values.length > 0) phases[key] = median(values)
  }
  return phases
}

async function measureStagesInChild(
  datasetFile: string,
): Promise<{stages: StageTiming[]; peakRssBytes: number | null; error?: string}> {
  const measured = await measureCommand(process.execPath, [STAGES_SCRIPT, datasetFile, BENCH_REVIEW_NOW], {
    cwd: SCRIPTS_ROOT,
    env: buildEnv({NODE_ENV: 'production'}),
    gnuTime: null,
  })
  const line = measured.output
    .split('\n')
    .reverse()
    .find((text) => text.startsWith('['))
  if (measured.exitCode !== 0 || !line) {
    return {stages: [], peakRssBytes: measured.peakTreeRssBytes, error: measured.output.slice(-2000)}
  }
  return {stages: JSON.parse(line) as StageTiming[], peakRssBytes: measured.peakTreeRssBytes}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const megabytes = (bytes: number | null) =>
  bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`

async function main() {
  const options = parseOptions(process.argv.slice(2))
  if (options.help) {
    console.log(USAGE)
    return
  }
  const startedAt = new Date()
  const info = await machine()
  console.log(
    `Benchmark: sizes ${options.sizes.join(', ')}, ${options.runs} cold run(s) each, tools ${options.tools.join(', ')}`,
  )
  console.log(
    `Machine: ${info.cpu}, ${info.cores} cores, ${megabytes(info.memoryBytes)}; ${info.os}; Node ${info.node}`,
  )
  console.log(`Peak RSS: ${info.rssMethod}`)
  const loadAtStart = loadavg()
  console.log(`Load average at start: ${loadAtStart.map((value) => value.toFixed(2)).join(', ')} (1, 5, 15 min)`)
  if (info.nodeOptions) console.log(`NODE_OPTIONS="${info.nodeOptions}" applies to every build`)
  console.log('')

  const scratch = await chooseScratch(options.scratch, Math.max(...options.sizes), tmpdir())
  // The corpus and the peers' projects live on the scratch filesystem too, outputs included.
  const workRoot = await mkdtemp(join(scratch.root, 'work-'))
  console.log(`Where builds write: ${scratch.method}, our work folder (Astro's cache and output) included`)
  const sizes: SizeResult[] = []
  try {
    for (const n of options.sizes) {
      const work = join(workRoot, String(n))
      await mkdir(work, {recursive: true})
      const corpusStart = performance.now()
      const corpus = await writeCorpus(join(work, 'corpus'), {articles: n, seed: options.seed})
      console.log(
        `N=${n}: corpus written in ${seconds(performance.now() - corpusStart)} (${megabytes(corpus.datasetBytes)} NDJSON, ${megabytes(corpus.markdownBytes)} Markdown, ${corpus.meanWords} words per article)`,
      )
      const tools = await prepareTools(work, corpus, options.tools)
      const edit = options.warm ? await prepareEdit(corpus) : undefined
      const runs = new Map<string, ToolRun[]>(tools.map((tool) => [tool.name, []]))
      // Alternating order spreads slow drifts of a noisy machine over every tool alike.
      for (let round = 1; round <= options.runs; round++) {
        for (const tool of tools) {
          const run = await runOnce(tool, scratch, edit)
          runs.get(tool.name)?.push(run)
          console.log(
            `  run ${round}/${options.runs} ${tool.label}: ${
              run.ok
                ? `${seconds(run.wallMs)} (CPU ${run.cpuMs === null ? 'n/a' : seconds(run.cpuMs)}), ${megabytes(run.peakTreeRssBytes)} tree peak, ${run.pages} pages${
                    run.searchStep
                      ? `; search step ${seconds(run.searchStep.ms)} (${run.searchStep.afterPagesMs === null ? 'n/a' : seconds(run.searchStep.afterPagesMs)} after Astro), ${megabytes(run.searchStep.peakRssBytes)} peak`
                      : ''
                  }${
                    run.searchIndex
                      ? `; Pagefind over its output ${run.searchIndex.ok ? `${seconds(run.searchIndex.wallMs)}, ${megabytes(run.searchIndex.peakTreeRssBytes)} peak` : 'FAILED'}`
                      : ''
                  }`
                : `FAILED after ${seconds(run.wallMs)}`
            }${
              run.warm
                ? run.warm.ok
                  ? `; warm (one article edited) ${seconds(run.warm.wallMs)}, ${megabytes(run.warm.peakTreeRssBytes)} tree peak${
                      run.warm.rendered === undefined
                        ? ''
                        : `, ${run.warm.rendered} page${run.warm.rendered === 1 ? '' : 's'} rendered, ${run.warm.reused} reused`
                    }`
                  : `; warm FAILED after ${seconds(run.warm.wallMs)}`
                : ''
            }`,
          )
          if (run.warm && !run.warm.ok) console.log(indent(run.warm.error ?? ''))
          if (!run.ok || (run.searchIndex && !run.searchIndex.ok)) console.log(indent(run.error ?? ''))
        }
      }
      let stages: SizeResult['stages']
      if (options.stages && options.tools.includes('ours')) {
        console.log('  measuring our stage costs…')
        stages = await measureStagesInChild(corpus.datasetFile)
      }
      const result: SizeResult = {
        n,
        corpus: {
          datasetBytes: corpus.datasetBytes,
          markdownBytes: corpus.markdownBytes,
          meanWords: corpus.meanWords,
        },
        tools: tools.map((tool) => summarise(tool, runs.get(tool.name) ?? [])),
        ...(stages ? {stages} : {}),
      }
      sizes.push(result)
      console.log(`\n${formatReport([result], options.runs).trimEnd()}\n`)
      if (!options.keep && scratch.deleteEachRun) await rm(work, {recursive: true, force: true})
    }
  } finally {
    if (!options.keep) await rm(scratch.root, {recursive: true, force: true})
    else console.log(`Kept the corpus and peers in ${workRoot}`)
  }

  const loadAtEnd = loadavg()
  // Other work on the machine inflates and scatters every figure; the load says how much there was.
  console.log(`Load average at the end: ${loadAtEnd.map((value) => value.toFixed(2)).join(', ')} (1, 5, 15 min)`)
  const report = formatReport(sizes, options.runs, {summaryOnly: true, cores: info.cores})
  if (report.trim() !== '') console.log(report)
  await mkdir(options.out, {recursive: true})
  const file = join(options.out, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: info,
    loadAverage: {start: loadAtStart, end: loadAtEnd},
    outputs: scratch.method,
    options: {
      sizes: options.sizes,
      runs: options.runs,
      seed: options.seed,
      tools: options.tools,
      reviewNow: BENCH_REVIEW_NOW,
    },
    sizes,
  }
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`)
  console.log(`Results: ${file}`)
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')
}

await main()
