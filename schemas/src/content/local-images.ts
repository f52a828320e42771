/**
 * Images that are still files on this machine. A dataset in Sanity's export format may name an
 * image by file (`_sanityAsset: "image@file:///…/photo.jpg"`), as `pnpm run import:wordpress
 * --uploads` writes it; `sanity dataset import` uploads such files. Before that import, a local
 * build can show them: with `CONTENT_IMAGES_DIR` naming the folder they live in, each one is
 * served from the site itself under a name made from its bytes.
 *
 * Only raster images inside that folder are used: no path outside it (`..`, symbolic links), no
 * SVG (a document that can carry script), nothing that does not decode as the image it claims.
 */

import {createHash} from 'node:crypto'
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {isAbsolute, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {imageSize} from 'image-size'

/** The site path local images are served under. */
export const LOCAL_IMAGE_PATH = '/media/'

/** Larger files are left out: a reader on a phone should never download one. */
const MAX_BYTES = 20 * 1024 * 1024

/** The types a browser shows and that carry no script, with the extension each is served with. */
const RASTER_TYPES: Readonly<Record<string, string>> = {
  jpg: 'jpg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
}

/** A local image ready to serve: where it is read from, where the site serves it, its size. */
export interface LocalImage {
  /** The `_sanityAsset` value that names it. */
  asset: string
  /** Its real path, inside the images folder. */
  file: string
  /** The site path it is served at: {@link LOCAL_IMAGE_PATH}, then a name made from its bytes. */
  path: string
  width: number
  height: number
}

/** The local images a dataset names, and why any of them cannot be shown. */
export interface LocalImages {
  /** Every usable image, by its `_sanityAsset` value. */
  byAsset: ReadonlyMap<string, LocalImage>
  /** One line per image left out, naming the document `_id` and field path. */
  problems: string[]
}

/** A document as stored, or anything with an `_id` whose fields may hold image objects. */
interface Stored {
  _id: string
}

/**
 * Finds every `_sanityAsset: "image@file://…"` in `documents` and checks its file against
 * `folder`. Without a folder, no local image is usable and each one found is a problem, so a build
 * says which posts lose an image.
 */
export function collectLocalImages(documents: Iterable<Stored>, folder: string | undefined): LocalImages {
  const root = folder ? realFolder(folder) : undefined
  const byAsset = new Map<string, LocalImage>()
  const refused = new Map<string, string>()
  const problems: string[] = []
  for (const document of documents) {
    visit(document, '', (asset, path) => {
      if (byAsset.has(asset)) return
      let reason = refused.get(asset)
      if (reason === undefined) {
        const found = root === undefined ? 'CONTENT_IMAGES_DIR is not set' : check(asset, root)
        if (typeof found === 'string') {
          reason = found
          refused.set(asset, reason)
        } else {
          byAsset.set(asset, found)
          return
        }
      }
      problems.push(`${document._id} ${path}: image ${shortName(asset)} left out (${reason})`)
    })
  }
  return {byAsset, problems}
}

function realFolder(folder: string): string {
  try {
    const real = realpathSync(folder)
    if (!statSync(real).isDirectory()) throw new Error('not a folder')
    return real
  } catch (error) {
    throw new Error(
      `CONTENT_IMAGES_DIR ${folder} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

const FILE_ASSET = 'image@file://'

/** Calls `found` with every local image asset under `value`, with its field path. */
function visit(value: unknown, path: string, found: (asset: string, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const key = item && typeof item === 'object' && typeof item._key === 'string' ? `_key=="${item._key}"` : index
      visit(item, `${path}[${key}]`, found)
    })
    return
  }
  if (!value || typeof value !== 'object') return
  // Text blocks are most of a body and hold no images: skipping them keeps a 10,000-article walk short.
  if ((value as {_type?: unknown})._type === 'block') return
  for (const [key, field] of Object.entries(value)) {
    if (key === '_sanityAsset') {
      if (typeof field === 'string' && field.startsWith(FILE_ASSET)) found(field, path || key)
      continue
    }
    if (field && typeof field === 'object') visit(field, path ? `${path}.${key}` : key, found)
  }
}

/** The image an asset names, or why it cannot be used. */
function check(asset: string, root: string): LocalImage | string {
  let file: string
  try {
    file = realpathSync(fileURLToPath(asset.slice('image@'.length)))
  } catch {
    return 'file not found'
  }
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return 'file outside CONTENT_IMAGES_DIR'
  const stats = statSync(file)
  if (!stats.isFile()) return 'not a file'
  if (stats.size > MAX_BYTES) return `larger than ${MAX_BYTES / 1024 / 1024} MB`
  const bytes = readFileSync(file)
  let size: ReturnType<typeof imageSize>
  try {
    size = imageSize(bytes)
  } catch {
    return 'not an image'
  }
  const extension = size.type ? RASTER_TYPES[size.type] : undefined
  if (!extension) return `${(size.type ?? 'unknown').toUpperCase()} is not served; only JPEG, PNG, GIF, WebP, AVIF`
  if (!size.width || !size.height) return 'no width or height'
  const name = createHash('sha256').update(bytes).digest('hex').slice(0, 20)
  return {asset, file, path: `${LOCAL_IMAGE_PATH}${name}.${extension}`, width: size.width, height: size.height}
}

function shortName(asset: string): string {
  return asset.slice(asset.lastIndexOf('/') + 1) || asset
}
