import {describe, expect, it} from 'vitest'
import {formatDate, isoDate} from '../src/lib/format.ts'
import {graph, serializeJsonLd} from '../src/lib/json-ld.ts'

describe('structured data text', () => {
  const hostile = graph([
    {
      '@type': 'WebPage',
      name: 'Ends </script><!-- here & there > \u2028 \u2029 "quoted"',
    },
  ])

  it('cannot end its script element, open a comment or break a line in old parsers', () => {
    expect(serializeJsonLd(hostile)).not.toMatch(/[<>&\u2028\u2029]/)
  })

  it('reads back as exactly the data it was made from', () => {
    expect(JSON.parse(serializeJsonLd(hostile))).toEqual(hostile)
  })
})

describe('dates on the page', () => {
  it('read the same every time a page shows them', () => {
    const first = formatDate('2026-11-01T09:30:00Z')
    expect(formatDate('2026-11-01T09:30:00Z')).toBe(first)
    expect(first).toBe('November 1, 2026')
  })

  it('keep a date-only value date-only and give an instant in UTC', () => {
    expect(formatDate('2026-02-03')).toBe('February 3, 2026')
    expect(isoDate('2026-02-03')).toBe('2026-02-03')
    expect(isoDate('2026-02-03T10:00:00+02:00')).toBe('2026-02-03T08:00:00.000Z')
    expect(isoDate('2026-02-03T10:00:00+02:00')).toBe('2026-02-03T08:00:00.000Z')
  })

  it('are left out when missing or unreadable, however often asked', () => {
    for (const value of [undefined, null, '', 'not a date', 'not a date']) {
      expect(formatDate(value)).toBeUndefined()
      expect(isoDate(value)).toBeUndefined()
    }
  })
})
