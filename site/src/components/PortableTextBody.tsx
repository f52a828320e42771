import {
  PortableText,
  type PortableTextBlock,
  type PortableTextComponentProps,
  type PortableTextMarkComponentProps,
  type PortableTextReactComponents,
  type PortableTextTypeComponentProps,
} from '@portabletext/react'
import type {ImageSources, ImageValue} from '@repo/schemas/content'
import {safeExternalHref} from '@repo/schemas/rules'
import type {BlockContent} from '@repo/schemas/types'
import {telHref} from '../lib/urls.ts'

type BodyItem = BlockContent[number]
type ItemOf<T extends BodyItem['_type']> = Extract<BodyItem, {_type: T}>

/** An FAQ as the renderer needs it: a question and its answer (Portable Text). */
export interface RenderedFaq {
  question: string
  answer: ReadonlyArray<{_type: string; _key: string}>
}

/** What the renderer looks up outside the blocks themselves. */
export interface PortableTextContext {
  /** The document being rendered, named in warnings about content the site cannot render. */
  documentId: string
  /** The page an internal link's reference points at; undefined renders the text unlinked. */
  linkTarget(ref: string | null | undefined): string | undefined
  faq(id: string): RenderedFaq | undefined
  image(value: ImageValue | null | undefined): ImageSources | undefined
  /** The organisation's phone, which every call to action dials. */
  phone: string
  /** Anchor ids of h2/h3 blocks by `_key`, shared with the table of contents. */
  headingIds?: ReadonlyMap<string, string>
  /** The number of each citation by its `_key`, as the references list numbers them. */
  citationNumbers?: ReadonlyMap<string, number>
}

interface Props {
  /** A Portable Text array as TypeGen types it (blocks' `children` optional). */
  value: ReadonlyArray<{_type: string; _key: string}> | null | undefined
  context: PortableTextContext
}

const CALLOUT_LABELS: Record<ItemOf<'callout'>['tone'], string> = {note: 'Note', important: 'Important', tip: 'Tip'}

/**
 * Renders Portable Text on the server; no client JavaScript. TypeGen marks a block's `children`
 * optional while the renderer requires it, so the value is narrowed once, here.
 *
 * Text is always escaped by React. Links reach an `href` only through `safeExternalHref` or the
 * site's own page map, so content can never make a `javascript:` or `data:` address clickable;
 * anything the site does not know how to render keeps its text and loses its wrapper.
 */
export default function PortableTextBody({value, context}: Props) {
  const blocks = (value ?? []).map((item) =>
    item._type === 'block' && !Array.isArray((item as {children?: unknown}).children) ? {...item, children: []} : item,
  ) as PortableTextBlock[]
  return (
    <PortableText
      value={blocks}
      components={components(context)}
      onMissingComponent={(message) => console.warn(`[content] ${context.documentId}: ${message}`)}
    />
  )
}

function components(context: PortableTextContext): Partial<PortableTextReactComponents> {
  const heading =
    (Tag: 'h2' | 'h3') =>
    ({value, children}: PortableTextComponentProps<PortableTextBlock>) => (
      <Tag id={value._key ? context.headingIds?.get(value._key) : undefined}>{children}</Tag>
    )
  return {
    block: {
      normal: ({children}) => <p>{children}</p>,
      h2: heading('h2'),
      h3: heading('h3'),
      h4: ({children}) => <h4>{children}</h4>,
      blockquote: ({children}) => <blockquote>{children}</blockquote>,
    },
    marks: {
      link: ({value, children, markKey}: PortableTextMarkComponentProps<{_type: 'link'; href?: string}>) => {
        const href = safeExternalHref(value?.href)
        if (!href) {
          console.warn(
            `[content] ${context.documentId}: markDefs[_key=="${markKey}"].href ${JSON.stringify(value?.href ?? null)} is not an http(s), mailto or tel address; shown as plain text.`,
          )
        }
        return href ? <a href={href}>{children}</a> : children
      },
      internalLink: ({
        value,
        children,
        markKey,
      }: PortableTextMarkComponentProps<{_type: 'internalLink'; reference?: {_ref?: string}}>) => {
        const href = context.linkTarget(value?.reference?._ref)
        if (!href) {
          console.warn(
            `[content] ${context.documentId}: markDefs[_key=="${markKey}"].reference points at ${JSON.stringify(value?.reference?._ref ?? null)}, which has no published page; shown as plain text.`,
          )
        }
        return href ? <a href={href}>{children}</a> : children
      },
      citationRef: ({
        value,
        children,
      }: PortableTextMarkComponentProps<{_type: 'citationRef'; citationKey?: string}>) => {
        const number = value?.citationKey ? context.citationNumbers?.get(value.citationKey) : undefined
        if (number === undefined) return <>{children}</>
        return (
          <>
            {children}
            <sup className="cite">
              <a href={`#source-${number}`}>
                <span className="visually-hidden">Source </span>[{number}]
              </a>
            </sup>
          </>
        )
      },
    },
    types: {
      comparisonTable: ({value}: PortableTextTypeComponentProps<ItemOf<'comparisonTable'>>) => (
        <ComparisonTable table={value} />
      ),
      callout: ({value}: PortableTextTypeComponentProps<ItemOf<'callout'>>) => {
        // Own keys only: a stored tone such as "__proto__" must not read Object.prototype.
        const tone = Object.hasOwn(CALLOUT_LABELS, value.tone) ? value.tone : 'note'
        return (
          <div className={`callout callout-${tone}`} role="note">
            <p className="callout-label">
              <strong>{CALLOUT_LABELS[tone]}</strong>
            </p>
            {paragraphs(value.text).map((text, index) => (
              <p key={index}>{text}</p>
            ))}
          </div>
        )
      },
      callToAction: ({value}: PortableTextTypeComponentProps<ItemOf<'callToAction'>>) => {
        const tel = telHref(context.phone)
        return (
          <div className="cta">
            <p>{value.text}</p>
            {tel ? (
              <p>
                <a className="button" href={tel}>
                  {value.buttonLabel || `Call ${context.phone}`}
                </a>
              </p>
            ) : null}
          </div>
        )
      },
      faqList: ({value}: PortableTextTypeComponentProps<ItemOf<'faqList'>>) => {
        const faqs = (value.faqs ?? []).map((ref) => context.faq(ref._ref)).filter((faq) => faq !== undefined)
        if (faqs.length === 0) return null
        return (
          <section className="faq-list" aria-label={value.heading || 'Frequently asked questions'}>
            {value.heading ? <h2>{value.heading}</h2> : null}
            {faqs.map((faq) => (
              <div className="faq" key={faq.question}>
                <h3>{faq.question}</h3>
                <PortableTextBody value={faq.answer} context={{...context, headingIds: new Map()}} />
              </div>
            ))}
          </section>
        )
      },
      image: ({value}: PortableTextTypeComponentProps<ItemOf<'image'>>) => {
        const sources = context.image(value)
        if (!sources || !value.alt) {
          console.warn(
            `[content] ${context.documentId}: image ${value._key} has no usable asset or alt text; left out.`,
          )
          return null
        }
        return (
          <figure>
            <img
              src={sources.src}
              srcSet={sources.srcset}
              sizes="(min-width: 48rem) 44rem, 100vw"
              width={sources.width}
              height={sources.height}
              alt={value.alt}
              loading="lazy"
              decoding="async"
            />
            {value.caption ? <figcaption>{value.caption}</figcaption> : null}
          </figure>
        )
      },
    },
    // Unknown marks keep their text; unknown blocks keep any text they carry. Never the default
    // renderers, which add inline styles a strict CSP refuses.
    unknownMark: ({children}) => <>{children}</>,
    unknownType: ({value}) => {
      const text = unknownText(value)
      return text ? <p>{text}</p> : null
    },
    unknownBlockStyle: ({children}) => <p>{children}</p>,
  }
}

function ComparisonTable({table}: {table: ItemOf<'comparisonTable'>}) {
  const columns = table.columns ?? []
  const captionId = `table-${table._key}`
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{table.caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(table.rows ?? []).map((row) => {
            const [label, ...cells] = row.cells ?? []
            const padded = Array.from({length: Math.max(columns.length - 1, cells.length)}, (_, i) => cells[i] ?? '')
            return (
              <tr key={row._key}>
                <th scope="row">{label}</th>
                {padded.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** A plain-text field split at blank lines. */
function paragraphs(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
}

/** The text an unknown block carries in spans, if any. */
function unknownText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return ''
  const children = (value as {children?: unknown}).children
  if (!Array.isArray(children)) return ''
  return children
    .map((child) =>
      typeof child === 'object' && child !== null && typeof (child as {text?: unknown}).text === 'string'
        ? (child as {text: string}).text
        : '',
    )
    .join('')
}
