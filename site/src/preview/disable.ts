/** `GET /api/draft-mode/disable`: ends draft mode for this browser and goes to the requested page. */
import type {APIRoute} from 'astro'
import {sitePath} from './paths.ts'
import {DRAFT_MODE_COOKIE} from './settings.ts'

export const prerender = false

export const GET: APIRoute = ({url, cookies, redirect}) => {
  cookies.delete(DRAFT_MODE_COOKIE, {path: '/', httpOnly: true, secure: true, sameSite: 'none'})
  return redirect(sitePath(url.searchParams.get('redirect')), 307)
}
