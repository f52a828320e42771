/**
 * The search step of `pnpm build`, read from the line its indexer prints when it is done:
 * `[search-index] Search index: N articles and M other pages in S s, A s of it after the pages
 * were built (…), peak memory X MB (…)`. The indexer runs beside Astro: S is its whole time from
 * the records Astro writes before its first page, A what it added once Astro had exited.
 * The step measures itself (its own and Pagefind's high-water RSS, exact), so the benchmark and
 * the stress script report the same figures a build prints.
 */

/** The search step's time and peak memory; `peakRssBytes` is null where the build could not read it. */
export interface SearchStep {
  ms: number
  /** The part of `ms` after the pages were built, when the line says (a build's indexer, run beside Astro). */
  afterPagesMs: number | null
  peakRssBytes: number | null
}

/** Finds the search step's line in a build's output, or undefined when there is none. */
export function searchIndexStep(output: string): SearchStep | undefined {
  const match =
    /\[search-index\] Search index: .* in ([\d.]+) s(?:, ([\d.]+) s of it after the pages were built)?(?: \([^)]*\))?(?:, peak memory ([\d.]+) MB)?/.exec(
      output,
    )
  if (!match) return undefined
  return {
    ms: Number(match[1]) * 1000,
    afterPagesMs: match[2] === undefined ? null : Number(match[2]) * 1000,
    peakRssBytes: match[3] === undefined ? null : Number(match[3]) * 1024 * 1024,
  }
}
