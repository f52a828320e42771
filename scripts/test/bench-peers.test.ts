import {glob, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PAGEFIND_CLI} from '@repo/site/build'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {articleHeadline, writeCorpus} from '../src/bench/corpus.ts'
import {measureCommand} from '../src/bench/measure.ts'
import {writeAstroFloorPeer, writeAstroPeer, writeEleventyPeer} from '../src/bench/peers.ts'
import {SITE_ROOT} from '../src/bench/stages.ts'

const ARTICLES = 4
const SEED = 11
const QUIET = {DO_NOT_TRACK: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'}
const scratchDirs: string[] = []
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, {recursive: true, force: true}))))

let markdownDir = ''
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-peers-'))
  scratchDirs.push(dir)
  markdownDir = (await writeCorpus(join(dir, 'corpus'), {articles: ARTICLES, seed: SEED})).markdownDir
})

async function build(command: string[], cwd: string): Promise<void> {
  const [file = '', ...args] = command
  const result = await measureCommand(file, args, {cwd, env: {...process.env, ...QUIET}, gnuTime: null})
  if (result.exitCode !== 0) throw new Error(`${command.join(' ')} failed:\n${result.output}`)
}

const ELEVENTY = join(SITE_ROOT, '..', 'scripts', 'node_modules', '@11ty', 'eleventy', 'cmd.cjs')

/** The Eleventy peer written into a new folder and built cold into its `_site`; returns the folder. */
async function builtEleventyPeer(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-eleventy-peer-'))
  scratchDirs.push(dir)
  await writeEleventyPeer(dir, {markdownDir})
  await build([process.execPath, ELEVENTY, '--quiet'], dir)
  return dir
}

/** Every page under `outDir` and when it was last written. */
async function pageTimes(outDir: string): Promise<Map<string, number>> {
  const times = new Map<string, number>()
  for await (const page of glob('**/*.html', {cwd: outDir})) times.set(page, (await stat(join(outDir, page))).mtimeMs)
  return times
}

/** Each Markdown article's h2/h3 headings and whether it has a table, from the twin itself. */
async function expectations(slug: string) {
  const markdown = await readFile(join(markdownDir, `${slug}.md`), 'utf8')
  return {
    headings: markdown
      .split('\n')
      .filter((line) => /^#{2,3} /.test(line))
      .map((line) => line.replace(/^#+ /, '')),
    table: /^\| /m.test(markdown),
  }
}

async function expectArticlePages(outDir: string) {
  let tables = 0
  for (let index = 0; index < ARTICLES; index++) {
    const {title, slug} = articleHeadline(SEED, index)
    const html = await readFile(join(outDir, 'blog', slug, 'index.html'), 'utf8')
    const {headings, table} = await expectations(slug)
    expect(html).toMatch(new RegExp(`<h1[^>]*>${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h1>`))
    expect(html).toContain('Clinically reviewed by <a href="/reviewers/kate-smith/">Dr. Kate Smith</a>')
    expect(html).toContain('<header>')
    expect(html).toContain('<footer>')
    const rendered = [...html.matchAll(/<h[23][^>]*>(.*?)<\/h[23]>/g)].map((match) => match[1])
    expect(rendered).toEqual(headings)
    expect(html.includes('<table>'), slug).toBe(table)
    // Data, not code: the only script element is the JSON-LD that names the reviewer.
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/ld+json">'])
    expect(html).toContain('"reviewedBy":{"@type":"Person","name":"Dr. Kate Smith"}')
    if (table) tables++
  }
  // The seed is chosen so that one of the articles has a comparison table.
  expect(tables).toBeGreaterThan(0)
}

describe('the peers the benchmark builds', () => {
  it('build an Astro Markdown blog whose article pages carry the title, byline, headings and tables, and no JavaScript', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-astro-peer-'))
    scratchDirs.push(dir)
    await writeAstroPeer(dir, {markdownDir, astroPackage: join(SITE_ROOT, 'node_modules', 'astro')})
    await build([process.execPath, join(SITE_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], dir)
    await expectArticlePages(join(dir, 'dist'))
  }, 120_000)

  it('build an Eleventy blog whose article pages carry the title, byline, headings and tables, and no JavaScript', async () => {
    const dir = await builtEleventyPeer()
    await expectArticlePages(join(dir, '_site'))
  }, 120_000)

  it('rebuild only the edited article’s page with Eleventy’s one-off incremental build (`--incremental=<file>`)', async () => {
    const dir = await builtEleventyPeer()
    const before = await pageTimes(join(dir, '_site'))
    const {slug} = articleHeadline(SEED, 1)
    const markdown = join(dir, 'content', 'blog', `${slug}.md`)
    const text = await readFile(markdown, 'utf8')
    // A new file, not an edit in place: the peer's Markdown is hard-linked to the shared corpus.
    await rm(markdown)
    await writeFile(markdown, `${text.trimEnd()}\n\nThis sentence was added by an editor.\n`)

    await build([process.execPath, ELEVENTY, '--quiet', `--incremental=content/blog/${slug}.md`], dir)

    const after = await pageTimes(join(dir, '_site'))
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    const rewritten = [...after].filter(([page, time]) => time !== before.get(page)).map(([page]) => page)
    expect(rewritten).toEqual([join('blog', slug, 'index.html')])
    expect(await readFile(join(dir, '_site', 'blog', slug, 'index.html'), 'utf8')).toContain(
      'This sentence was added by an editor.',
    )
  }, 120_000)

  it('index every page of a peer’s output with Pagefind’s command, as the benchmark times it', async () => {
    const outDir = join(await builtEleventyPeer(), '_site')
    await build([process.execPath, PAGEFIND_CLI, '--site', outDir], outDir)
    const entry = JSON.parse(await readFile(join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, {page_count: number}>
    }
    const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)
    expect(indexed).toBe((await pageTimes(outDir)).size)
    expect(indexed).toBeGreaterThan(ARTICLES)
  })

  it('build Astro’s floor: as many pages as articles, each with nothing but a title and a line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-astro-floor-'))
    scratchDirs.push(dir)
    await writeAstroFloorPeer(dir, {pages: ARTICLES, astroPackage: join(SITE_ROOT, 'node_modules', 'astro')})
    await build([process.execPath, join(SITE_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], dir)
    const pages = await readdir(join(dir, 'dist', 'blog'))
    expect(pages).toHaveLength(ARTICLES)
    const html = await readFile(join(dir, 'dist', 'blog', 'page-0', 'index.html'), 'utf8')
    expect(html).toContain('<h1>Page 0</h1>')
    expect(html).not.toContain('<script')
  }, 120_000)
})
