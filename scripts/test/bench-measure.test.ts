import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {astroPhases, isAstroSummaryLine} from '../src/bench/astro-log.ts'
import {htmlStats, measureCommand, median} from '../src/bench/measure.ts'
import {formatTargets, type SizeResult, type ToolResult} from '../src/bench/report.ts'

const scratchDirs: string[] = []
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, {recursive: true, force: true}))))

const MB = 1024 * 1024

// A child that starts a grandchild holding `mb` megabytes, touched so they are resident, for a second.
const grandchildHolding = (mb: number) => `
const {spawn} = require('node:child_process')
const grandchild = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(${mb} * 1024 * 1024, 1); setTimeout(() => b.length, 1000)'], {stdio: 'inherit'})
grandchild.on('close', (code) => process.exit(code))
`

describe('measuring a build', () => {
  it('counts the memory of every process below the command, not only the command itself', async () => {
    const measured = await measureCommand(process.execPath, ['-e', grandchildHolding(256)], {
      cwd: tmpdir(),
      env: process.env,
      gnuTime: null,
    })
    expect(measured.exitCode).toBe(0)
    expect(measured.samples).toBeGreaterThan(0)
    expect(measured.peakTreeRssBytes).toBeGreaterThanOrEqual(256 * MB)
  })

  it('counts the CPU time of every process below the command, and not the time they spent waiting', async () => {
    // The grandchild spins for 600 ms of CPU, then both wait a second.
    const spinning = `for (let n = 1; n % 1e5 !== 0 || process.cpuUsage().user < 600e3; n++); setTimeout(() => {}, 1000)`
    const measured = await measureCommand(
      process.execPath,
      [
        '-e',
        `const {spawn} = require('node:child_process')
         spawn(process.execPath, ['-e', ${JSON.stringify(spinning)}], {stdio: 'inherit'}).on('close', (code) => process.exit(code))`,
      ],
      {cwd: tmpdir(), env: process.env, gnuTime: null},
    )
    expect(measured.exitCode).toBe(0)
    expect(measured.wallMs).toBeGreaterThanOrEqual(1600)
    expect(measured.cpuMs).toBeGreaterThanOrEqual(600)
    expect(measured.cpuMs).toBeLessThan(measured.wallMs - 500)
  })

  it('reports a failing command’s exit code and what it printed', async () => {
    const measured = await measureCommand(
      process.execPath,
      ['-e', 'console.error("the dataset is broken"); process.exit(3)'],
      {cwd: tmpdir(), env: process.env, gnuTime: null},
    )
    expect(measured.exitCode).toBe(3)
    expect(measured.output).toContain('the dataset is broken')
  })

  it('counts HTML files and their bytes, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-html-'))
    scratchDirs.push(dir)
    await mkdir(join(dir, 'blog', 'a'), {recursive: true})
    await writeFile(join(dir, 'index.html'), '<p>home</p>')
    await writeFile(join(dir, 'blog', 'a', 'index.html'), '<p>a</p>')
    await writeFile(join(dir, 'sitemap.xml'), '<urlset/>')
    await writeFile(join(dir, 'style.css'), 'p{}')
    expect(await htmlStats(dir)).toEqual({pages: 2, htmlBytes: '<p>home</p>'.length + '<p>a</p>'.length})
  })

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow(/no values/)
  })

  it('keeps only the lines a filter accepts, so a build listing every page does not crowd out its summary', async () => {
    const measured = await measureCommand(
      process.execPath,
      ['-e', 'for (let i = 0; i < 3; i++) console.log("  ├─ /blog/" + i + "/index.html (+1ms)"); console.log("done")'],
      {cwd: tmpdir(), env: process.env, gnuTime: null, keepLine: isAstroSummaryLine},
    )
    expect(measured.output).toBe('done\n')
  })
})

// As Astro 7 prints a static build, page listing shortened.
const ASTRO_LOG = `22:15:05 [types] Generated 40ms
22:15:05 [build] output: "static"
22:15:05 [build] Collecting build info...
22:15:05 [build] ✓ Completed in 78ms.
22:15:05 [build] Building static entrypoints...
22:15:06 [vite] ✓ built in 1.21s
22:15:06 [vite] ✓ built in 225ms
22:15:06 [build] Rearranging server assets...

 generating static routes
22:15:09   ├─ /blog/a/index.html (+1ms)
22:15:09   └─ /index.html (+2ms)
22:15:09 ✓ Completed in 2.42s.

22:15:09 [build] ✓ Completed in 3.92s.
22:15:12 [site-finish] Search index: 260 pages
22:15:12 [build] 260 page(s) built in 7.05s
22:15:12 [build] Complete!
`

describe('reading an Astro build log', () => {
  it('finds the sync, bundle and page phases, and attributes the rest of Astro’s total to other work', () => {
    expect(astroPhases(ASTRO_LOG)).toEqual({sync: 40, bundle: 1435, generate: 2420, total: 7050, other: 3155})
  })

  it('reports no phase it cannot find', () => {
    expect(astroPhases('[11ty] Wrote 201 files in 0.78 seconds')).toEqual({})
  })

  it('drops the per-page lines and keeps the rest', () => {
    expect(ASTRO_LOG.split('\n').filter((line) => !isAstroSummaryLine(line))).toEqual([
      '22:15:09   ├─ /blog/a/index.html (+1ms)',
      '22:15:09   └─ /index.html (+2ms)',
    ])
  })
})

/** A tool's medians at one size, as the benchmark summarises them. */
function toolResult(name: string, wallMs: number, cpuMs: number | null): ToolResult {
  return {
    name,
    label: name,
    runs: [],
    okRuns: 1,
    wallMs,
    cpuMs,
    peakTreeRssBytes: null,
    maxProcessRssBytes: null,
    pages: 1000,
    htmlBytes: 1000 * 20_000,
  }
}

function thousandArticles(...tools: ToolResult[]): SizeResult {
  return {n: 1000, corpus: {datasetBytes: 0, markdownBytes: 0, meanWords: 1060}, tools}
}

describe('checking a cold target against the CPU time a build needs', () => {
  const sizes = [thousandArticles(toolResult('ours', 4600, 9000), toolResult('astro-markdown', 3770, 4500))]

  it('says when no schedule of the work on this machine’s cores could meet it', () => {
    expect(formatTargets(sizes, 2)).toContain(
      '1,000 articles, cold, vs astro-markdown: 1.22× (target ≤ 1.0×) — NOT met\n' +
        '    ours used 9.00 s of CPU; on 2 cores no build doing that work takes under 4.50 s, 1.19× astro-markdown: out of reach without doing less work',
    )
  })

  it('does not call a target out of reach when more cores would leave room', () => {
    const report = formatTargets(sizes, 4)
    expect(report).toContain('on 4 cores no build doing that work takes under 2.25 s, 0.60× astro-markdown\n')
    expect(report).not.toContain('out of reach')
  })
})
