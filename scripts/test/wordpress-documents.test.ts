import {describe, expect, it} from 'vitest'
import {chooseSlug, permalinkPath} from '../src/wordpress/documents.ts'
import type {WxrItem} from '../src/wordpress/wxr.ts'

/** An item with only what slugs depend on. */
const item = (postId: number, postName: string, title: string) => ({postId, postName, title}) as WxrItem

describe('slugs and old addresses of imported posts', () => {
  it('keeps WordPress slugs the site accepts and transliterates accented ones', () => {
    const taken = new Set<string>()
    expect(chooseSlug(item(1, 'treatment-levels', 'x'), taken)).toBe('treatment-levels')
    expect(chooseSlug(item(2, '%c3%a7a-va-uber-cafe', 'x'), taken)).toBe('ca-va-uber-cafe')
    // A clash gets the post ID.
    expect(chooseSlug(item(3, 'treatment-levels', 'x'), taken)).toBe('treatment-levels-3')
  })

  it('never takes a slug that is one of the blog’s own pages, such as /blog/2/', () => {
    const taken = new Set<string>()
    // Greek letters drop out of "επίπεδο-2", which would leave "2": the title gives the slug instead.
    expect(
      chooseSlug(item(1811, '%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2', 'Επίπεδο 2 - Second Greek level'), taken),
    ).toBe('2-second-greek-level')
    expect(chooseSlug(item(1813, '%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-3', 'Επίπεδο 3'), taken)).toBe('post-1813')
    expect(chooseSlug(item(5, 'category', 'Category'), taken)).toBe('post-5')
  })

  it('reads an old permalink as the single-slash path a host matches, and ignores ?p= addresses', () => {
    const base = 'https://wpthemetestdata.wordpress.com'
    expect(permalinkPath(`${base}//greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/`, base)).toBe(
      '/greek/επίπεδο-2/',
    )
    expect(permalinkPath(`${base}/?p=14`, base)).toBeUndefined()
    expect(permalinkPath('https://elsewhere.example/post/', base)).toBeUndefined()
  })
})
