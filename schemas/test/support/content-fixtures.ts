import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {packTar, type TarEntry} from 'modern-tar'
import type {StoredDocument} from '../../src/content/dataset.ts'

/** A reference field value, as the Studio stores it. */
export function reference(id: string): {_type: 'reference'; _ref: string} {
  return {_type: 'reference', _ref: id}
}

/** An author document. */
export function author(id: string, name: string): StoredDocument {
  return {_id: id, _type: 'author', name}
}

/** An article document; `author` and `related` are document IDs, stored as references. */
export function article(
  id: string,
  fields: {title: string; slug?: string; author?: string; related?: readonly string[]},
): StoredDocument {
  return {
    _id: id,
    _type: 'article',
    title: fields.title,
    ...(fields.slug === undefined ? {} : {slug: {_type: 'slug', current: fields.slug}}),
    ...(fields.author === undefined ? {} : {author: reference(fields.author)}),
    ...(fields.related === undefined
      ? {}
      : {related: fields.related.map((related, index) => ({_key: `r${index}`, ...reference(related)}))}),
  }
}

/** Documents as NDJSON, one per line with a final newline, as `sanity dataset export` writes. */
export function toNdjson(documents: readonly object[]): string {
  return documents.map((document) => `${JSON.stringify(document)}\n`).join('')
}

/** A throwaway folder for dataset files; `remove` deletes it and everything written to it. */
export interface ScratchDir {
  path: string
  /** Writes a file into the folder and returns its path. */
  write(name: string, content: string | Uint8Array): Promise<string>
  remove(): Promise<void>
}

/** Creates a fresh temporary folder. */
export async function scratchDir(): Promise<ScratchDir> {
  const path = await mkdtemp(join(tmpdir(), 'dataset-'))
  return {
    path,
    async write(name, content) {
      const file = join(path, name)
      await writeFile(file, content)
      return file
    },
    remove: () => rm(path, {recursive: true, force: true}),
  }
}

export interface ExportArchiveOptions {
  /** The archive's top folder; `sanity dataset export` names it `<dataset>-export-<date>`. */
  folder?: string
  /** Puts the asset folders before `data.ndjson`, which the real export never does. */
  assetsFirst?: boolean
  /** Leaves `data.ndjson` out. */
  withoutData?: boolean
}

/**
 * A `.tar.gz` laid out as `sanity dataset export` lays it out: `<folder>/data.ndjson`,
 * `<folder>/assets.json` and the `files/` and `images/` folders, with one image whose path is long
 * enough to need the ustar prefix field, as real asset paths are. `data` is documents or raw NDJSON.
 */
export async function exportArchive(
  data: readonly object[] | string,
  options: ExportArchiveOptions = {},
): Promise<Uint8Array> {
  const folder = options.folder ?? 'production-export-2026-01-01t00-00-00-000z'
  const ndjson = typeof data === 'string' ? data : toNdjson(data)
  const image = `${folder}/images/${'0a1b2c3d4e'.repeat(4)}-1200x800.png`
  const dataEntries: TarEntry[] = options.withoutData
    ? []
    : [{header: {name: `${folder}/data.ndjson`, size: Buffer.byteLength(ndjson)}, body: ndjson}]
  const assetEntries: TarEntry[] = [
    {header: {name: `${folder}/assets.json`, size: 2}, body: '{}'},
    {header: {name: `${folder}/files/`, type: 'directory', size: 0}},
    {header: {name: `${folder}/images/`, type: 'directory', size: 0}},
    {header: {name: image, size: 8}, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])},
  ]
  const entries: TarEntry[] = [
    {header: {name: `${folder}/`, type: 'directory', size: 0}},
    ...(options.assetsFirst ? [...assetEntries, ...dataEntries] : [...dataEntries, ...assetEntries]),
  ]
  return gzipSync(await packTar(entries))
}
