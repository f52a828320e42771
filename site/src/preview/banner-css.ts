/** `GET /api/preview/banner.css`: the review banner's styles, from this server (the CSP allows 'self'). */
import type {APIRoute} from 'astro'
import css from './banner.css?raw'

export const prerender = false

export const GET: APIRoute = () => new Response(css, {headers: {'Content-Type': 'text/css; charset=utf-8'}})
