/**
 * The benchmark's printed report: one table per corpus size with ratios ours/peer, our stage
 * costs, and the issue's targets checked against the medians.
 */
import type {AstroPhases} from './astro-log.ts'
import type {SearchStep} from './search-log.ts'
import type {StageTiming} from './stages.ts'

/** One cold build. */
export interface ToolRun {
  ok: boolean
  wallMs: number
  /** CPU time of the whole process tree, every core (`Measurement.cpuMs`). */
  cpuMs: number | null
  peakTreeRssBytes: number | null
  maxProcessRssBytes: number | null
  pages: number
  htmlBytes: number
  /** For Astro builds, the phase times the build printed. */
  phases?: AstroPhases
  /** For our build, the search step (run once Astro has exited), as it printed it. */
  searchStep?: SearchStep
  /**
   * The pages rendered and reused, as the build's log says: ours always, Eleventy's only when
   * incremental (it then counts the pages it skipped).
   */
  rendered?: number
  reused?: number
  /** The rebuild after one article was edited, for tools with an incremental mode. */
  warm?: ToolRun
  /**
   * For a peer, Pagefind's command run over its output once the build is done: the search index
   * such a site would publish, which ours builds within its own build.
   */
  searchIndex?: {ok: boolean; wallMs: number; cpuMs: number | null; peakTreeRssBytes: number | null}
  error?: string
}

/** Medians over a tool's successful runs; null where no run succeeded. */
export interface ToolResult {
  name: string
  label: string
  runs: ToolRun[]
  okRuns: number
  wallMs: number | null
  cpuMs: number | null
  peakTreeRssBytes: number | null
  maxProcessRssBytes: number | null
  pages: number | null
  htmlBytes: number | null
  phases?: AstroPhases
  /** Medians of the search step's time and peak memory, for our build. */
  searchStep?: {ms: number | null; afterPagesMs: number | null; peakRssBytes: number | null}
  /** Medians of the warm rebuilds (one article edited). */
  warm?: {wallMs: number | null; peakTreeRssBytes: number | null; rendered: number | null}
  /**
   * For a peer, medians with its search index (`ToolRun.searchIndex`): the build and the index
   * together, the index alone, and the higher of the two steps' peaks.
   */
  withSearchIndex?: {
    wallMs: number | null
    indexMs: number | null
    cpuMs: number | null
    peakTreeRssBytes: number | null
  }
}

/** Everything measured at one corpus size. */
export interface SizeResult {
  n: number
  corpus: {datasetBytes: number; markdownBytes: number; meanWords: number}
  tools: ToolResult[]
  stages?: {stages: StageTiming[]; peakRssBytes: number | null; error?: string}
}

/** The issue's targets. */
export const TARGETS = {
  /** Cold build of 10,000 articles against the Astro Markdown peer, at most. */
  vsAstroMarkdown: 0.25,
  /** …and against Eleventy, at most. */
  vsEleventy: 1.5,
  /** Peak RSS at 10,000 articles, at most. */
  peakRssBytes: 1.5 * 1024 ** 3,
  /** Time at 10,000 over time at 1,000, at most. */
  scaling: 11,
  /** Issue 18: a rebuild after one article is edited, at most, by corpus size. */
  warmMs: {1000: 3000, 10000: 10000} as Record<number, number>,
  /** Issue 18: cold build against a peer, at most: the Astro Markdown blog at 1,000, Eleventy at 10,000. */
  coldVsPeer: {1000: ['astro-markdown', 1.0], 10000: ['eleventy', 1.0]} as Record<number, readonly [string, number]>,
}

const num = (value: number) => value.toLocaleString('en-US')
const secs = (ms: number | null) => (ms === null ? 'failed' : `${(ms / 1000).toFixed(2)} s`)
const mb = (bytes: number | null) =>
  bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
const ratio = (ours: number | null, peer: number | null) =>
  ours === null || peer === null || peer === 0 ? 'n/a' : `${(ours / peer).toFixed(2)}×`

/** Rows as aligned columns; `align` has one `l` or `r` per column (default: first left, rest right). */
function table(rows: string[][], align = 'l'): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          (align[column] ?? 'r') === 'l' ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** The table and stage costs of each size, or (with `summaryOnly`) just the targets. */
export function formatReport(
  sizes: readonly SizeResult[],
  runs: number,
  options: {summaryOnly?: boolean; cores?: number} = {},
): string {
  const out: string[] = []
  if (!options.summaryOnly) {
    for (const size of sizes) {
      const ours = size.tools.find((tool) => tool.name === 'ours')
      out.push(
        `N = ${num(size.n)} articles (${size.corpus.meanWords} words each; ${mb(size.corpus.datasetBytes)} NDJSON, ${mb(size.corpus.markdownBytes)} Markdown) — median of ${runs} cold run(s)`,
      )
      const rows = [
        ['build', 'wall', 'CPU', 'peak RSS tree', 'max RSS 1 proc', 'pages', 'HTML', 'time ours/peer', 'RSS ours/peer'],
      ]
      for (const tool of size.tools) {
        const peer = tool.name !== 'ours' && ours
        rows.push([
          tool.label + (tool.okRuns < tool.runs.length ? ` (${tool.runs.length - tool.okRuns} failed)` : ''),
          secs(tool.wallMs),
          secs(tool.cpuMs),
          mb(tool.peakTreeRssBytes),
          mb(tool.maxProcessRssBytes),
          tool.pages === null ? 'n/a' : num(tool.pages),
          mb(tool.htmlBytes),
          peer ? ratio(ours.wallMs, tool.wallMs) : '',
          peer ? ratio(ours.peakTreeRssBytes, tool.peakTreeRssBytes) : '',
        ])
      }
      out.push(
        table(rows),
        '  CPU: user and system time of the whole process tree, every core; on this machine no build can take',
        '  less than its CPU time divided by the cores.',
        '',
      )
      const warmed = size.tools.filter((tool) => tool.warm)
      if (warmed.length > 0) {
        out.push(
          'Warm builds, one article edited (medians; the cold build of the same run just before; ours after',
          'one untimed rebuild with nothing changed, which leaves the spare every later publish starts from):',
        )
        const warmRows = [['build', 'warm', 'cold', 'warm/cold', 'peak RSS warm', 'peak RSS cold', 'pages rendered']]
        for (const tool of warmed) {
          warmRows.push([
            tool.label,
            secs(tool.warm?.wallMs ?? null),
            secs(tool.wallMs),
            ratio(tool.warm?.wallMs ?? null, tool.wallMs),
            mb(tool.warm?.peakTreeRssBytes ?? null),
            mb(tool.peakTreeRssBytes),
            tool.warm?.rendered === null || tool.warm?.rendered === undefined ? '' : num(tool.warm.rendered),
          ])
        }
        out.push(table(warmRows), '')
      }
      const phased = size.tools.filter((tool) => tool.phases && Object.keys(tool.phases).length > 0)
      if (phased.length > 0) {
        out.push('Astro phases (medians, as the builds print them):')
        const phaseRows = [['build', 'content sync', 'Vite bundles', 'pages rendered', 'other*', 'Astro total']]
        for (const tool of phased) {
          const p = tool.phases ?? {}
          const cell = (ms: number | undefined) => (ms === undefined ? 'n/a' : secs(ms))
          phaseRows.push([tool.label, cell(p.sync), cell(p.bundle), cell(p.generate), cell(p.other), cell(p.total)])
        }
        out.push(
          table(phaseRows),
          '  * setup, asset moves and integrations that run after the pages (sitemap, search index)',
          '',
        )
      }
      const indexed = size.tools.filter((tool) => tool.withSearchIndex)
      if (indexed.length > 0 && ours) {
        out.push(
          "With a search index (the peers build none; here Pagefind's command over their output afterwards,",
          'the usual way to add one, against ours, whose build includes its full-text index):',
        )
        const indexRows = [
          ['build', 'build + index', 'index alone', 'CPU', 'peak RSS tree', 'time ours/peer', 'RSS ours/peer'],
        ]
        for (const tool of indexed) {
          const withIndex = tool.withSearchIndex
          indexRows.push([
            `${tool.label} + Pagefind`,
            secs(withIndex?.wallMs ?? null),
            secs(withIndex?.indexMs ?? null),
            secs(withIndex?.cpuMs ?? null),
            mb(withIndex?.peakTreeRssBytes ?? null),
            ratio(ours.wallMs, withIndex?.wallMs ?? null),
            ratio(ours.peakTreeRssBytes, withIndex?.peakTreeRssBytes ?? null),
          ])
        }
        out.push(table(indexRows), '')
      }
      if (ours?.searchStep) {
        out.push(
          `Search step (ours, a process beside Astro): ${secs(ours.searchStep.ms)} in all, ${ours.searchStep.afterPagesMs === null ? 'n/a' : secs(ours.searchStep.afterPagesMs)} of it after Astro had exited; peak ${mb(ours.searchStep.peakRssBytes)} (indexer + Pagefind, each at its own peak)`,
          '',
        )
      }
      if (size.stages) out.push(formatStages(size, ours?.wallMs ?? null), '')
    }
    return out.join('\n')
  }
  return formatTargets(sizes, options.cores)
}

function formatStages(size: SizeResult, buildMs: number | null): string {
  const {stages, error, peakRssBytes} = size.stages ?? {stages: []}
  const lines = [
    `Our stage costs at N = ${num(size.n)} (the site's own modules, outside Astro; peak ${mb(peakRssBytes ?? null)}):`,
  ]
  if (error) lines.push(`  the stage measurement failed:\n${error.replace(/^/gm, '    ')}`)
  const rows: string[][] = []
  let sum = 0
  for (const stage of stages) {
    if (!stage.sub && stage.ms !== null) sum += stage.ms
    rows.push([
      `${stage.sub ? '    ' : '  '}${stage.name}`,
      stage.ms === null ? 'failed' : `${Math.round(stage.ms)} ms`,
      stage.error ? `error: ${stage.error}` : stage.detail,
    ])
  }
  if (buildMs !== null && stages.length > 0) {
    rows.push([
      '  rest of the build (Vite, page templates, writing pages)',
      `${Math.round(buildMs - sum)} ms`,
      `build ${secs(buildMs)} minus the ${Math.round(sum)} ms above`,
    ])
  }
  if (rows.length > 0) lines.push(table(rows, 'lrl'))
  return lines.join('\n')
}

/** Whether each target holds, for the sizes this run measured. */
export function formatTargets(sizes: readonly SizeResult[], cores?: number): string {
  const lines: string[] = []
  const tool = (size: SizeResult | undefined, name: string) => size?.tools.find((candidate) => candidate.name === name)
  const verdict = (value: number | null, limit: number) =>
    value === null ? 'not measured' : value <= limit ? 'met' : 'NOT met'
  const at = (n: number) => sizes.find((size) => size.n === n)
  const tenK = at(10000)
  if (tenK) {
    const ours = tool(tenK, 'ours')
    const astro = tool(tenK, 'astro-markdown')
    const eleventy = tool(tenK, 'eleventy')
    const vsAstro = ours?.wallMs && astro?.wallMs ? ours.wallMs / astro.wallMs : null
    const vsEleventy = ours?.wallMs && eleventy?.wallMs ? ours.wallMs / eleventy.wallMs : null
    lines.push(
      `  10,000 articles vs Astro Markdown: ${vsAstro === null ? 'n/a' : `${vsAstro.toFixed(2)}×`} (target ≤ ${TARGETS.vsAstroMarkdown}×) — ${verdict(vsAstro, TARGETS.vsAstroMarkdown)}`,
      `  10,000 articles vs Eleventy: ${vsEleventy === null ? 'n/a' : `${vsEleventy.toFixed(2)}×`} (target ≤ ${TARGETS.vsEleventy}×) — ${verdict(vsEleventy, TARGETS.vsEleventy)}`,
      `  peak RSS at 10,000 articles: ${mb(ours?.peakTreeRssBytes ?? null)} (target ≤ 1.5 GB) — ${verdict(ours?.peakTreeRssBytes ?? null, TARGETS.peakRssBytes)}`,
    )
    const floor = tool(tenK, 'astro-floor')
    if (floor?.wallMs && astro?.wallMs) {
      const floorRatio = floor.wallMs / astro.wallMs
      lines.push(
        `  Astro's floor (10,000 empty pages): ${secs(floor.wallMs)}, ${floorRatio.toFixed(2)}× the Astro Markdown blog` +
          (floorRatio > TARGETS.vsAstroMarkdown
            ? ` — above the ${TARGETS.vsAstroMarkdown}× target: no site rendered by Astro's routes can meet it`
            : ''),
      )
    }
  }
  const oneK = tool(at(1000), 'ours')
  const tenKOurs = tool(tenK, 'ours')
  if (oneK?.wallMs && tenKOurs?.wallMs) {
    const scaling = tenKOurs.wallMs / oneK.wallMs
    lines.push(
      `  scaling 1,000 → 10,000: ${scaling.toFixed(1)}× (target ≤ ${TARGETS.scaling}×) — ${verdict(scaling, TARGETS.scaling)}`,
    )
  }
  for (const size of sizes) {
    const ours = tool(size, 'ours')
    const warmLimit = TARGETS.warmMs[size.n]
    if (ours?.warm && warmLimit !== undefined) {
      const warmMs = ours.warm.wallMs
      lines.push(
        `  ${size.n.toLocaleString('en-US')} articles, one edited, rebuild: ${secs(warmMs)} (target ≤ ${secs(warmLimit)}) — ${verdict(warmMs, warmLimit)}; peak ${mb(ours.warm.peakTreeRssBytes)} against ${mb(ours.peakTreeRssBytes)} cold (target: no higher) — ${
          ours.warm.peakTreeRssBytes === null || ours.peakTreeRssBytes === null
            ? 'not measured'
            : verdict(ours.warm.peakTreeRssBytes, ours.peakTreeRssBytes)
        }`,
      )
    }
    const [peerName, limit] = TARGETS.coldVsPeer[size.n] ?? []
    const peer = peerName ? tool(size, peerName) : undefined
    if (ours?.wallMs && peer?.wallMs && limit !== undefined) {
      const ratio = ours.wallMs / peer.wallMs
      lines.push(
        `  ${size.n.toLocaleString('en-US')} articles, cold, vs ${peer.label}: ${ratio.toFixed(2)}× (target ≤ ${limit.toFixed(1)}×) — ${verdict(ratio, limit)}`,
      )
      if (cores && ours.cpuMs !== null) {
        // The bound no scheduling can beat: all of the build's CPU time, spread perfectly over every core.
        const bound = ours.cpuMs / cores / peer.wallMs
        lines.push(
          `    ours used ${secs(ours.cpuMs)} of CPU; on ${cores} cores no build doing that work takes under ${secs(ours.cpuMs / cores)}, ${bound.toFixed(2)}× ${peer.label}${
            bound > limit ? ': out of reach without doing less work' : ''
          }`,
        )
      }
    }
  }
  const fiftyK = tool(at(50000), 'ours')
  if (fiftyK) {
    lines.push(
      `  50,000 articles with the default heap: ${fiftyK.okRuns === fiftyK.runs.length ? 'built — met' : `${fiftyK.runs.length - fiftyK.okRuns} of ${fiftyK.runs.length} runs failed — NOT met`}`,
    )
  }
  if (lines.length === 0) {
    return 'Targets: stated at 10,000 articles (and 1,000 → 10,000 for scaling); this run measured neither.\n'
  }
  return `Targets:\n${lines.join('\n')}\n`
}
