import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {appendFile, copyFile, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse as parseHtml} from 'node-html-parser'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildAtomically} from '../src/build-site.ts'
import {bundledDatasetFile, repoRoot} from '../src/paths.ts'
import type {ImportReport} from '../src/wordpress/report.ts'

const fixtures = join(repoRoot, 'scripts', 'test', 'fixtures', 'wordpress')
const exportFile = join(fixtures, 'blog.xml')
const uploads = join(fixtures, 'uploads')
const REVIEW_NOW = '2026-12-01T00:00:00Z'
// Each run is a child process that spends most of its time loading the schema and jsdom.
const CLI_TIMEOUT = 120_000

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs a script as `pnpm run …` would, from the repository root. */
function runScript(script: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'scripts', 'src', script), ...args],
      {cwd: repoRoot, env: {...process.env, REVIEW_NOW}, maxBuffer: 16 * 1024 * 1024},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({code, stdout: String(stdout), stderr: String(stderr)})
      },
    )
  })
}

const importWordPress = (args: readonly string[]) => runScript('import-wordpress.ts', ['--', ...args])

type Doc = {_id: string; _type: string; [field: string]: unknown}
type Block = {
  _type: string
  _key: string
  style?: string
  listItem?: string
  level?: number
  children?: Array<{text: string; marks: string[]}>
  markDefs?: Array<{_type: string; _key: string; href?: string; reference?: {_ref: string}}>
  [field: string]: unknown
}

function parse(ndjson: string): Doc[] {
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Doc)
}

const text = (block: Block) => (block.children ?? []).map((span) => span.text).join('')

describe('pnpm run import:wordpress on a small export', {timeout: CLI_TIMEOUT}, () => {
  let dir: string
  let out: string
  let run: Run
  let docs: Map<string, Doc>
  let report: ImportReport
  const body = (id: string) => (docs.get(id)?.['body'] ?? []) as Block[]

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordpress-import-'))
    out = join(dir, 'dataset.ndjson')
    run = await importWordPress([
      exportFile,
      '--out',
      out,
      '--uploads',
      uploads,
      '--base',
      bundledDatasetFile,
      '--report',
      join(dir, 'report.json'),
    ])
    docs = new Map(parse(await readFile(out, 'utf8')).map((doc) => [doc._id, doc]))
    report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ImportReport
  }, CLI_TIMEOUT)

  it('accounts for every item of the export, on screen and in the JSON report', async () => {
    expect(run.code).toBe(0)
    const xml = await readFile(exportFile, 'utf8')
    const ids = [...xml.matchAll(/<wp:post_id>(\d+)<\/wp:post_id>/g)].map((match) => Number(match[1]))
    expect(report.items.map((item) => item.wordpressId)).toEqual(ids)
    const outcomes = Object.fromEntries(report.items.map((item) => [item.wordpressId, item.outcome]))
    expect(outcomes).toEqual({
      10: 'published',
      11: 'published',
      12: 'draft',
      13: 'draft',
      14: 'draft',
      15: 'draft',
      16: 'draft',
      17: 'draft',
      18: 'skipped',
      19: 'skipped',
      20: 'skipped',
      21: 'skipped',
      22: 'skipped',
      23: 'skipped',
      24: 'skipped',
      30: 'skipped',
      31: 'skipped',
      32: 'draft',
    })
    const reason = (id: number) => report.items.find((item) => item.wordpressId === id)?.reason
    expect(reason(18)).toMatch(/revision/)
    expect(reason(19)).toMatch(/menu item/)
    expect(reason(20)).toBe('an attachment: imported as an image of post 11')
    expect(reason(24)).toMatch(/no imported post uses/)
    expect(reason(30)).toMatch(/--pages/)
    expect(reason(31)).toMatch(/trash/)
    for (const id of ids) expect(run.stdout).toMatch(new RegExp(`^(published|draft|skipped) +${id} `, 'm'))
    expect(run.stdout).toContain('18 items: 2 published, 7 as drafts, 9 skipped.')
  })

  it('imports published posts as articles that require clinical review and carry no sign-off', () => {
    for (const id of ['article-wp-10', 'article-wp-11']) {
      const article = docs.get(id)
      expect(article?.['requiresClinicalReview']).toBe(true)
      expect(article).not.toHaveProperty('clinicalReview')
    }
    const cafe = docs.get('article-wp-11')
    expect(cafe?.['title']).toBe('Ça va? Über Café talks — «Récupération»')
    expect(cafe?.['slug']).toEqual({_type: 'slug', current: 'ca-va-uber-cafe'})
    expect(cafe?.['author']).toEqual({_type: 'reference', _ref: 'author-wp-mario'})
    expect(docs.get('author-wp-mario')?.['name']).toBe('Mário Souza')
    const levels = docs.get('article-wp-10')
    expect(levels?.['publishedAt']).toBe('2024-05-01T10:00:00Z')
    expect(levels?.['category']).toBe('recovery')
    expect(levels?.['excerpt']).toBe('How outpatient, intensive outpatient and residential care differ.')
    expect(levels?.['heroImage']).toMatchObject({alt: 'Two people talking over coffee'})
  })

  it('never publishes drafts, pending, private or scheduled posts, and keeps untitled, empty and undated posts as listed drafts', () => {
    for (const id of [12, 13, 14, 15, 16, 17, 32]) {
      expect(docs.has(`article-wp-${id}`), `post ${id}`).toBe(false)
      expect(docs.get(`drafts.article-wp-${id}`)?.['requiresClinicalReview'], `post ${id}`).toBe(true)
    }
    const reason = (id: number) => report.items.find((item) => item.wordpressId === id)?.reason
    expect(reason(12)).toBe('it has no title')
    expect(reason(13)).toBe('it has no body text')
    expect(reason(32)).toBe('it has no publication date')
    expect([reason(14), reason(15), reason(16), reason(17)]).toEqual([
      'a draft in WordPress',
      'private in WordPress',
      'scheduled in WordPress',
      'pending review in WordPress',
    ])
    expect(docs.has('article-wp-31')).toBe(false)
    expect(docs.has('drafts.article-wp-31')).toBe(false)
  })

  it('drops block comments and inline styles, makes h1 an h2, and keeps nested lists and preformatted text', () => {
    const blocks = body('article-wp-10')
    expect(JSON.stringify(blocks)).not.toMatch(/wp:|style=|color:red/)
    expect(text(blocks[0] as Block)).toContain('personal and clinical. Styled words stay plain.')
    expect(
      (blocks[0] as Block).children?.filter((span) => span.marks.length === 1 && span.marks[0] === 'strong'),
    ).toHaveLength(1)
    expect(blocks.find((block) => text(block) === 'Levels of care')?.style).toBe('h2')
    const list = blocks.filter((block) => block.listItem).map((block) => [text(block), block.listItem, block.level])
    expect(list).toEqual([
      ['Outpatient', 'bullet', 1],
      ['Standard outpatient', 'bullet', 2],
      ['Intensive outpatient', 'bullet', 2],
      ['Three days a week', 'number', 3],
      ['Residential', 'bullet', 1],
    ])
    const pre = blocks.find((block) => text(block).startsWith('Morning check-in'))
    expect(text(pre as Block)).toBe('Morning check-in\n    breathe in\n    breathe out')
    expect(pre?.children?.[0]?.marks).toEqual(['code'])
  })

  it('turns tables into comparison tables, with the header row detected and a caption for every table', () => {
    const tables = body('article-wp-10').filter((block) => block._type === 'comparisonTable')
    expect(tables.map(({caption, columns, rows}) => ({caption, columns, rows}))).toEqual([
      {
        caption: 'IOP and PHP side by side',
        columns: ['Feature', 'IOP', 'PHP'],
        rows: [
          {_type: 'comparisonRow', _key: expect.any(String), cells: ['Hours per week', '9–19', '20+']},
          {_type: 'comparisonRow', _key: expect.any(String), cells: ['Setting', 'Outpatient', 'Outpatient']},
        ],
      },
      {
        caption: 'Treatment levels, compared (table 2)',
        columns: ['Day', 'Group'],
        rows: [{_type: 'comparisonRow', _key: expect.any(String), cells: ['Monday', 'Relapse prevention']}],
      },
    ])
    const notes = report.items.find((item) => item.wordpressId === 10)?.notes ?? []
    expect(notes).toContain('a table without a header row: its first row is used as the column headings')
  })

  it('imports images with alt text and captions, galleries in order, files from the uploads folder', () => {
    const images = (id: string) => body(id).filter((block) => block._type === 'image')
    const file = (name: string) => `image@file://${join(uploads, '2024', '05', name)}`
    expect(
      images('article-wp-10').map((image) => ({
        _sanityAsset: image['_sanityAsset'],
        alt: image['alt'],
        caption: image['caption'],
      })),
    ).toEqual([
      {_sanityAsset: file('garden.png'), alt: 'The garden path', caption: 'Our garden'},
      // alt="" in the post: the attachment's own alt text is used.
      {_sanityAsset: file('lounge.png'), alt: 'The lounge with armchairs', caption: undefined},
    ])
    // [caption] with a resized copy linked: the original file, the shortcode's caption.
    expect(images('article-wp-11').map((image) => [image['_sanityAsset'], image['alt'], image['caption']])).toEqual([
      [file('photo.png'), 'Two people talking over coffee', 'Coffee after group'],
      [file('garden.png'), 'The garden path', 'Our garden'],
      [file('lounge.png'), 'The lounge with armchairs', undefined],
    ])
  })

  it('keeps an image without alt text out of the published article, in its draft, and flags it', () => {
    const draftImages = body('drafts.article-wp-11').filter((block) => block._type === 'image')
    const noAlt = draftImages.find((image) => !image['alt'])
    // Not in the uploads copy: imported from its address.
    expect(noAlt?.['_sanityAsset']).toBe('image@https://harbor-recovery.example/wp-content/uploads/2024/05/noalt.png')
    expect(body('article-wp-11').some((block) => block._type === 'image' && !block['alt'])).toBe(false)
    const notes = report.items.find((item) => item.wordpressId === 11)?.notes ?? []
    expect(notes).toContain('an image without alt text (noalt.png)')
    expect(run.stdout).toContain('kept in its draft (drafts.article-wp-11)')
  })

  it('keeps the text of other shortcodes as plain text and lists them, leaving ordinary brackets alone', () => {
    const all = [...body('article-wp-10'), ...body('article-wp-11')].map(text)
    expect(all.join('\n')).not.toMatch(/\[(embed|contact-form-7|audio|video|gallery|caption)\b/)
    expect(all).toContain('https://www.youtube.com/watch?v=abc123')
    expect(all).toContain('Contact form below. We answer within a day.')
    expect(all).toContain('https://harbor-recovery.example/wp-content/uploads/2024/05/tour.mp4')
    expect(all).toContain('Prices in [sic] brackets stay as written.')
    const notes = report.items.flatMap((item) => item.notes)
    expect(notes.filter((note) => note.startsWith('shortcode ['))).toHaveLength(4)
  })

  it('turns links between posts into internal links, keeps safe links, and turns unsafe ones into text', () => {
    const first = body('article-wp-10')[0] as Block
    expect(first.markDefs?.map(({_type, href, reference}) => ({_type, href, ref: reference?._ref}))).toEqual([
      {_type: 'internalLink', href: undefined, ref: 'article-wp-11'},
      {_type: 'link', href: 'https://www.samhsa.gov/find-help', ref: undefined},
      {_type: 'link', href: 'mailto:help@harbor-recovery.example', ref: undefined},
    ])
    expect(JSON.stringify(first)).not.toContain('javascript:')
    expect(text(first)).toContain('a hostile link')
    const back = body('article-wp-11').find((block) => text(block).startsWith('Back to'))
    // `?p=10` is the comparison; `?p=14` is a draft, so its link is text; a relative link is made absolute.
    expect(back?.markDefs?.map(({_type, href, reference}) => href ?? `${_type}:${reference?._ref}`)).toEqual([
      'internalLink:article-wp-10',
      'https://harbor-recovery.example/about/',
    ])
    expect(report.items.find((item) => item.wordpressId === 10)?.notes).toContain(
      'a link that cannot be kept (javascript:alert(document.cookie)): its text kept without the link',
    )
  })

  it('creates a redirect from every old permalink that differs from /blog/<slug>/', () => {
    const redirects = [...docs.values()].filter((doc) => doc._type === 'redirect')
    expect(redirects.map(({_id, from, to, permanent}) => ({_id, from, to, permanent}))).toEqual([
      {
        _id: 'redirect-wp-10',
        from: '/2024/05/treatment-levels-compared/',
        to: '/blog/treatment-levels-compared/',
        permanent: true,
      },
      {_id: 'redirect-wp-11', from: '/2024/05/ca-va-uber-cafe/', to: '/blog/ca-va-uber-cafe/', permanent: true},
    ])
  })

  it('writes the same documents when run again, so a re-import updates rather than duplicates', async () => {
    const again = join(dir, 'again.ndjson')
    const second = await importWordPress([
      exportFile,
      '--out',
      again,
      '--uploads',
      uploads,
      '--base',
      bundledDatasetFile,
    ])
    expect(second.code).toBe(0)
    expect(await readFile(again, 'utf8')).toBe(await readFile(out, 'utf8'))
    const ids = parse(await readFile(out, 'utf8')).map((doc) => doc._id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('writes a dataset that pnpm validate passes with zero errors', async () => {
    const validation = await runScript('validate.ts', [out])
    expect(validation.stdout).toMatch(/\n0 errors, \d+ warnings\.\n/)
    expect(validation.code).toBe(0)
  })

  it('builds a site whose article pages carry no block comments or shortcodes, no drafts, and a _redirects file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wordpress-site-'))
    const distDir = join(root, 'dist')
    const build = await buildAtomically({
      distDir,
      env: {CONTENT_DATASET_FILE: out, REVIEW_NOW},
      stdio: 'pipe',
    })
    expect(build.code, build.output).toBe(0)
    for (const slug of ['treatment-levels-compared', 'ca-va-uber-cafe']) {
      const html = await readFile(join(distDir, 'blog', slug, 'index.html'), 'utf8')
      expect(html).not.toMatch(/<!-- \/?wp:|\[\/?(embed|caption|gallery|contact-form-7|audio|video)\b/)
      // Imported articles have no sign-off: the page makes no review claim.
      expect(html).not.toContain('Clinically reviewed by')
    }
    const levels = await readFile(join(distDir, 'blog', 'treatment-levels-compared', 'index.html'), 'utf8')
    expect(levels).toContain('Three days a week')
    expect(levels).toContain('IOP and PHP side by side')
    expect(await readFile(join(distDir, '_redirects'), 'utf8')).toContain(
      '/2024/05/treatment-levels-compared/ /blog/treatment-levels-compared/ 301\n',
    )
    expect(await readdir(distDir)).not.toContain('redirect-records.json')
    const files = await readdir(distDir, {recursive: true})
    for (const file of files.filter((name) => /\.(html|xml|json|txt)$/.test(name))) {
      const content = await readFile(join(distDir, file), 'utf8')
      expect(content, file).not.toMatch(/(DRAFT|PRIVATE|SCHEDULED|PENDING|TRASH|NODATE)-MARKER/)
    }
    // Without CONTENT_IMAGES_DIR an image named by file is left out, with a warning naming the post.
    expect(build.output).toContain('[content] article-wp-11 body[')
    expect(build.output).toMatch(/image photo\.png left out \(CONTENT_IMAGES_DIR is not set\)/)
    expect(existsSync(join(distDir, 'media'))).toBe(false)
  }, 240_000)

  it('shows imported images from CONTENT_IMAGES_DIR in a local build, and never copies a file from outside it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wordpress-images-'))
    // A published article whose featured image names a file outside the images folder.
    const secret = join(root, 'secret.png')
    await copyFile(join(uploads, '2024', '05', 'garden.png'), secret)
    await appendFile(secret, 'not for the site')
    const original = docs.get('article-wp-10')
    const escaping = {
      ...original,
      _id: 'article-escape',
      slug: {_type: 'slug', current: 'escape-attempt'},
      heroImage: {_type: 'image', _sanityAsset: `image@file://${secret}`, alt: 'Outside'},
    }
    const dataset = join(root, 'dataset.ndjson')
    await writeFile(dataset, `${await readFile(out, 'utf8')}${JSON.stringify(escaping)}\n`)
    const distDir = join(root, 'dist')
    const build = await buildAtomically({
      distDir,
      env: {CONTENT_DATASET_FILE: dataset, CONTENT_IMAGES_DIR: uploads, REVIEW_NOW},
      stdio: 'pipe',
    })
    expect(build.code, build.output).toBe(0)

    const html = await readFile(join(distDir, 'blog', 'ca-va-uber-cafe', 'index.html'), 'utf8')
    const page = parseHtml(html)
    const shown = page.querySelectorAll('main figure img').map((img) => ({
      src: img.getAttribute('src') ?? '',
      alt: img.getAttribute('alt'),
      width: img.getAttribute('width'),
    }))
    expect(shown.map(({alt}) => alt)).toEqual([
      'Two people talking over coffee',
      'The garden path',
      'The lounge with armchairs',
    ])
    for (const [index, name] of ['photo.png', 'garden.png', 'lounge.png'].entries()) {
      const image = shown[index]
      expect(image?.src).toMatch(/^\/media\/[0-9a-f]{20}\.png$/)
      // The page serves the very file from the uploads folder, at the size it declares.
      const served = await readFile(join(distDir, image?.src ?? ''))
      expect(served.equals(await readFile(join(uploads, '2024', '05', name)))).toBe(true)
      expect(Number(image?.width)).toBe(served.readUInt32BE(16))
    }

    const media = await readdir(join(distDir, 'media'))
    expect(media).toHaveLength(3)
    const secretBytes = await readFile(secret)
    for (const name of media) expect((await readFile(join(distDir, 'media', name))).equals(secretBytes)).toBe(false)
    expect(await readFile(join(distDir, 'blog', 'escape-attempt', 'index.html'), 'utf8')).not.toContain('Outside')
    expect(build.output).toContain(
      '[content] article-escape heroImage: image secret.png left out (file outside CONTENT_IMAGES_DIR)',
    )
  }, 240_000)
})

describe.concurrent('pnpm run import:wordpress on bad input', {timeout: CLI_TIMEOUT}, () => {
  it('stops at malformed XML with its line and column, and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordpress-bad-'))
    const out = join(dir, 'out.ndjson')
    const run = await importWordPress([join(fixtures, 'malformed.xml'), '--out', out])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^error +scripts\/test\/fixtures\/wordpress\/malformed\.xml:8:7: unexpected close tag\.$/m,
    )
    expect(run.stderr).toContain('Nothing was written.')
    expect(await readdir(dir)).toEqual([])
  })

  it('says so when the file is not a WordPress export, and leaves an earlier output untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordpress-bad-'))
    const out = join(dir, 'out.ndjson')
    await writeFile(out, 'earlier import\n')
    const run = await importWordPress([join(fixtures, 'not-wordpress.xml'), '--out', out])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('not-wordpress.xml is not a WordPress export')
    expect(await readFile(out, 'utf8')).toBe('earlier import\n')
    expect(await readdir(dir)).toEqual(['out.ndjson'])
  })

  it('explains its usage when the output is not given', async () => {
    const run = await importWordPress([exportFile])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Say where to write the dataset with --out.')
  })

  it('imports WordPress pages as articles with --pages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordpress-pages-'))
    const out = join(dir, 'out.ndjson')
    const run = await importWordPress([exportFile, '--out', out, '--pages'])
    expect(run.code).toBe(0)
    expect(existsSync(out)).toBe(true)
    const about = parse(await readFile(out, 'utf8')).find((doc) => doc._id === 'article-wp-30')
    expect(about?.['slug']).toEqual({_type: 'slug', current: 'about'})
    expect(run.stdout).toMatch(/^published +30 page “About us” → article-wp-30$/m)
  })
})
