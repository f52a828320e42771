import type {PortableTextContext} from '../components/PortableTextBody.tsx'
import type {SiteContent} from '../data/content.ts'

/** The Portable Text renderer's lookups for one document of this build's content. */
export function portableTextContext(
  content: SiteContent,
  documentId: string,
  extras: Pick<PortableTextContext, 'headingIds' | 'citationNumbers'> = {},
): PortableTextContext {
  return {
    documentId,
    linkTarget: content.linkTarget,
    faq: (id) => content.faqById(id)?.faq,
    image: content.image,
    phone: content.settings.phone,
    ...extras,
  }
}
