/**
 * The search step of `pnpm build`, read from the line it prints once Astro has exited:
 * `[search-index] Search index: N articles and M other pages in S s, peak memory X MB (…)`.
 * The step measures itself (its own and Pagefind's high-water RSS, exact), so the benchmark and
 * the stress script report the same figures a build prints.
 */

/** The search step's time and peak memory; `peakRssBytes` is null where the build could not read it. */
export interface SearchStep {
  ms: number
  peakRssBytes: number | null
}

/** Finds the search step's line in a build's output, or undefined when there is none. */
export function searchIndexStep(output: string): SearchStep | undefined {
  const match = /\[search-index\] Search index: .* in ([\d.]+) s(?: \([^)]*\))?(?:, peak memory ([\d.]+) MB)?/.exec(
    output,
  )
  if (!match) return undefined
  return {
    ms: Number(match[1]) * 1000,
    peakRssBytes: match[2] === undefined ? null : Number(match[2]) * 1024 * 1024,
  }
}
