import {execFile} from 'node:child_process'
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {gzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DatasetError, isPublished, parseNdjson, readDataset} from '../../src/content/dataset.ts'
import {article, author, exportArchive, type ScratchDir, scratchDir, toNdjson} from '../support/content-fixtures.ts'

const documents = [
  author('author-ana', 'Ana Ruiz'),
  article('article-iop', {title: 'IOP basics', slug: 'iop-basics', author: 'author-ana'}),
  article('drafts.article-iop', {title: 'IOP basics (draft)', slug: 'iop-basics'}),
]

/** The error `parse` throws, so a test can look at where it points. */
function datasetError(parse: () => unknown): DatasetError {
  try {
    parse()
  } catch (error) {
    if (error instanceof DatasetError) return error
    throw error
  }
  throw new Error('expected a DatasetError, but the dataset was read')
}

async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => new Error('expected a DatasetError, but the dataset was read'),
    (error: unknown) => error,
  )
  if (error instanceof DatasetError) return error
  throw error
}

describe('parsing NDJSON', () => {
  it('reads one document per line, skipping blank lines and Windows line endings', () => {
    const text = `${JSON.stringify(documents[0])}\r\n\n${JSON.stringify(documents[1])}\n`
    expect(parseNdjson(text, 'data.ndjson').documents).toEqual([documents[0], documents[1]])
  })

  it('remembers the line of every document, so later checks can name `file:line` without reading it again', () => {
    const text = `${JSON.stringify(documents[0])}\n\n${JSON.stringify(documents[1])}\n`
    const {lines} = parseNdjson(text, 'data.ndjson')
    expect([...lines]).toEqual([
      [documents[0]?._id, 1],
      [documents[1]?._id, 3],
    ])
  })

  it('names the file and line of a line that is not JSON', () => {
    const error = datasetError(() =>
      parseNdjson(`{"_id":"a","_type":"t"}\n{"_id": "b",\n{"_id":"c","_type":"t"}\n`, 'x.ndjson'),
    )
    expect(error).toMatchObject({file: 'x.ndjson', line: 2})
    expect(error.message).toMatch(/^x\.ndjson:2: not valid JSON/)
  })

  it('says a last line cut off mid-document looks like a truncated file', () => {
    const error = datasetError(() => parseNdjson(`{"_id":"a","_type":"t"}\n{"_id":"b","_ty`, 'x.ndjson'))
    expect(error.message).toBe('x.ndjson:2: the file ends in the middle of a document (truncated?)')
  })

  it.each([
    ['an array', '[{"_id":"a","_type":"t"}]'],
    ['a string', '"a"'],
    ['null', 'null'],
  ])('refuses a line that holds %s instead of a document', (_, line) => {
    const error = datasetError(() => parseNdjson(`{"_id":"a","_type":"t"}\n${line}\n`, 'x.ndjson'))
    expect(error.message).toBe('x.ndjson:2: a line must hold one JSON object (a document)')
  })

  it.each([
    ['no', '{"_type":"t"}'],
    ['an empty', '{"_id":"","_type":"t"}'],
    ['a numeric', '{"_id":7,"_type":"t"}'],
  ])('refuses a document with %s `_id`', (_, line) => {
    const error = datasetError(() => parseNdjson(`${line}\n`, 'x.ndjson'))
    expect(error.message).toBe('x.ndjson:1: the document has no `_id`')
  })

  it('refuses a document without a `_type`, naming its id', () => {
    const error = datasetError(() => parseNdjson('{"_id":"a","_type":"t"}\n{"_id":"b"}\n', 'x.ndjson'))
    expect(error.message).toBe('x.ndjson:2: document "b" has no `_type`')
  })

  it('refuses a second document with the same `_id`, naming the id and both lines', () => {
    const text = toNdjson([author('a', 'A'), author('b', 'B'), author('c', 'C'), author('b', 'B again')])
    const error = datasetError(() => parseNdjson(text, 'x.ndjson'))
    expect(error).toMatchObject({file: 'x.ndjson', line: 4})
    expect(error.message).toBe('x.ndjson:4: document "b" is also on line 2 (duplicate `_id`)')
  })

  it('keeps a draft and its published document apart: their ids differ', () => {
    expect(parseNdjson(toNdjson(documents), 'x.ndjson').documents.map((document) => document._id)).toEqual([
      'author-ana',
      'article-iop',
      'drafts.article-iop',
    ])
  })
})

describe('reading a dataset file', () => {
  let dir: ScratchDir
  beforeAll(async () => {
    dir = await scratchDir()
  })
  afterAll(() => dir.remove())

  it('reads a bare NDJSON file', async () => {
    const file = await dir.write('dataset.ndjson', toNdjson(documents))
    expect((await readDataset(file)).documents).toEqual(documents)
  })

  it('reads the documents of a `sanity dataset export` archive', async () => {
    const file = await dir.write('production.tar.gz', await exportArchive(documents))
    expect((await readDataset(file)).documents).toEqual(documents)
  })

  it('tells an archive from NDJSON by its content, not its name', async () => {
    const file = await dir.write('export-named-oddly.ndjson', await exportArchive(documents))
    expect((await readDataset(file)).documents).toEqual(documents)
  })

  it('finds data.ndjson wherever it comes among the asset entries', async () => {
    const file = await dir.write('assets-first.tar.gz', await exportArchive(documents, {assetsFirst: true}))
    expect((await readDataset(file)).documents).toEqual(documents)
  })

  it('reads an archive written by GNU tar, not only by the library that reads it', async (context) => {
    const tar = await promisify(execFile)('tar', ['--version']).catch(() => undefined)
    if (!tar?.stdout.includes('GNU tar')) context.skip('GNU tar is not installed')
    const folder = join(dir.path, 'gnu', 'staging-export')
    await mkdir(join(folder, 'images'), {recursive: true})
    await dir.write('gnu/staging-export/data.ndjson', toNdjson(documents))
    await dir.write('gnu/staging-export/images/a-1x1.png', 'png')
    const file = join(dir.path, 'gnu.tar.gz')
    await promisify(execFile)('tar', ['-czf', file, '-C', join(dir.path, 'gnu'), 'staging-export'])
    expect((await readDataset(file)).documents).toEqual(documents)
  })

  it('names the archive, the entry and the line of a malformed document inside an archive', async () => {
    const ndjson = `${toNdjson(documents.slice(0, 2))}{"_id":"broken",\n`
    const file = await dir.write('broken.tar.gz', await exportArchive(ndjson, {folder: 'prod-export'}))
    const error = await rejection(readDataset(file))
    expect(error).toMatchObject({file: `${file} (prod-export/data.ndjson)`, line: 3})
    expect(error.message).toMatch(/ \(prod-export\/data\.ndjson\):3: not valid JSON/)
  })

  it('names the archive and both lines of a duplicate `_id` inside an archive', async () => {
    const file = await dir.write('duplicate.tar.gz', await exportArchive([...documents, author('author-ana', 'Ana')]))
    const error = await rejection(readDataset(file))
    expect(error.message).toBe(
      `${file} (production-export-2026-01-01t00-00-00-000z/data.ndjson):4: document "author-ana" is also on line 1 (duplicate \`_id\`)`,
    )
  })

  it('says so when an archive holds no data.ndjson', async () => {
    const file = await dir.write('no-data.tar.gz', await exportArchive(documents, {withoutData: true}))
    const error = await rejection(readDataset(file))
    expect(error.message).toBe(`${file}: the archive holds no \`data.ndjson\` (expected \`<name>/data.ndjson\`)`)
  })

  it('names the file of an archive cut off part-way', async () => {
    const archive = await exportArchive(documents)
    const file = await dir.write('cut.tar.gz', archive.subarray(0, Math.floor(archive.length / 2)))
    const error = await rejection(readDataset(file))
    expect(error).toMatchObject({file, line: undefined})
    expect(error.message).toBe(`${file}: not a readable \`sanity dataset export\` archive (unexpected end of file)`)
  })

  it('names the file of gzip data that is not a tar archive', async () => {
    const file = await dir.write('data.ndjson.gz', gzipSync(`${'x'.repeat(600)}\n`))
    const error = await rejection(readDataset(file))
    expect(error).toMatchObject({file, line: undefined})
    expect(error.message).toMatch(/: not a readable `sanity dataset export` archive \(.+\)$/)
  })
})

describe('the published perspective', () => {
  it.each([
    ['article-iop', true],
    ['drafts.article-iop', false],
    ['versions.spring-launch.article-iop', false],
  ])('%s is public: %s', (id, expected) => {
    expect(isPublished({_id: id})).toBe(expected)
  })
})
