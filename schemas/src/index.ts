import {article} from './documents/article.ts'
import {author} from './documents/author.ts'
import {clinicalReviewer} from './documents/clinicalReviewer.ts'
import {clinicalSignoff} from './documents/clinicalSignoff.ts'
import {faq} from './documents/faq.ts'
import {programLevel} from './documents/programLevel.ts'
import {redirect} from './documents/redirect.ts'
import {siteSettings} from './documents/siteSettings.ts'
import {therapy} from './documents/therapy.ts'
import {blockContent, simpleBlockContent} from './objects/blockContent.ts'
import {callout} from './objects/callout.ts'
import {callToAction} from './objects/callToAction.ts'
import {citation} from './objects/citation.ts'
import {citationRef} from './objects/citationRef.ts'
import {comparisonRow, comparisonTable} from './objects/comparisonTable.ts'
import {crisisLine} from './objects/crisisLine.ts'
import {faqList} from './objects/faqList.ts'
import {internalLink} from './objects/internalLink.ts'
import {licence} from './objects/licence.ts'
import {link} from './objects/link.ts'
import {numberRange} from './objects/numberRange.ts'
import {postalAddress} from './objects/postalAddress.ts'
import {reviewPolicy} from './objects/reviewPolicy.ts'
import {reviewRequest} from './objects/reviewRequest.ts'

export {DEFAULT_CRISIS_LINES, SITE_SETTINGS_ID} from './documents/siteSettings.ts'
export {LINKABLE_TYPES} from './objects/internalLink.ts'
export {
  ARTICLE_CATEGORIES,
  FAQ_TOPICS,
  MAX_SLUG_LENGTH,
  redirectFromProblem,
  redirectToProblem,
  SAFE_LINK_SCHEMES,
  SAFE_SLUG,
  slugProblem,
} from './rules/index.ts'

/** Document types, in the order the Studio lists them. */
export const documentTypes = [
  article,
  programLevel,
  therapy,
  faq,
  clinicalReviewer,
  clinicalSignoff,
  author,
  redirect,
  siteSettings,
]

/** Every schema type of the content model. */
export const schemaTypes = [
  ...documentTypes,
  blockContent,
  simpleBlockContent,
  link,
  internalLink,
  citationRef,
  citation,
  comparisonTable,
  comparisonRow,
  callout,
  callToAction,
  faqList,
  reviewRequest,
  numberRange,
  licence,
  crisisLine,
  reviewPolicy,
  postalAddress,
]
