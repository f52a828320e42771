/**
 * `pnpm build` twice: the second build reuses what did not change, and what it publishes is
 * exactly what a build from scratch publishes. One site is changed step by step (an edited
 * article, a deleted one, a changed slug, changed settings, tampered sign-offs, a review that
 * lapses as the clock moves, and documents the pages reference renamed) and built incrementally
 * after each step; after each, the same dataset is built cold into another folder and the two
 * sites are compared file by file, byte for byte.
 *
 * "Timestamps aside" means file modification times only: the built files hold no build time, so
 * their names and bytes must match exactly.
 */
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {articleId, BENCH_REVIEW_NOW, type CorpusDocument, writeCorpus} from '../src/bench/corpus.ts'
import {type BuildSummary, buildAtomically, NON_PAGE_FILES} from '../src/build-site.ts'

const ARTICLES = 24
/** After some of the corpus's reviews (signed January to October 2026, valid a year) lapse. */
const LATER = '2027-04-01T00:00:00Z'

interface Site {
  root: string
  distDir: string
  workDir: string
}

let documents: CorpusDocument[]
let datasetFile: string
let incremental: Site
let now = BENCH_REVIEW_NOW
/** The last build's log, for the indexer's line. */
let lastOutput = ''
/** The log of the last incremental build `expectSameAsColdBuild` ran. */
let incrementalOutput = ''

async function newSite(): Promise<Site> {
  const root = await mkdtemp(join(tmpdir(), 'incremental-build-'))
  return {root, distDir: join(root, 'dist'), workDir: join(root, 'work')}
}

async function build(site: Site): Promise<BuildSummary> {
  await writeFile(datasetFile, documents.map((document) => `${JSON.stringify(document)}\n`).join(''))
  const {code, output, summary} = await buildAtomically({
    distDir: site.distDir,
    workDir: site.workDir,
    // Three search indexes of 8 articles, so that reusing the unchanged ones is tested too.
    env: {CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW: now, SEARCH_ARTICLES_PER_INDEX: '8'},
    stdio: 'pipe',
  })
  if (code !== 0 || !summary) throw new Error(`The build failed:\n${output.slice(-4000)}`)
  lastOutput = output
  return summary
}

/** Every file of a built site: its path and its bytes. */
async function files(root: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(root, {recursive: true, withFileTypes: true})
  const found = new Map<string, Buffer>()
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    found.set(path.slice(root.length + 1), await readFile(path))
  }
  return found
}

/** Expects the two sites to hold the same files with the same bytes. */
function expectSameFiles(built: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...built.keys()].sort()).toEqual([...expected.keys()].sort())
  const different = [...expected].filter(([path, bytes]) => !built.get(path)?.equals(bytes)).map(([path]) => path)
  expect(different).toEqual([])
}

/**
 * Builds the incremental site, then the same dataset cold, and expects the same files. Also
 * expects the site published before to have stayed as it was while the build ran, and to be kept
 * as the spare: the build assembles the new site in the spare, whose files may be hard links to
 * the published ones, and writing one in place would change the live site.
 */
async function expectSameAsColdBuild(): Promise<BuildSummary> {
  const published = await files(incremental.distDir)
  const summary = await build(incremental)
  incrementalOutput = lastOutput
  expectSameFiles(await files(join(incremental.root, '.dist-spare')), published)
  const cold = await newSite()
  await build(cold)
  expectSameFiles(await files(incremental.distDir), await files(cold.distDir))
  return summary
}

function article(index: number): CorpusDocument & Record<string, unknown> {
  const found = documents.find((document) => document._id === articleId(index))
  if (!found) throw new Error(`No article ${index}`)
  return found as CorpusDocument & Record<string, unknown>
}

/** Indexes of two articles (not 5 or 7, changed by other steps) where the first links to the second. */
function linkedPair(): [number, number] {
  for (let from = 0; from < ARTICLES; from++) {
    if (from === 5 || from === 7) continue
    const body = JSON.stringify(article(from)['body'])
    for (let to = 0; to < ARTICLES; to++) {
      if (to !== from && to !== 5 && to !== 7 && body.includes(`"_ref":"${articleId(to)}"`)) return [from, to]
    }
  }
  throw new Error('No article links to another')
}

/** The search indexes a build wrote (from its log), and how many of them it moved back from the one before. */
function searchIndexes(output: string): {written: number; reused: number} {
  const match = /\((\d+) Pagefind index(?:es)?(?:, (\d+) reused)?/.exec(output)
  if (!match) throw new Error('The build printed no search index line')
  return {written: Number(match[1]), reused: Number(match[2] ?? 0)}
}

function signoffOf(index: number): Record<string, unknown> {
  const found = documents.find((document) => document._id === `clinicalSignoff-${articleId(index)}`)
  if (!found) throw new Error(`No sign-off of article ${index}`)
  return found as CorpusDocument & Record<string, unknown>
}

function slugOf(index: number): string {
  return (article(index)['slug'] as {current: string}).current
}

describe('pnpm build, incrementally', {timeout: 600_000}, () => {
  beforeAll(async () => {
    const corpus = await writeCorpus(await mkdtemp(join(tmpdir(), 'incremental-corpus-')), {
      articles: ARTICLES,
      seed: 20261201,
    })
    datasetFile = corpus.datasetFile
    documents = (await readFile(datasetFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CorpusDocument)
    incremental = await newSite()
    const first = await build(incremental)
    expect(first.fullBuild).toBe('no previous build in the work folder')
  }, 300_000)

  it('renders no page again when nothing changed', async () => {
    const page = join(incremental.workDir, 'out', 'blog', slugOf(3), 'index.html')
    const before = await stat(page)
    const manifest = JSON.parse(
      await readFile(join(incremental.workDir, 'astro-cache', 'incremental-build.json'), 'utf8'),
    ) as {routes: Record<string, {paths: Record<string, unknown>}>}
    const keyedPages = Object.values(manifest.routes).reduce((sum, route) => sum + Object.keys(route.paths).length, 0)

    const summary = await build(incremental)

    expect(summary.fullBuild).toBeUndefined()
    expect(keyedPages).toBeGreaterThan(ARTICLES)
    expect(summary.reused).toBe(keyedPages)
    expect(summary.rendered).toBe(0)
    expect(summary.removed).toBe(0)
    expect((await stat(page)).mtimeMs).toBe(before.mtimeMs)
    // Nothing the search index reads changed, and the published site gets no new file.
    expect(summary.searchIndex).toBe('reused')
    expect(summary.published.changed).toBe(0)
  })

  it('publishes the same site as a cold build after an article is edited', async () => {
    const edited = article(5)
    edited['title'] = 'Edited: what changes in week one of outpatient care'
    edited['excerpt'] = 'An edited summary.'
    const summary = await expectSameAsColdBuild()
    expect(summary.reused).toBeGreaterThan(0)
    // Only the search index that holds the edited article is built again.
    expect(summary.searchIndex).toBe('partly reused')
    const page = await readFile(join(incremental.distDir, 'blog', slugOf(5), 'index.html'), 'utf8')
    expect(page).toContain('Edited: what changes in week one of outpatient care')
  })

  it('publishes the same site as a cold build after an article is deleted, leaving no page of it', async () => {
    const slug = slugOf(7)
    documents = documents.filter((document) => document._id !== articleId(7))
    const summary = await expectSameAsColdBuild()
    expect(summary.removed).toBeGreaterThanOrEqual(1)
    await expect(stat(join(incremental.distDir, 'blog', slug))).rejects.toThrow()
    await expect(stat(join(incremental.workDir, 'out', 'blog', slug))).rejects.toThrow()
  })

  it('publishes the same site as a cold build after a new article is published, rebuilding only the search index that holds it', async () => {
    // Newest of all, so it comes first in the records: cut in file order, it would have moved
    // every other article into the next index. With no program level or therapy, the pages the
    // main index reads whole (which list their articles) do not change; no sign-off, and none
    // needed. 24 articles again, so still three indexes of 8.
    const source = article(0)
    const published = '2026-11-20T09:00:00Z'
    const title = 'New: what to expect on the first day of outpatient care'
    documents.push({
      ...structuredClone(source),
      _id: 'article-bench-new',
      _createdAt: published,
      _updatedAt: published,
      title,
      slug: {_type: 'slug', current: 'what-to-expect-on-the-first-day'},
      publishedAt: published,
      programLevels: [],
      therapies: [],
      requiresClinicalReview: false,
      seo: {_type: 'seo', metaTitle: title.slice(0, 60)},
    })
    const summary = await expectSameAsColdBuild()
    expect(summary.searchIndex).toBe('partly reused')
    const {written, reused} = searchIndexes(incrementalOutput)
    expect(reused).toBe(written - 1)
    const page = await readFile(
      join(incremental.distDir, 'blog', 'what-to-expect-on-the-first-day', 'index.html'),
      'utf8',
    )
    expect(page).toContain(title)
  })

  it('publishes the same site as a cold build after a slug changes, links to it included', async () => {
    // An article another article links to (and not one changed above), so a link has to move.
    const [from, to] = linkedPair()
    const old = slugOf(to)
    article(to)['slug'] = {_type: 'slug', current: 'a-new-address'}
    await expectSameAsColdBuild()
    await expect(stat(join(incremental.distDir, 'blog', old))).rejects.toThrow()
    const linking = await readFile(join(incremental.distDir, 'blog', slugOf(from), 'index.html'), 'utf8')
    expect(linking).toContain('href="/blog/a-new-address/"')
  })

  it('publishes the same site as a cold build after a program level and the reviewer are renamed', async () => {
    const level = documents.find((document) => document._id === 'programLevel-detox') as Record<string, unknown>
    level['name'] = 'Medically Supervised Withdrawal'
    const reviewer = documents.find((document) => document._type === 'clinicalReviewer') as Record<string, unknown>
    reviewer['name'] = 'Dr. Katherine Smith'
    const summary = await expectSameAsColdBuild()
    expect(summary.reused).toBeGreaterThan(0)
    const program = await readFile(join(incremental.distDir, 'programs', 'detox', 'index.html'), 'utf8')
    expect(program).toContain('Medically Supervised Withdrawal')
  })

  it('publishes the same site as a cold build after the settings change', async () => {
    const settings = documents.find((document) => document._type === 'siteSettings') as Record<string, unknown>
    settings['organizationName'] = 'Renamed Recovery Centers'
    const summary = await expectSameAsColdBuild()
    const page = await readFile(join(incremental.distDir, 'blog', slugOf(3), 'index.html'), 'utf8')
    expect(page).toContain('Renamed Recovery Centers')
    // Every page shows the settings, so none could be reused; only the files that show none
    // could: robots.txt, and the redirect records the build reads.
    expect(summary.reused).toBe(2)
  })

  it('publishes the same site as a cold build after sign-offs are tampered with, though their signatures verified before', async () => {
    // Two articles that show a claim now. The last build verified both sign-offs and remembered
    // it; one now carries another sign-off's signature, the other a later signing time under its
    // own signature. Neither `_rev` changes, as when a dataset file is edited by hand.
    const claimed: number[] = []
    for (let index = 0; index < ARTICLES && claimed.length < 2; index++) {
      if (index === 7) continue
      const page = await readFile(join(incremental.distDir, 'blog', slugOf(index), 'index.html'), 'utf8')
      if (page.includes('Clinically reviewed by')) claimed.push(index)
    }
    const [copied, redated] = claimed.map((index) => signoffOf(index))
    if (!copied || !redated) throw new Error('Fewer than two articles show a claim')
    copied['signature'] = redated['signature']
    redated['signedAt'] = '2026-11-30T09:00:00Z'
    await expectSameAsColdBuild()
    for (const index of claimed) {
      const page = await readFile(join(incremental.distDir, 'blog', slugOf(index), 'index.html'), 'utf8')
      expect(page).not.toContain('Clinically reviewed by')
    }
  })

  it('publishes the same site as a cold build when the clock passes a review’s expiry', async () => {
    const before = await files(incremental.distDir)
    now = LATER
    await expectSameAsColdBuild()
    const after = await files(incremental.distDir)
    const lapsed = [...before.keys()].filter(
      (path) =>
        path.startsWith('blog/') &&
        before.get(path)?.toString().includes('Clinically reviewed by') &&
        !after.get(path)?.toString().includes('Clinically reviewed by'),
    )
    // Some claims lapse and some do not: the pages differ only where the claim changed.
    expect(lapsed.length).toBeGreaterThan(0)
    expect(
      [...after.keys()].filter((path) => after.get(path)?.toString().includes('Clinically reviewed by')).length,
    ).toBeGreaterThan(0)
  })

  it('publishes the same site as a cold build after a code change renamed a stylesheet, leaving the old one behind', async () => {
    // As a build after a component's styles changed finds its work folder: the last build wrote a
    // stylesheet under a name this build no longer writes, and recorded it among its non-page files.
    const stale = '_astro/Retired.0ld5tyle.css'
    const leaveStaleStylesheet = async () => {
      await mkdir(join(incremental.workDir, 'out', '_astro'), {recursive: true})
      await writeFile(join(incremental.workDir, 'out', stale), 'a { color: red }\n')
    }
    await leaveStaleStylesheet()
    const record = join(incremental.workDir, NON_PAGE_FILES)
    const recorded: unknown = JSON.parse(await readFile(record, 'utf8'))
    expect(recorded).toContain('sitemap-index.xml')
    await writeFile(record, JSON.stringify([...(recorded as string[]), stale]))
    expect((await expectSameAsColdBuild()).rendered).toBe(0)

    // A work folder without the record (kept by an older build) is listed instead.
    await leaveStaleStylesheet()
    await rm(record)
    expect((await expectSameAsColdBuild()).rendered).toBe(0)
    expect(JSON.parse(await readFile(record, 'utf8'))).not.toContain(stale)
  })

  it('keeps one copy of each page, and renders a page missing from the work folder again rather than restore an old copy', async () => {
    // The work folder's output is the only copy of its pages: Astro's cache holds none.
    const cacheCopies = join(incremental.workDir, 'astro-cache', 'dist')
    await expect(stat(cacheCopies)).rejects.toThrow(/ENOENT/)
    // As a work folder an older build left: a copy of a page in Astro's cache, out of date, and
    // the page itself gone from the output.
    const page = join('blog', slugOf(3), 'index.html')
    await mkdir(join(cacheCopies, 'blog', slugOf(3)), {recursive: true})
    await writeFile(join(cacheCopies, page), '<!doctype html><title>An old copy</title>\n')
    await rm(join(incremental.workDir, 'out', page))
    const summary = await expectSameAsColdBuild()
    expect(summary.rendered).toBe(1)
    await expect(stat(cacheCopies)).rejects.toThrow(/ENOENT/)
  })

  it('renders every page again when the site’s config or integrations changed since the last build', async () => {
    // As if the last build ran with another astro.config.ts, which Astro's own cache would not
    // notice: a reused page could then link a stylesheet under a name the new config no longer uses.
    await writeFile(join(incremental.workDir, 'build-code.sha256'), 'built with other code\n')
    const summary = await build(incremental)
    expect(summary.fullBuild).toContain("the site's build code changed (site/astro.config.ts")
    expect(summary.reused).toBe(0)
  })
})
