/**
 * Structured data for search engines, one `@graph` per page, typed with schema-dts. Every fact
 * here is also visible on the page; a review is claimed only from a `valid` evaluation.
 */

import {safeHttpsHref} from '@repo/schemas/rules'
import type {
  BlogPosting,
  BreadcrumbList,
  FAQPage,
  Graph,
  MedicalClinic,
  MedicalWebPage,
  Person,
  ProfilePage,
  Question,
  Thing,
  WebPage,
} from 'schema-dts'
import type {ArticleEntry, ReviewerEntry, Settings} from '../data/content.ts'
import {isoDate} from './format.ts'
import {plainText} from './portable-text.ts'

/** One step of the visible breadcrumb trail. */
export interface Crumb {
  name: string
  path: string
}

/** A page's graph with the organisation in it, ready for `serializeJsonLd`. */
export function graph(nodes: readonly Thing[]): Graph {
  return {'@context': 'https://schema.org', '@graph': nodes}
}

/**
 * JSON for a `<script type="application/ld+json">` body. `<`, `>` and `&` are escaped so no text
 * (a title containing `</script>`, say) can end the element or open a comment.
 */
export function serializeJsonLd(value: Graph): string {
  // One pass over the text instead of one per character: every page's head carries this.
  return JSON.stringify(value).replace(JSON_LD_UNSAFE, (char) => JSON_LD_ESCAPES[char] as string)
}

const JSON_LD_UNSAFE = /[<>&\u2028\u2029]/g
const JSON_LD_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/** The organisation's node id; every page's graph has the node, pages refer to it by id. */
export function organizationId(site: URL): string {
  return new URL('/#organization', site).href
}

/** The organisation as a medical clinic, with the facts the header and footer show. */
export function organizationNode(settings: Settings, site: URL): MedicalClinic {
  const address = settings.address
  return {
    '@type': 'MedicalClinic',
    '@id': organizationId(site),
    name: settings.organizationName,
    url: new URL('/', site).href,
    telephone: settings.phone,
    ...(settings.tagline ? {slogan: settings.tagline} : {}),
    ...(address && (address.streetAddress || address.addressLocality)
      ? {
          address: {
            '@type': 'PostalAddress',
            ...(address.streetAddress ? {streetAddress: address.streetAddress} : {}),
            ...(address.addressLocality ? {addressLocality: address.addressLocality} : {}),
            ...(address.addressRegion ? {addressRegion: address.addressRegion} : {}),
            ...(address.postalCode ? {postalCode: address.postalCode} : {}),
            ...(address.addressCountry ? {addressCountry: address.addressCountry} : {}),
          },
        }
      : {}),
  }
}

/** The trail from the home page to this one, as the breadcrumb navigation shows it. */
export function breadcrumbNode(crumbs: readonly Crumb[], site: URL, pageUrl: string): BreadcrumbList {
  return {
    '@type': 'BreadcrumbList',
    '@id': `${pageUrl}#breadcrumb`,
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: new URL(crumb.path, site).href,
    })),
  }
}

/**
 * A plain web page of the site (listings, policy, FAQ index, search). Give `description` only
 * when the page shows that text: the meta description alone is not visible.
 */
export function webPageNode(
  type: 'WebPage' | 'CollectionPage' | 'MedicalWebPage' | 'SearchResultsPage',
  page: {url: string; name: string; description?: string; site: URL},
): WebPage {
  return {
    '@type': type,
    '@id': `${page.url}#webpage`,
    url: page.url,
    name: page.name,
    ...(page.description ? {description: page.description} : {}),
    breadcrumb: {'@id': `${page.url}#breadcrumb`},
    publisher: {'@id': organizationId(page.site)},
  }
}

/** A reviewer as a person; `honorificSuffix` carries the credentials exactly as shown. */
export function reviewerPerson(entry: ReviewerEntry, site: URL): Person {
  const {reviewer} = entry
  const url = entry.url ? new URL(entry.url, site).href : undefined
  return {
    '@type': 'Person',
    ...(url ? {'@id': `${url}#person`, url} : {}),
    name: reviewer.name,
    ...(reviewer.credentials ? {honorificSuffix: reviewer.credentials} : {}),
  }
}

/**
 * An article page: a `MedicalWebPage` whose main entity is a `BlogPosting`. `reviewedBy` and
 * `lastReviewed` appear only when the page shows the review, i.e. when it is valid now.
 */
export function articleNodes(
  entry: ArticleEntry,
  site: URL,
  categoryName: string,
): Array<MedicalWebPage | BlogPosting> {
  const {article} = entry
  const url = new URL(entry.url, site).href
  const published = isoDate(article.publishedAt)
  const modified = isoDate(article.updatedAt) ?? published
  const reviewedAt = entry.reviewedBy ? isoDate(entry.review.reviewedAt) : undefined
  const page: MedicalWebPage = {
    '@type': 'MedicalWebPage',
    '@id': `${url}#webpage`,
    url,
    name: article.title,
    breadcrumb: {'@id': `${url}#breadcrumb`},
    publisher: {'@id': organizationId(site)},
    mainEntity: {'@id': `${url}#article`},
    ...(entry.reviewedBy && reviewedAt
      ? {reviewedBy: reviewerPerson(entry.reviewedBy, site), lastReviewed: reviewedAt}
      : {}),
  }
  const posting: BlogPosting = {
    '@type': 'BlogPosting',
    '@id': `${url}#article`,
    headline: article.title,
    url,
    mainEntityOfPage: {'@id': `${url}#webpage`},
    articleSection: categoryName,
    publisher: {'@id': organizationId(site)},
    ...(published ? {datePublished: published} : {}),
    ...(modified ? {dateModified: modified} : {}),
    ...(entry.author ? {author: {'@type': 'Person', name: entry.author.name}} : {}),
  }
  return [page, posting]
}

/** Questions with their answers as plain text, for a page that shows them. */
export function faqPageNode(
  pageUrl: string,
  faqs: ReadonlyArray<{question: string; answer: readonly unknown[] | null}>,
  asPage = false,
): FAQPage {
  const mainEntity: Question[] = faqs.map((faq) => ({
    '@type': 'Question',
    name: faq.question,
    acceptedAnswer: {'@type': 'Answer', text: plainText(faq.answer)},
  }))
  return {
    '@type': 'FAQPage',
    '@id': asPage ? `${pageUrl}#webpage` : `${pageUrl}#faq`,
    url: pageUrl,
    mainEntity,
  }
}

/** A reviewer's profile page with the person it is about. */
export function profileNodes(entry: ReviewerEntry, site: URL): ProfilePage {
  const {reviewer} = entry
  const url = new URL(entry.url ?? '/', site).href
  const sameAs = (reviewer.sameAs ?? []).map(safeHttpsHref).filter((href) => href !== undefined)
  const person: Person = {
    ...(reviewerPerson(entry, site) as Exclude<Person, string>),
    ...(reviewer.jobTitle ? {jobTitle: reviewer.jobTitle} : {}),
    ...(reviewer.specialties?.length ? {knowsAbout: reviewer.specialties} : {}),
    ...(sameAs.length ? {sameAs} : {}),
    ...(reviewer.bio?.length ? {description: plainText(reviewer.bio)} : {}),
    ...(reviewer.licence?.type
      ? {
          hasCredential: {
            '@type': 'EducationalOccupationalCredential',
            credentialCategory: 'license',
            name: licenceLabel(reviewer.licence),
          },
        }
      : {}),
  }
  return {
    '@type': 'ProfilePage',
    '@id': `${url}#webpage`,
    url,
    name: reviewer.name,
    breadcrumb: {'@id': `${url}#breadcrumb`},
    mainEntity: person,
  }
}

/** "LADC I, Massachusetts (MA)"-style text the profile page shows for a licence. */
export function licenceLabel(licence: {type: string | null; state: string | null; number: string | null}): string {
  return [
    licence.type,
    licence.state ? `issued in ${licence.state}` : undefined,
    licence.number ? `no. ${licence.number}` : undefined,
  ]
    .filter(Boolean)
    .join(', ')
}
