/**
 * A small seeded pseudo-random generator, so the same seed always yields the same corpus bytes
 * on every machine and Node version (`Math.random` cannot be seeded).
 */

/** A stream of pseudo-random numbers in [0, 1), with helpers for picking from lists. */
export interface Random {
  /** The next number in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T
  /** `count` distinct elements of `items`, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[]
  /** True with probability `p`. */
  chance(p: number): boolean
  /** Lower-case hex characters, as Sanity writes `_key`s. */
  hex(length: number): string
}

/**
 * sfc32 seeded through splitmix32: fast, well distributed, and defined entirely by 32-bit integer
 * arithmetic, which JavaScript performs identically everywhere.
 */
export function createRandom(...seeds: number[]): Random {
  let state = 0x9e3779b9
  const mix = () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  for (const seed of seeds) state = (state ^ Math.imul(seed | 0, 0x27d4eb2d)) | 0
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix()
  const next = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  // The first outputs of sfc32 still echo the seed; discard them.
  for (let i = 0; i < 12; i++) next()

  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick() needs at least one item')
      return items[int(0, items.length - 1)] as T
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items]
      const out: T[] = []
      while (out.length < count && pool.length > 0) out.push(pool.splice(int(0, pool.length - 1), 1)[0] as T)
      return out
    },
    chance: (p: number) => next() < p,
    hex(length: number): string {
      let out = ''
      while (out.length < length) out += Math.floor(next() * 16).toString(16)
      return out
    },
  }
}
