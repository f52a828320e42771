/**
 * The site's preview server for the Studio's end-to-end tests: the stand-in's preview server,
 * built into a scratch folder of its own and started on a port the Studio was built to frame.
 */
import {mkdir, mkdtemp, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {freePort} from '@repo/site/preview-server'
import {PREVIEW_VIEWER, type RunningPreviewServer, type StandIn, startPreviewServer} from '../../../stand-in/index.ts'
import {REPO_ROOT} from './studio.ts'

export {PREVIEW_VIEWER}

/**
 * A port for the preview server, chosen before the Studio is built for it: the one after
 * `STUDIO_E2E_PORT` when that is pinned (so a second run reuses the Studio build), else a free one.
 */
export async function previewPort(): Promise<number> {
  const pinned = Number(process.env['STUDIO_E2E_PORT'] ?? 0)
  return pinned ? pinned + 1 : freePort()
}

/**
 * Builds the preview server into a scratch folder and starts it on `port`, reading `lake`,
 * trusting attestations by `reviewTrustedKeys` (the test attestor's public key).
 */
export async function startPreview(
  lake: StandIn,
  port: number,
  reviewTrustedKeys?: string,
): Promise<RunningPreviewServer> {
  // Inside the site package, where the server's own dependencies resolve.
  const scratch = join(REPO_ROOT, 'site', 'node_modules', '.e2e-preview')
  await mkdir(scratch, {recursive: true})
  const outDir = await mkdtemp(join(scratch, 'build-'))
  try {
    const server = await startPreviewServer({
      apiHost: lake.apiHost,
      dataset: lake.dataset,
      studioUrl: lake.studioUrl,
      token: lake.user(PREVIEW_VIEWER.id).token,
      port,
      outDir,
      ...(reviewTrustedKeys ? {reviewTrustedKeys} : {}),
    })
    return {
      ...server,
      async close() {
        await server.close()
        await rm(outDir, {recursive: true, force: true})
      },
    }
  } catch (error) {
    await rm(outDir, {recursive: true, force: true})
    throw error
  }
}
