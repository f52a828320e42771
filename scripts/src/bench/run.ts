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
 */
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {cpus, loadavg, release, tmpdir, totalmem} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {commandArgs} from '../paths.ts'
import {type AstroPhases, astroPhases, isAstroSummaryLine} from './astro-log.ts'
import {BENCH_REVIEW_NOW, type WrittenCorpus, writeCorpus} from './corpus.ts'
import {GNU_TIME, htmlStats, type Measurement, measureCommand, median} from './measure.ts'
import {writeAstroFloorPeer, writeAstroPeer, writeEleventyPeer} from './peers.ts'
import {formatReport, type SizeResult, type ToolResult, type ToolRun} from './report.ts'
import {searchIndexStep} from './search-log.ts'
import {SITE_ROOT, STAGES_SCRIPT, type StageTiming} from './stages.ts'

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SCRIPTS_ROOT = join(REPO_ROOT, 'scripts')
const ASTRO_PACKAGE = join(SITE_ROOT, 'node_modules', 'astro')
const ASTRO_BIN = join(ASTRO_PACKAGE, 'bin', 'astro.mjs')
const BUILD_SCRIPT = join(SCRIPTS_ROOT, 'src', 'build-site.ts')
const ELEVENTY_BIN = join(SCRIPTS_ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs')

/** One of the builds compared. */
interface Tool {
  name: string
  label: string
  cwd: string
  command: string
  args: string[]
  env: Record<string, string | undefined>
  outDir: string
  /** Everything a previous build left that could make the next one warm. */
  caches: string[]
  /** An Astro build, whose log holds its phase times. */
  astro: boolean
}

const USAGE = `Usage: pnpm bench [options]
  --sizes 1000,10000   corpus sizes (default 1000,10000)
  --large              also 50,000 articles
  --runs 3             cold runs per build and size; medians are reported
  --seed 20261201      corpus seed (same seed, same bytes)
  --tools ours,astro-markdown,eleventy,astro-floor
  --keep               keep the corpus and peer folders (printed at the end)
  --no-stages          skip our stage-cost measurement
  --out bench-results  where the JSON goes`

const QUIET = {DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'}

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

/** The three builds for one corpus, with their folders under `work`. */
async function prepareTools(work: string, corpus: WrittenCorpus, wanted: readonly string[]): Promise<Tool[]> {
  const tools: Tool[] = []
  if (wanted.includes('ours')) {
    tools.push({
      name: 'ours',
      label: 'ours (Astro + GROQ)',
      cwd: SITE_ROOT,
      command: process.execPath,
      // `pnpm build`, as users run it: Astro, then the search index once Astro has exited.
      args: [BUILD_SCRIPT, '--dist', join(work, 'ours-dist')],
      env: buildEnv({CONTENT_DATASET_FILE: corpus.datasetFile, REVIEW_NOW: BENCH_REVIEW_NOW}),
      outDir: join(work, 'ours-dist'),
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
    tools.push(astroPeerTool('astro-markdown', 'Astro Markdown blog', dir))
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
      args: [ELEVENTY_BIN, '--quiet'],
      env: buildEnv({}),
      outDir: join(dir, '_site'),
      caches: [join(dir, '.cache')],
      astro: false,
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
    args: [ASTRO_BIN, 'build'],
    env: buildEnv({}),
    outDir: join(dir, 'dist'),
    caches: [join(dir, 'node_modules', '.astro'), join(dir, 'node_modules', '.vite'), join(dir, '.astro')],
    astro: true,
  }
}

async function runOnce(tool: Tool): Promise<ToolRun> {
  for (const path of [tool.outDir, ...tool.caches]) await rm(path, {recursive: true, force: true})
  const measured: Measurement = await measureCommand(tool.command, tool.args, {
    cwd: tool.cwd,
    env: tool.env,
    ...(tool.astro ? {keepLine: isAstroSummaryLine} : {}),
  })
  const ok = measured.exitCode === 0
  const searchStep = ok ? searchIndexStep(measured.output) : undefined
  const stats = ok && existsSync(tool.outDir) ? await htmlStats(tool.outDir) : {pages: 0, htmlBytes: 0}
  await rm(tool.outDir, {recursive: true, force: true})
  return {
    ok,
    wallMs: measured.wallMs,
    peakTreeRssBytes: measured.peakTreeRssBytes,
    maxProcessRssBytes: measured.maxProcessRssBytes,
    pages: stats.pages,
    htmlBytes: stats.htmlBytes,
    ...(tool.astro && ok ? {phases: astroPhases(measured.output)} : {}),
    ...(searchStep ? {searchStep} : {}),
    ...(ok ? {} : {error: `exit code ${measured.exitCode}\n${measured.output.slice(-4000)}`}),
  }
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
    peakTreeRssBytes: med((run) => run.peakTreeRssBytes),
    maxProcessRssBytes: med((run) => run.maxProcessRssBytes),
    pages: med((run) => run.pages),
    htmlBytes: med((run) => run.htmlBytes),
    ...(tool.astro ? {phases: medianPhases(good)} : {}),
    ...(good.some((run) => run.searchStep)
      ? {
          searchStep: {
            ms: med((run) => run.searchStep?.ms ?? null),
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

  const workRoot = await mkdtemp(join(tmpdir(), 'bench-'))
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
      const runs = new Map<string, ToolRun[]>(tools.map((tool) => [tool.name, []]))
      // Alternating order spreads slow drifts of a noisy machine over every tool alike.
      for (let round = 1; round <= options.runs; round++) {
        for (const tool of tools) {
          const run = await runOnce(tool)
          runs.get(tool.name)?.push(run)
          console.log(
            `  run ${round}/${options.runs} ${tool.label}: ${
              run.ok
                ? `${seconds(run.wallMs)}, ${megabytes(run.peakTreeRssBytes)} tree peak, ${run.pages} pages${
                    run.searchStep
                      ? `; search step ${seconds(run.searchStep.ms)}, ${megabytes(run.searchStep.peakRssBytes)} peak`
                      : ''
                  }`
                : `FAILED after ${seconds(run.wallMs)}`
            }`,
          )
          if (!run.ok) console.log(indent(run.error ?? ''))
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
      if (!options.keep) await rm(work, {recursive: true, force: true})
    }
  } finally {
    if (!options.keep) await rm(workRoot, {recursive: true, force: true})
    else console.log(`Kept the corpus and peers in ${workRoot}`)
  }

  const loadAtEnd = loadavg()
  // Other work on the machine inflates and scatters every figure; the load says how much there was.
  console.log(`Load average at the end: ${loadAtEnd.map((value) => value.toFixed(2)).join(', ')} (1, 5, 15 min)`)
  const report = formatReport(sizes, options.runs, {summaryOnly: true})
  if (report.trim() !== '') console.log(report)
  await mkdir(options.out, {recursive: true})
  const file = join(options.out, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: info,
    loadAverage: {start: loadAtStart, end: loadAtEnd},
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
