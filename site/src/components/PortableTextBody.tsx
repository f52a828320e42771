import {PortableText, type PortableTextBlock} from '@portabletext/react'

interface Props {
  /** A Portable Text array as TypeGen types it (blocks' `children` optional). */
  value: ReadonlyArray<{_type: string; _key: string}>
}

/**
 * Renders Portable Text on the server; no client JavaScript. TypeGen marks a block's `children`
 * optional while the renderer requires it, so the value is narrowed once, here.
 */
export default function PortableTextBody({value}: Props) {
  const blocks = value.map((item) =>
    item._type === 'block' && !('children' in item) ? {...item, children: []} : item,
  ) as PortableTextBlock[]
  return <PortableText value={blocks} />
}
