/**
 * Reading a dataset in the format `sanity dataset export` writes: one JSON document per line
 * (NDJSON), either bare or as `<name>/data.ndjson` inside the export's `.tar.gz`.
 */
import {createReadStream} from 'node:fs'
import {open} from 'node:fs/promises'
import {pipeline, Readable} from 'node:stream'
import {createGunzip} from 'node:zlib'
import {createTarDecoder} from 'modern-tar'
import type {StoredDocument} from '../document.ts'
import {isPublishedId} from '../ids.ts'

export type {StoredDocument} from '../document.ts'

/** A dataset's documents and the 1-based line each one is on, so any later check can name `file:line`. */
export interface Dataset {
  /** The name problems are reported under: the file as given, or `archive.tar.gz (entry)`. */
  file: string
  documents: StoredDocument[]
  /** The line of each document's `_id` in the NDJSON (inside the archive, for an export `.tar.gz`). */
  lines: ReadonlyMap<string, number>
}

/**
 * A dataset that could not be read, with enough detail for a person to find and fix it: the file
 * (for an archive, `archive.tar.gz (entry)`) and, when one line is at fault, its 1-based number.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError'
  readonly file: string
  readonly line: number | undefined
  readonly reason: string
  constructor(file: string, line: number | undefined, reason: string, options?: ErrorOptions) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`, options)
    this.file = file
    this.line = line
    this.reason = reason
  }
}

/**
 * Parses NDJSON text; any malformed line, or a second document with an `_id` already seen, stops
 * the whole parse, naming the file and line.
 */
export function parseNdjson(text: string, file: string): Dataset {
  const parser = new NdjsonParser(file)
  parser.push(text)
  return parser.end()
}

/**
 * An incremental NDJSON parser: text arrives in chunks and only one line is held as a string at a
 * time. A whole-file string would cap datasets at V8's maximum string length (about 512 MiB,
 * some 30,000 long articles), and a stream is what both the file and the archive give anyway.
 */
class NdjsonParser {
  readonly #file: string
  readonly #documents: StoredDocument[] = []
  readonly #lineOfId = new Map<string, number>()
  /** The start of a line whose end has not arrived yet, in pieces (a 5 MB line is not re-copied per chunk). */
  #pending: string[] = []
  #lineNumber = 0

  constructor(file: string) {
    this.#file = file
  }

  push(chunk: string): void {
    let start = 0
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, newline)
      const line = this.#pending.length > 0 ? this.#pending.join('') + piece : piece
      this.#pending = []
      this.#line(line, false)
      start = newline + 1
    }
    if (start < chunk.length) this.#pending.push(chunk.slice(start))
  }

  /** The documents and their lines, once the input is complete; a last line without its newline may be cut short. */
  end(): Dataset {
    if (this.#pending.length > 0) {
      const line = this.#pending.join('')
      this.#pending = []
      this.#line(line, true)
    }
    return {file: this.#file, documents: this.#documents, lines: this.#lineOfId}
  }

  #line(raw: string, last: boolean): void {
    const lineNumber = ++this.#lineNumber
    const line = raw.trim()
    if (line === '') return
    const file = this.#file
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new DatasetError(
        file,
        lineNumber,
        last
          ? 'the file ends in the middle of a document (truncated?)'
          : `not valid JSON (${(error as Error).message})`,
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetError(file, lineNumber, 'a line must hold one JSON object (a document)')
    }
    const record = value as Record<string, unknown>
    const id = record['_id']
    if (typeof id !== 'string' || id === '') {
      throw new DatasetError(file, lineNumber, 'the document has no `_id`')
    }
    if (typeof record['_type'] !== 'string' || record['_type'] === '') {
      throw new DatasetError(file, lineNumber, `document "${id}" has no \`_type\``)
    }
    // The Content Lake holds one document per ID; silently keeping either copy would build a
    // site from content nobody can point to.
    const firstLine = this.#lineOfId.get(id)
    if (firstLine !== undefined) {
      throw new DatasetError(file, lineNumber, `document "${id}" is also on line ${firstLine} (duplicate \`_id\`)`)
    }
    this.#lineOfId.set(id, lineNumber)
    this.#documents.push(record as StoredDocument)
  }
}

/**
 * Reads a dataset file from disk: bare NDJSON, or the `.tar.gz` archive `sanity dataset export`
 * writes (told apart by content, not by name, as `sanity dataset import` does). Streamed, so its
 * size is bounded by the documents it holds, not by the longest string V8 can make.
 */
export async function readDataset(file: string, name: string = file): Promise<Dataset> {
  if (await isGzip(file)) return readExportArchive(file, name)
  const parser = new NdjsonParser(name)
  for await (const chunk of createReadStream(file, {encoding: 'utf8'})) parser.push(chunk as string)
  return parser.end()
}

/** `data.ndjson` at the root or one folder down, where `sanity dataset export` puts it. */
const dataEntry = /^(?:\.\/)?(?:[^/]+\/)?data\.ndjson$/

/**
 * Reads the documents of a `sanity dataset export` archive (`<name>/data.ndjson` plus asset
 * folders). Asset bodies are skipped unread, and reading stops at `data.ndjson`, which the export
 * writes first, so a multi-gigabyte archive of images costs little more than its documents.
 */
export async function readExportArchive(file: string, name: string = file): Promise<Dataset> {
  // `pipeline` carries a read error, or the cancellation that ends the loop below, through both
  // streams, so the file is closed either way; errors surface in the loop, not in this callback.
  const tar = pipeline(createReadStream(file), createGunzip(), () => {})
  // `node:stream/web` and the DOM library type the same global class apart; the cast only joins them.
  const entries = (Readable.toWeb(tar) as unknown as ReadableStream<Uint8Array>).pipeThrough(
    createTarDecoder({strict: true}),
  )
  let found: Dataset | undefined
  try {
    for await (const entry of entries) {
      if (dataEntry.test(entry.header.name) && (entry.header.type ?? 'file') === 'file') {
        const parser = new NdjsonParser(`${name} (${entry.header.name})`)
        const reader = entry.body.getReader()
        const decoder = new TextDecoder()
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          parser.push(decoder.decode(read.value, {stream: true}))
        }
        parser.push(decoder.decode())
        found = parser.end()
        // Leaving the loop cancels the rest of the stream, closing the file.
        break
      }
      await entry.body.cancel()
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error
    throw new DatasetError(
      name,
      undefined,
      `not a readable \`sanity dataset export\` archive (${innermostMessage(error)})`,
      {cause: error},
    )
  }
  if (!found) {
    throw new DatasetError(name, undefined, 'the archive holds no `data.ndjson` (expected `<name>/data.ndjson`)')
  }
  return found
}

/** Node's web-stream adapter wraps a zlib error in a `TypeError` with an empty message. */
function innermostMessage(error: unknown): string {
  let current = error
  while (current instanceof Error) {
    if (current.message) return current.message
    current = current.cause
  }
  return String(error)
}

/** True when the file starts with gzip's magic bytes: an export archive, whatever its name. */
export async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const {bytesRead, buffer} = await handle.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await handle.close()
  }
}

/**
 * True for documents the published perspective shows. Drafts (`drafts.*`) and release versions
 * (`versions.*`) are never public: groq-js has no perspectives, so they are removed by their ID.
 */
export function isPublished(document: {_id: string}): boolean {
  return isPublishedId(document._id)
}
