import {mkdir, mkdtemp, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {collectLocalImages, createImageResolver} from '../../src/content/index.ts'

/** The smallest PNG header an image reader accepts: signature and IHDR with the given size. */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0)
  header.writeUInt32BE(13, 8)
  header.write('IHDR', 12, 'ascii')
  header.writeUInt32BE(width, 16)
  header.writeUInt32BE(height, 20)
  header.writeUInt8(8, 24)
  header.writeUInt8(6, 25)
  return header
}

const asset = (file: string) => `image@${pathToFileURL(file).href}`
const article = (_id: string, file: string) => ({
  _id,
  heroImage: {_type: 'image', _sanityAsset: asset(file), alt: 'A photo'},
  body: [{_type: 'image', _key: 'img1', _sanityAsset: asset(file), alt: 'Again'}],
})

describe('images named by file in a local build', () => {
  let root: string
  let folder: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'local-images-'))
    folder = join(root, 'uploads')
    await mkdir(join(folder, '2024'), {recursive: true})
    await writeFile(join(folder, '2024', 'photo.png'), png(640, 480))
    await writeFile(join(root, 'outside.png'), png(10, 10))
    await symlink(join(root, 'outside.png'), join(folder, '2024', 'link.png'))
    await writeFile(
      join(folder, '2024', 'drawing.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    )
    await writeFile(join(folder, '2024', 'notes.png'), 'not an image at all')
  })

  it('serves a photo inside the folder under a name made from its bytes, at its real size', () => {
    const images = collectLocalImages([article('a', join(folder, '2024', 'photo.png'))], folder)
    expect(images.problems).toEqual([])
    const resolve = createImageResolver([], images.byAsset)
    const sources = resolve({_sanityAsset: asset(join(folder, '2024', 'photo.png'))})
    expect(sources).toMatchObject({width: 640, height: 480})
    expect(sources?.src).toMatch(/^\/media\/[0-9a-f]{20}\.png$/)
  })

  it('refuses files outside the folder, through `..` or a symbolic link, naming the document and field', () => {
    const images = collectLocalImages(
      [article('dotdot', join(folder, '..', 'outside.png')), article('link', join(folder, '2024', 'link.png'))],
      folder,
    )
    expect(images.byAsset.size).toBe(0)
    expect(images.problems).toEqual([
      'dotdot heroImage: image outside.png left out (file outside CONTENT_IMAGES_DIR)',
      'dotdot body[_key=="img1"]: image outside.png left out (file outside CONTENT_IMAGES_DIR)',
      'link heroImage: image link.png left out (file outside CONTENT_IMAGES_DIR)',
      'link body[_key=="img1"]: image link.png left out (file outside CONTENT_IMAGES_DIR)',
    ])
  })

  it('refuses SVG, files that are not images, missing files, and everything when no folder is set', () => {
    const svg = collectLocalImages([article('svg', join(folder, '2024', 'drawing.svg'))], folder)
    expect(svg.problems[0]).toBe(
      'svg heroImage: image drawing.svg left out (SVG is not served; only JPEG, PNG, GIF, WebP, AVIF)',
    )
    const fake = collectLocalImages([article('fake', join(folder, '2024', 'notes.png'))], folder)
    expect(fake.problems[0]).toBe('fake heroImage: image notes.png left out (not an image)')
    const missing = collectLocalImages([article('gone', join(folder, '2024', 'gone.png'))], folder)
    expect(missing.problems[0]).toBe('gone heroImage: image gone.png left out (file not found)')
    const unset = collectLocalImages([article('a', join(folder, '2024', 'photo.png'))], undefined)
    expect(unset.byAsset.size).toBe(0)
    expect(unset.problems[0]).toBe('a heroImage: image photo.png left out (CONTENT_IMAGES_DIR is not set)')
  })

  it('stops the build with a clear message when the folder itself cannot be used', () => {
    expect(() => collectLocalImages([], join(root, 'nowhere'))).toThrow(/CONTENT_IMAGES_DIR .*nowhere cannot be used/)
  })
})
