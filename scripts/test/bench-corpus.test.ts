import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {
  evaluateArticleReview,
  type ReviewableArticle,
  resolvePolicy,
  reviewTrust,
  type SignoffRecord,
} from '@repo/schemas/review'
import {validateContentDocument} from '@repo/schemas/validation'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BENCH_REVIEW_NOW, type CorpusDocument, writeCorpus} from '../src/bench/corpus.ts'

const scratchDirs: string[] = []
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, {recursive: true, force: true}))))

async function corpus(articles: number, seed: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-corpus-'))
  scratchDirs.push(dir)
  const written = await writeCorpus(dir, {articles, seed})
  const documents = (await readFile(written.datasetFile, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as CorpusDocument)
  return {...written, documents}
}

async function markdownFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name), 'utf8'))
  return files
}

type Block = {_type: string; style?: string; children?: Array<{text: string}>}
const articlesOf = (documents: readonly CorpusDocument[]) =>
  documents.filter((document) => document._type === 'article')
const bodyOf = (article: CorpusDocument) => article['body'] as Block[]

describe('the benchmark corpus', () => {
  let forty: Awaited<ReturnType<typeof corpus>>
  beforeAll(async () => {
    forty = await corpus(40, 7)
  })

  it('writes the same bytes for the same seed, and different ones for another seed', async () => {
    const again = await corpus(40, 7)
    const other = await corpus(40, 8)
    expect(await readFile(again.datasetFile)).toEqual(await readFile(forty.datasetFile))
    expect(await markdownFiles(again.markdownDir)).toEqual(await markdownFiles(forty.markdownDir))
    expect(await readFile(other.datasetFile)).not.toEqual(await readFile(forty.datasetFile))
  })

  it('holds N articles besides the settings, the five program levels, the therapies and the reviewer', () => {
    expect(articlesOf(forty.documents)).toHaveLength(40)
    const count = (type: string) => forty.documents.filter((document) => document._type === type).length
    expect(count('siteSettings')).toBe(1)
    expect(count('programLevel')).toBe(5)
    expect(count('therapy')).toBe(5)
    expect(count('clinicalReviewer')).toBe(1)
    expect(new Set(forty.documents.map((document) => document._id)).size).toBe(forty.documents.length)
  })

  it('signs every article off with a review the shared rules find valid at the pinned instant', async () => {
    const settings = forty.documents.find((document) => document._id === 'siteSettings')
    const reviewer = forty.documents.find((document) => document._type === 'clinicalReviewer')
    expect(reviewer).toBeDefined()
    const policy = resolvePolicy(settings?.['reviewPolicy'] as {validityMonths?: number} | undefined)
    const signoffs = forty.documents.filter((document) => document._type === 'clinicalSignoff') as SignoffRecord[]
    const statuses = await Promise.all(
      articlesOf(forty.documents).map(async (article) => {
        const evaluation = await evaluateArticleReview(
          article as ReviewableArticle & {_id: string},
          {
            faqs: [],
            signoffs: signoffs.filter((signoff) => signoff.article?._ref === article._id),
            reviewers: [reviewer as never],
          },
          policy,
          new Date(BENCH_REVIEW_NOW),
          reviewTrust({live: false}),
        )
        return `${article._id}: ${evaluation.status}`
      }),
    )
    expect(statuses).toEqual(articlesOf(forty.documents).map((article) => `${article._id}: valid`))
  })

  it('makes every reference point at a document of the corpus, and every citation mark at a citation', () => {
    const ids = new Set(forty.documents.map((document) => document._id))
    const dangling: string[] = []
    const walk = (value: unknown, owner: string) => {
      if (Array.isArray(value)) for (const item of value) walk(item, owner)
      else if (typeof value === 'object' && value !== null) {
        const ref = (value as {_ref?: unknown})._ref
        if (typeof ref === 'string' && !ids.has(ref)) dangling.push(`${owner} → ${ref}`)
        for (const child of Object.values(value)) walk(child, owner)
      }
    }
    for (const document of forty.documents) walk(document, document._id)
    expect(dangling).toEqual([])

    for (const article of articlesOf(forty.documents)) {
      const keys = new Set((article['citations'] as Array<{_key: string}>).map((citation) => citation._key))
      const marks = bodyOf(article).flatMap((block) =>
        ((block as {markDefs?: Array<{_type: string; citationKey?: string}>}).markDefs ?? []).filter(
          (def) => def._type === 'citationRef',
        ),
      )
      expect(marks.length).toBeGreaterThan(0)
      for (const mark of marks) expect(keys.has(mark.citationKey ?? '')).toBe(true)
    }
  })

  it('gives each article about 1,000 words with headings, bullet lists and both kinds of link, and some a comparison table', () => {
    const articles = articlesOf(forty.documents)
    expect(forty.meanWords).toBeGreaterThanOrEqual(900)
    expect(forty.meanWords).toBeLessThanOrEqual(1200)
    for (const article of articles) {
      const body = bodyOf(article) as Array<Block & {listItem?: string; markDefs?: Array<{_type: string}>}>
      const annotations = new Set(body.flatMap((block) => (block.markDefs ?? []).map((def) => def._type)))
      expect(body.filter((block) => block.style === 'h2').length, article._id).toBeGreaterThanOrEqual(4)
      expect(
        body.some((block) => block.listItem === 'bullet'),
        article._id,
      ).toBe(true)
      expect([...annotations].sort(), article._id).toEqual(['citationRef', 'internalLink', 'link'])
      expect(article['programLevels'], article._id).toHaveLength(1)
      expect(article['therapies'], article._id).toHaveLength(2)
    }
    const withTable = articles.filter((article) => bodyOf(article).some((block) => block._type === 'comparisonTable'))
    expect(withTable.length).toBeGreaterThan(0)
    expect(withTable.length).toBeLessThan(articles.length)
  })

  it('writes a Markdown twin of each article with the same headings in the same order', async () => {
    const files = await markdownFiles(forty.markdownDir)
    expect(files.size).toBe(40)
    for (const article of articlesOf(forty.documents)) {
      const slug = (article['slug'] as {current: string}).current
      const markdown = files.get(`${slug}.md`)
      expect(markdown, slug).toBeDefined()
      const fromPortableText = bodyOf(article)
        .filter((block) => block.style === 'h2' || block.style === 'h3')
        .map(
          (block) =>
            `${block.style === 'h2' ? '##' : '###'} ${(block.children ?? []).map((span) => span.text).join('')}`,
        )
      const fromMarkdown = (markdown ?? '').split('\n').filter((line) => /^#{1,6} /.test(line))
      expect(fromMarkdown).toEqual(fromPortableText)
      expect(markdown).toContain(`title: ${JSON.stringify(article['title'])}`)
      expect(markdown).toContain('reviewer: "Dr. Kate Smith"')
    }
  })

  it('writes a GFM table in the Markdown twin of each article that has a comparison table', async () => {
    const files = await markdownFiles(forty.markdownDir)
    for (const article of articlesOf(forty.documents)) {
      const table = bodyOf(article).find((block) => block._type === 'comparisonTable') as
        | {columns: string[]; rows: Array<{cells: string[]}>}
        | undefined
      const markdown = files.get(`${(article['slug'] as {current: string}).current}.md`) ?? ''
      if (!table) {
        expect(markdown).not.toMatch(/^\| /m)
        continue
      }
      expect(markdown).toContain(`| ${table.columns.join(' | ')} |`)
      for (const row of table.rows) expect(markdown).toContain(`| ${row.cells.join(' | ')} |`)
    }
  })

  it('passes the Studio’s own validation rules with no errors', async () => {
    const sample = [
      ...forty.documents.filter((document) => document._type !== 'article'),
      ...articlesOf(forty.documents).slice(0, 3),
    ]
    const errors = (await Promise.all(sample.map((document) => validateContentDocument(document, forty.documents))))
      .flat()
      .filter((problem) => problem.level === 'error')
    expect(errors).toEqual([])
  }, 60_000)
})
