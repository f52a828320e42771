/** How many reviews are evaluated at once: enough to overlap digests, few enough to bound memory. */
export const REVIEW_BATCH = 256

/** `map` over `items` with at most `size` calls in flight, results in the order of `items`. */
export async function inBatches<T, R>(items: readonly T[], size: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(map))))
  }
  return results
}
