import {describe, expect, it} from 'vitest'
import {indexOfArticle, jumpConsistentHash} from '../src/lib/search-contract.ts'

describe('which search index holds an article', () => {
  it('is jump consistent hash, as published (the reference implementations’ test vectors)', () => {
    expect(jumpConsistentHash(1n, 1)).toBe(0)
    expect(jumpConsistentHash(42n, 57)).toBe(43)
    expect(jumpConsistentHash(0xdead10ccn, 1)).toBe(0)
    expect(jumpConsistentHash(0xdead10ccn, 666)).toBe(361)
    expect(jumpConsistentHash(256n, 1024)).toBe(520)
  })

  const urls = Array.from({length: 4000}, (_, n) => `/blog/article-${n}/`)

  it('puts every article in the main index when there is one index', () => {
    expect(new Set(urls.map((url) => indexOfArticle(url, 1)))).toEqual(new Set([0]))
  })

  it('spreads articles evenly, and one more index moves only the articles it takes', () => {
    for (let indexes = 2; indexes <= 8; indexes++) {
      const before = urls.map((url) => indexOfArticle(url, indexes - 1))
      const after = urls.map((url) => indexOfArticle(url, indexes))
      const moved = after.filter((index, n) => index !== before[n])
      // Only into the new index, and about 1/n of them.
      expect(new Set(moved)).toEqual(new Set([indexes - 1]))
      expect(Math.abs(moved.length - urls.length / indexes)).toBeLessThan(urls.length / indexes / 5)
      const sizes = Array.from({length: indexes}, (_, index) => after.filter((found) => found === index).length)
      for (const size of sizes) expect(Math.abs(size - urls.length / indexes)).toBeLessThan(urls.length / indexes / 5)
    }
  })
})
