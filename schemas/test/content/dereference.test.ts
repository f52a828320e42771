import {describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../src/content/dataset.ts'
import {createLocalSource} from '../../src/content/local-source.ts'
import {article, author} from '../support/content-fixtures.ts'

const documents = [
  author('author-ana', 'Ana Ruiz'),
  author('drafts.author-cy', 'Cy (never published)'),
  article('article-iop', {title: 'IOP basics', author: 'author-ana', related: ['article-detox', 'drafts.article-new']}),
  article('article-detox', {title: 'Detox', author: 'drafts.author-cy', related: ['article-iop']}),
  article('article-orphan', {title: 'Orphan', author: 'author-deleted'}),
  article('drafts.article-new', {title: 'New (draft)'}),
]

/**
 * `count` documents of a type no query asks for, whose `_id` counts its own reads: a dereference
 * that scans the dataset instead of using the ID index reads every one of them.
 */
function countedFiller(count: number): {documents: StoredDocument[]; idReads: () => number} {
  let reads = 0
  const filler = Array.from({length: count}, (_, index) => {
    const id = `filler-${index}`
    const document = {_type: 'filler'} as StoredDocument
    Object.defineProperty(document, '_id', {
      enumerable: true,
      get: () => {
        reads++
        return id
      },
    })
    return document
  })
  return {documents: filler, idReads: () => reads}
}

describe('dereferencing with `->`', () => {
  it('gives the referenced published documents', async () => {
    const source = createLocalSource(documents)
    const result = await source.fetch(
      '*[_id == "article-iop"][0]{"author": author->{_id, name}, "related": related[]->{_id, title}}',
    )
    expect(result).toEqual({
      author: {_id: 'author-ana', name: 'Ana Ruiz'},
      related: [{_id: 'article-detox', title: 'Detox'}, null],
    })
  })

  it('resolves a reference to a `drafts.` id to null', async () => {
    const source = createLocalSource(documents)
    expect(await source.fetch('*[_id == "article-detox"][0].author->')).toBeNull()
    expect(await source.fetch('*[_id == "article-iop"][0].related[1]->')).toBeNull()
  })

  it('resolves a reference to a missing document to null', async () => {
    const source = createLocalSource(documents)
    expect(await source.fetch('*[_id == "article-orphan"][0].author->name')).toBeNull()
  })

  it('follows a reference through the ID index, never scanning the other documents', async () => {
    const filler = countedFiller(1_000)
    const source = createLocalSource([...documents, ...filler.documents])
    const readsWhileIndexing = filler.idReads()

    const names = await source.fetch('*[_type == "article"] | order(title asc) {"author": author->name}.author')

    expect(names).toEqual([null, 'Ana Ruiz', null])
    expect(filler.idReads()).toBe(readsWhileIndexing)
  })
})
