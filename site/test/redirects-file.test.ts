import {describe, expect, it} from 'vitest'
import {type RedirectRecord, redirectsFile} from '../src/lib/redirects.ts'

const redirect = (overrides: Partial<RedirectRecord> = {}): RedirectRecord => ({
  _id: 'redirect-1',
  from: '/2019/03/old-post/',
  to: '/blog/old-post/',
  permanent: true,
  ...overrides,
})

describe('the _redirects file', () => {
  it('writes one "from to status" line per redirect, sorted by old address, 302 when not permanent', () => {
    const {text, skipped} = redirectsFile([
      redirect({_id: 'b', from: '/b/', to: 'https://example.org/b/', permanent: false}),
      redirect({_id: 'a', from: '/a/', to: '/blog/a/'}),
    ])
    expect(text.split('\n').slice(1)).toEqual(['/a/ /blog/a/ 301', '/b/ https://example.org/b/ 302', ''])
    expect(skipped).toEqual([])
  })

  it('leaves out, naming the document, a redirect that could add a rule, loop or leave the site by another scheme', () => {
    const {text, skipped} = redirectsFile([
      redirect({_id: 'newline', from: '/x/\n/* /evil 200!'}),
      redirect({_id: 'spaces', to: '/blog/a/ 200!'}),
      redirect({_id: 'scheme', from: '/y/', to: 'javascript:alert(1)'}),
      redirect({_id: 'loop', from: '/z/', to: '/z/'}),
      redirect({_id: 'empty', from: null}),
      redirect({_id: 'first', from: '/same/'}),
      redirect({_id: 'second', from: '/same/', to: '/blog/other/'}),
    ])
    expect(text.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual(['/same/ /blog/old-post/ 301'])
    expect(skipped.map((line) => line.split(':')[0]).sort()).toEqual([
      'empty',
      'loop',
      'newline',
      'scheme',
      'second',
      'spaces',
    ])
  })
})
