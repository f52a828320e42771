/**
 * Astro's own phase times, read from what `astro build` prints, so the report can say whether
 * the time went to bundling, to rendering pages, or to what runs after (sitemap, search index).
 */

/** Phase durations in milliseconds; a phase the log does not show is absent. */
export interface AstroPhases {
  /** Content sync and type generation (`[types] Generated …`); the Markdown peer renders its Markdown here. */
  sync?: number
  /** Vite's server and client bundles (`[vite] ✓ built in …`, summed). */
  bundle?: number
  /** Rendering and writing every page (`generating static routes … ✓ Completed in …`). */
  generate?: number
  /** Astro's whole build (`N page(s) built in …`). */
  total?: number
  /** `total` minus the phases above: build setup, asset moves and the integrations that run after the pages (sitemap, search index). */
  other?: number
}

const DURATION = String.raw`([\d.]+)\s*(ms|s|m)\b`

function toMs(value: string | undefined, unit: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number)) return undefined
  return unit === 'm' ? number * 60_000 : unit === 's' ? number * 1000 : number
}

/** Lines worth keeping from an Astro build's output: everything but the one-line-per-page listing. */
export function isAstroSummaryLine(line: string): boolean {
  return !/[├└]─ /.test(line)
}

/** Reads the phase times out of an Astro build's output (ANSI colours allowed). */
export function astroPhases(log: string): AstroPhases {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are control characters.
  const text = log.replace(/\u001b\[[0-9;]*m/g, '')
  const phases: AstroPhases = {}
  const sync = new RegExp(String.raw`\[types\] Generated ${DURATION}`).exec(text)
  const syncMs = toMs(sync?.[1], sync?.[2])
  if (syncMs !== undefined) phases.sync = syncMs
  let bundle: number | undefined
  for (const match of text.matchAll(new RegExp(String.raw`\[vite\] ✓ built in ${DURATION}`, 'g'))) {
    bundle = (bundle ?? 0) + (toMs(match[1], match[2]) ?? 0)
  }
  if (bundle !== undefined) phases.bundle = bundle
  const generate = new RegExp(String.raw`generating static routes[\s\S]*?✓ Completed in ${DURATION}`).exec(text)
  const generateMs = toMs(generate?.[1], generate?.[2])
  if (generateMs !== undefined) phases.generate = generateMs
  const total = new RegExp(String.raw`\d+ page\(s\) built in ${DURATION}`).exec(text)
  const totalMs = toMs(total?.[1], total?.[2])
  if (totalMs !== undefined) {
    phases.total = totalMs
    phases.other = Math.max(0, totalMs - (phases.sync ?? 0) - (phases.bundle ?? 0) - (phases.generate ?? 0))
  }
  return phases
}
