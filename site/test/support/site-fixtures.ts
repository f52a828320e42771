import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {parseNdjson, type StoredDocument} from '@repo/schemas/content'

/** The dataset that ships with the repository. */
export const bundledDatasetFile = fileURLToPath(new URL('../../content/dataset.ndjson', import.meta.url))

/** The bundled dataset's documents, freshly parsed, for a test to change. */
export async function bundledDocuments(): Promise<StoredDocument[]> {
  return parseNdjson(await readFile(bundledDatasetFile, 'utf8'), bundledDatasetFile).documents
}

/** The one document with this `_id`; fails loudly when the dataset has none. */
export function documentById(documents: readonly StoredDocument[], id: string): StoredDocument {
  const found = documents.find((document) => document._id === id)
  if (!found) throw new Error(`The dataset has no document "${id}"`)
  return found
}

/**
 * Replaces the first occurrence of `from` in any span of a Portable Text body with `to`: an edit
 * a reader would see. Fails when no span holds `from`, so a changed seed cannot pass silently.
 */
export function editBodyText(document: StoredDocument, from: string, to: string): void {
  for (const block of (document['body'] ?? []) as Array<{children?: Array<{text?: string}>}>) {
    for (const span of block.children ?? []) {
      if (span.text?.includes(from)) {
        span.text = span.text.replace(from, to)
        return
      }
    }
  }
  throw new Error(`No span of ${document._id} contains "${from}"`)
}

/** A text block with one span per entry; a span's `marks` name its annotations' keys. */
export function textBlock(
  key: string,
  spans: ReadonlyArray<{text: string; marks?: string[]}>,
  markDefs: ReadonlyArray<Record<string, unknown>> = [],
  style = 'normal',
): Record<string, unknown> {
  return {
    _type: 'block',
    _key: key,
    style,
    markDefs,
    children: spans.map((span, index) => ({
      _type: 'span',
      _key: `${key}s${index}`,
      text: span.text,
      marks: span.marks ?? [],
    })),
  }
}
