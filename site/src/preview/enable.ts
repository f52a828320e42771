/**
 * `GET /api/draft-mode/enable`: where the Studio's Presentation tool sends the preview, with a
 * secret it has just stored in the dataset (`@sanity/preview-url-secret`). A valid secret turns on
 * draft mode for this browser (a random, `httpOnly`, `secure`, `SameSite=None` cookie, so it works
 * inside the Studio's frame) and redirects to the requested page of this site, never elsewhere.
 */
import {validatePreviewUrl} from '@sanity/preview-url-secret'
import type {APIRoute} from 'astro'
import {secretClient} from './client.ts'
import {sitePath} from './paths.ts'
import {DRAFT_MODE_COOKIE, previewSettings} from './settings.ts'

export const prerender = false

export const GET: APIRoute = async ({request, cookies, redirect}) => {
  const client = secretClient()
  if (!client) {
    return new Response('Draft mode needs SANITY_PROJECT_ID and SANITY_API_READ_TOKEN on the preview server.', {
      status: 501,
    })
  }
  const {isValid, redirectTo} = await validatePreviewUrl(client, request.url)
  if (!isValid) return new Response('Invalid or expired preview secret.', {status: 401})
  cookies.set(DRAFT_MODE_COOKIE, previewSettings().cookieValue, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'none',
  })
  return redirect(sitePath(redirectTo), 307)
}
