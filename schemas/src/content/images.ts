/**
 * Image addresses for content images. Content holds only a reference to an asset; the asset
 * document says where it lives. Only Sanity's own image CDN over https is ever used, so no
 * image can point a reader's browser anywhere else; the one exception is an image not yet
 * uploaded, a file the site serves itself (see `local-images.ts`).
 */

import type {ImageAssetsQueryResult} from '@repo/schemas/types'
import {createImageUrlBuilder} from '@sanity/image-url'
import type {LocalImage} from './local-images.ts'

/** What an `<img>` needs. */
export interface ImageSources {
  src: string
  srcset: string
  width: number
  height: number
}

/** An image field or block as stored: a reference to its asset plus crop and hotspot. */
export interface ImageValue {
  asset?: {_ref: string} | null | undefined
  crop?: {top: number; bottom: number; left: number; right: number} | null | undefined
  hotspot?: {x: number; y: number; height: number; width: number} | null | undefined
  /** An image not yet uploaded, as Sanity's export format names it (`image@file://…`). */
  _sanityAsset?: unknown
}

/** The widths offered in `srcset`; a browser picks by the layout width and pixel density. */
const WIDTHS = [320, 480, 720, 960, 1280]

const CDN_ASSET = /^https:\/\/cdn\.sanity\.io\/images\/([a-z0-9]+)\/([a-z0-9][a-z0-9_-]*)\/[^/?#]+$/

/**
 * Builds a lookup from image value to sources. An image whose asset is unknown, or lives anywhere
 * but `https://cdn.sanity.io/images/<project>/<dataset>/`, has no sources and is not rendered;
 * nor is a file that is not among the checked `localImages`.
 */
export function createImageResolver(
  assets: ImageAssetsQueryResult,
  localImages: ReadonlyMap<string, LocalImage> = new Map(),
): (image: ImageValue | null | undefined) => ImageSources | undefined {
  const byId = new Map(assets.map((asset) => [asset._id, asset]))
  return (image) => {
    const local = typeof image?._sanityAsset === 'string' ? localImages.get(image._sanityAsset) : undefined
    if (local)
      return {src: local.path, srcset: `${local.path} ${local.width}w`, width: local.width, height: local.height}
    const ref = image?.asset?._ref
    if (!image || !ref) return undefined
    const asset = byId.get(ref)
    const match = asset ? CDN_ASSET.exec(asset.url ?? '') : null
    if (!asset || !match?.[1] || !match[2]) return undefined
    const fullWidth = asset.width ?? 0
    const fullHeight = asset.height ?? 0
    if (fullWidth <= 0 || fullHeight <= 0) return undefined
    const builder = createImageUrlBuilder({projectId: match[1], dataset: match[2]})
    const source = {
      asset: {_ref: ref},
      ...(image.crop ? {crop: image.crop} : {}),
      ...(image.hotspot ? {hotspot: image.hotspot} : {}),
    }
    const widths = WIDTHS.filter((width) => width < fullWidth).concat(Math.min(fullWidth, 1600))
    const urlFor = (width: number) => builder.image(source).width(width).fit('max').auto('format').url()
    const candidates = widths.map((width) => ({width, url: urlFor(width)}))
    // The builder only ever produces CDN addresses; checked anyway, as the last gate before a `src`.
    if (!candidates.every(({url}) => url.startsWith('https://cdn.sanity.io/'))) return undefined
    const largest = candidates.at(-1)
    if (!largest) return undefined
    const mid = candidates.find((candidate) => candidate.width >= 720) ?? largest
    // The crop changes the shape the CDN returns; width and height must match it to reserve space.
    const crop = image.crop
    const shownWidth = fullWidth * (crop ? 1 - crop.left - crop.right : 1)
    const shownHeight = fullHeight * (crop ? 1 - crop.top - crop.bottom : 1)
    return {
      src: mid.url,
      srcset: candidates.map(({width, url}) => `${url} ${width}w`).join(', '),
      width: largest.width,
      height: Math.max(1, Math.round((largest.width / shownWidth) * shownHeight)),
    }
  }
}
