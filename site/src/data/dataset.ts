/**
 * Reading a dataset in the format `sanity dataset export` writes: one JSON document per line
 * (NDJSON), either bare or as `data.ndjson` inside the export's `.tar.gz`.
 */
import {readFile} from 'node:fs/promises'

/** A document as stored: every Sanity document has an `_id` and a `_type`. */
export interface StoredDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** A dataset line that could not be read, with enough detail for a person to find and fix it. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError'
  readonly file: string
  readonly line: number
  readonly reason: string
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`)
    this.file = file
    this.line = line
    this.reason = reason
  }
}

/** Parses NDJSON text; any malformed line stops the whole parse, naming the file and line. */
export function parseNdjson(text: string, file: string): StoredDocument[] {
  const documents: StoredDocument[] = []
  const lines = text.split('\n')
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      const truncated = index === lines.length - 1 && !text.endsWith('\n')
      throw new DatasetError(
        file,
        index + 1,
        truncated
          ? 'the file ends in the middle of a document (truncated?)'
          : `not valid JSON (${(error as Error).message})`,
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetError(file, index + 1, 'a line must hold one JSON object (a document)')
    }
    const record = value as Record<string, unknown>
    if (typeof record['_id'] !== 'string' || record['_id'] === '') {
      throw new DatasetError(file, index + 1, 'the document has no `_id`')
    }
    if (typeof record['_type'] !== 'string' || record['_type'] === '') {
      throw new DatasetError(file, index + 1, `document "${record['_id']}" has no \`_type\``)
    }
    documents.push(record as StoredDocument)
  }
  return documents
}

/** Reads a dataset file from disk. */
export async function readDataset(file: string): Promise<StoredDocument[]> {
  return parseNdjson(await readFile(file, 'utf8'), file)
}

/**
 * True for documents the published perspective shows. Drafts (`drafts.*`) and release versions
 * (`versions.*`) are never public: groq-js has no perspectives, so they are removed here.
 */
export function isPublished(document: {_id: string}): boolean {
  return !document._id.startsWith('drafts.') && !document._id.startsWith('versions.')
}
