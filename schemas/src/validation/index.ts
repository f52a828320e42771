/**
 * Offline validation with the Studio's own rules: the same `validateDocument` the Studio runs,
 * against the same schema, with GROQ answered from documents in memory.
 */
import {evaluateDocumentInternal} from '@sanity/validation/_internal'
import {createSchema, type SanityClient, type SanityDocument} from 'sanity'
import {schemaTypes} from '../index.ts'
import {createDatasetClient, createDocumentExists, type DatasetDocument} from './dataset-client.ts'

export {createDatasetClient, createDocumentExists, type DatasetDocument} from './dataset-client.ts'

/** The compiled content model, as the Studio compiles it. */
export const contentSchema = createSchema({name: 'default', types: schemaTypes})

/** One problem a rule found, with the path to the field as editors see it (`body[_key=="b1"].alt`). */
export interface FieldProblem {
  documentId: string
  path: string
  level: 'error' | 'warning' | 'info'
  message: string
}

/** Serialises a Sanity path the way GROQ and the Studio's URLs write it. */
export function formatPath(path: ReadonlyArray<string | number | {_key: string} | [number | '', number | '']>): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'string') out += out ? `.${segment}` : segment
    else if (typeof segment === 'number') out += `[${segment}]`
    else if (Array.isArray(segment)) out += `[${segment[0]}:${segment[1]}]`
    else out += `[_key=="${segment._key}"]`
  }
  return out
}

/**
 * Runs every schema rule on `document`, with `dataset` answering rules that query (unique
 * slugs, unique continuum positions) and reference existence checks.
 */
export async function validateContentDocument(
  document: DatasetDocument,
  dataset: readonly DatasetDocument[],
  context: {client?: ReturnType<typeof createDatasetClient>; exists?: ReturnType<typeof createDocumentExists>} = {},
): Promise<FieldProblem[]> {
  const client = context.client ?? createDatasetClient(dataset)
  const result = await evaluateDocumentInternal({
    document: document as unknown as SanityDocument,
    schema: contentSchema,
    getClient: () => client as unknown as SanityClient,
    getDocumentExists: context.exists ?? createDocumentExists(dataset),
    // Outside 'studio', Sanity downgrades every rule on an object-typed field (slug, image) to a
    // warning; the Studio's levels are the ones that decide whether an editor can publish.
    environment: 'studio',
  })
  // A field with several rules gets its type's built-in checks (slug uniqueness) once per rule.
  const seen = new Set<string>()
  return result.markers
    .map((marker) => ({
      documentId: document._id,
      path: formatPath(marker.path),
      level: marker.level,
      message: marker.message,
    }))
    .filter((problem) => {
      const id = `${problem.level}|${problem.path}|${problem.message}`
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
}
