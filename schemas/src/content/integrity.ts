/**
 * What a site cannot be built from, checked before the join: missing settings, untitled
 * documents, articles without a body, and slugs that are unsafe or claimed twice. Every problem
 * names the document and field, so an editor can find and fix it.
 */
import {slugProblem} from '../rules/index.ts'
import type {RawContent} from './graph.ts'

/** Content a build cannot be made from, with every problem named by document and field. */
export class ContentError extends Error {
  override readonly name = 'ContentError'
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(`The content cannot be built:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.problems = problems
  }
}

/** Problems that would otherwise make a broken page or two documents fight over one address. */
export function checkDocuments(raw: RawContent, problems: string[]): void {
  const collections: Array<{type: string; docs: ReadonlyArray<{_id: string; slug: string | null}>; label: string}> = [
    {type: 'article', docs: raw.articles, label: 'title'},
    {type: 'programLevel', docs: raw.programLevels, label: 'name'},
    {type: 'therapy', docs: raw.therapies, label: 'name'},
    {type: 'clinicalReviewer', docs: raw.reviewers.filter((reviewer) => reviewer.slug != null), label: 'name'},
  ]
  for (const {type, docs} of collections) {
    const bySlug = new Map<string, string>()
    for (const doc of docs) {
      const slug = doc.slug
      if (typeof slug !== 'string' || slugProblem(slug)) {
        problems.push(
          `${doc._id} (${type}) slug.current: "${String(slug)}" is not a safe URL segment (lower-case letters, digits and single hyphens, at most 96 characters).`,
        )
        continue
      }
      const other = bySlug.get(slug)
      if (other) problems.push(`${doc._id} (${type}) slug.current: "${slug}" is also the slug of ${other}.`)
      else bySlug.set(slug, doc._id)
    }
  }
  for (const article of raw.articles) {
    if (!article.title) problems.push(`${article._id} (article) title: a published article needs a title.`)
    if (!Array.isArray(article.body) || article.body.length === 0) {
      problems.push(`${article._id} (article) body: a published article needs a body.`)
    }
    // The blog's page list lives at /blog/<n>/; an all-digit slug would take one of its addresses.
    if (/^\d+$/.test(article.slug ?? '')) {
      problems.push(
        `${article._id} (article) slug.current: "${article.slug}" is only digits, which /blog/<page>/ uses.`,
      )
    }
  }
  for (const level of raw.programLevels) {
    if (!level.name) problems.push(`${level._id} (programLevel) name: a program level needs a name.`)
  }
  for (const therapy of raw.therapies) {
    if (!therapy.name) problems.push(`${therapy._id} (therapy) name: a therapy needs a name.`)
  }
  for (const reviewer of raw.reviewers) {
    if (!reviewer.name) problems.push(`${reviewer._id} (clinicalReviewer) name: a reviewer needs a name.`)
  }
}
