import type {SingleWorkspace} from 'sanity'

/**
 * The Studio's real config (`sanity.config.ts`), as `sanity build` loads it. Importing all of
 * Sanity takes a few seconds: call it from a `beforeAll` with a generous timeout.
 */
export async function loadStudioConfig(): Promise<SingleWorkspace> {
  const loaded = (await import('../../sanity.config.ts')).default
  if (Array.isArray(loaded)) throw new Error('Expected a single workspace')
  return loaded
}
