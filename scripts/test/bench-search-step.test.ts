import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {formatReport, type SizeResult, type ToolResult} from '../src/bench/report.ts'
import {type SearchStep, searchIndexStep} from '../src/bench/search-log.ts'
import {buildAtomically} from '../src/build-site.ts'

/** Our build's result at one size, as the benchmark summarises it, with the search step it measured. */
function oursAt(n: number, searchStep: SearchStep): SizeResult {
  const ours: ToolResult = {
    name: 'ours',
    label: 'ours (Astro + GROQ)',
    runs: [],
    okRuns: 1,
    wallMs: 1000,
    cpuMs: 1500,
    peakTreeRssBytes: 500 * 1024 * 1024,
    maxProcessRssBytes: null,
    pages: n,
    htmlBytes: n * 20_000,
    searchStep,
  }
  return {n, corpus: {datasetBytes: n * 16_000, markdownBytes: n * 8_000, meanWords: 1060}, tools: [ours]}
}

describe('the search step in the benchmark', {timeout: 120_000}, () => {
  let root: string
  let output: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bench-search-step-'))
    ;({output} = await buildAtomically({
      distDir: join(root, 'dist'),
      env: {REVIEW_NOW: '2026-12-01T00:00:00Z'},
      stdio: 'pipe',
    }))
  }, 120_000)
  afterAll(async () => {
    if (root) await rm(root, {recursive: true, force: true})
  })

  it('is read from the line pnpm build prints: its time, the part after the pages were built, and its peak memory', () => {
    expect(output).toMatch(
      /\[search-index\] Search index: 1 articles and \d+ other pages in [\d.]+ s, [\d.]+ s of it after the pages were built \(1 Pagefind index\), peak memory \d+ MB \(indexer \d+ MB \+ Pagefind \d+ MB\)/,
    )
    const step = searchIndexStep(output)
    expect(step?.ms).toBeGreaterThanOrEqual(0)
    expect(step?.afterPagesMs).toBeGreaterThanOrEqual(0)
    expect(step?.afterPagesMs).toBeLessThanOrEqual(step?.ms ?? -1)
    // Node alone holds tens of megabytes; Pagefind adds its own.
    expect(step?.peakRssBytes).toBeGreaterThan(30 * 1024 * 1024)
  })

  it('is printed for every size the benchmark measured', () => {
    const report = formatReport(
      [
        oursAt(1000, {ms: 2_500, afterPagesMs: 700, peakRssBytes: 300 * 1024 * 1024}),
        oursAt(10000, {ms: 31_000, afterPagesMs: 4_200, peakRssBytes: 829 * 1024 * 1024}),
      ],
      1,
    )
    const lines = report.split('\n').filter((line) => line.startsWith('Search step'))
    expect(lines).toEqual([
      'Search step (ours, a process beside Astro): 2.50 s in all, 0.70 s of it after Astro had exited; peak 300 MB (indexer + Pagefind, each at its own peak)',
      'Search step (ours, a process beside Astro): 31.00 s in all, 4.20 s of it after Astro had exited; peak 829 MB (indexer + Pagefind, each at its own peak)',
    ])
    expect(report.indexOf('N = 1,000')).toBeLessThan(report.indexOf('2.50 s'))
    expect(report.indexOf('N = 10,000')).toBeLessThan(report.indexOf('31.00 s'))
  })
})
