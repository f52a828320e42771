/**
 * The Studio's configuration resolved the way the Studio resolves it (`createSourceFromConfig`),
 * offline: a stand-in client answers GROQ with groq-js over in-memory documents.
 */
import {createDatasetClient, type DatasetDocument} from '@repo/schemas/validation'
import {type CurrentUser, createSourceFromConfig, type SanityClient, type SingleWorkspace, type Source} from 'sanity'
import {createStructureBuilder, type StructureBuilder, type StructureResolverContext} from 'sanity/structure'

const USER: CurrentUser = {
  id: 'pEditor1',
  name: 'Morgan Editor',
  email: 'editor@example.org',
  role: 'editor',
  roles: [],
}

/** A client that answers queries from `documents` and tells the Studio a plausible configuration. */
function offlineClient(documents: DatasetDocument[]): SanityClient {
  const data = createDatasetClient(documents) as unknown as Pick<SanityClient, 'fetch' | 'observable' | 'getDataUrl'>
  const settings = {projectId: 'offline', dataset: 'test', apiVersion: '2025-02-19', url: 'https://offline.invalid/v1'}
  const client = {
    fetch: data.fetch,
    observable: data.observable,
    getDataUrl: data.getDataUrl,
    withConfig: () => client,
    config: () => settings,
  }
  return client as unknown as SanityClient
}

/** The resolved source of the Studio's real config. */
export async function studioSource(documents: DatasetDocument[] = []): Promise<Source> {
  const config = (await import('../../sanity.config.ts')).default as SingleWorkspace
  const client = offlineClient(documents)
  return createSourceFromConfig({...config, currentUser: USER, getClient: () => client})
}

/** A real structure builder for that source, and the context the structure tool passes with it. */
export function structureBuilderFor(source: Source): {S: StructureBuilder; context: StructureResolverContext} {
  const S = createStructureBuilder({source, perspectiveStack: ['drafts']})
  const context = {...source, perspectiveStack: ['drafts']} as unknown as StructureResolverContext
  return {S, context}
}
