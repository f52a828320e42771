/**
 * The Content-Security-Policy, in one place for the `<meta>` tag on every page and the `_headers`
 * file static hosts read. Nothing is allowed from another origin except content images from
 * Sanity's image CDN; no inline script runs anywhere (JSON-LD blocks are data, never executed).
 */

/** Where content images are served from; the only other origin a page may load anything from. */
export const IMAGE_CDN = 'https://cdn.sanity.io'

function policy(scriptSrc: string, styleSrc = "'self'"): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    `style-src ${styleSrc}`,
    `img-src 'self' ${IMAGE_CDN}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

/** Every page but search: no JavaScript from anywhere but the site itself, and none is shipped. */
export const PAGE_POLICY = policy("'self'")

/** The search page: Pagefind's script compiles its WebAssembly index reader. */
export const SEARCH_POLICY = policy("'self' 'wasm-unsafe-eval'")

/**
 * A draft-mode page on the preview server: the click-to-edit overlays (`@sanity/visual-editing`,
 * loaded from the preview server itself) inject their own styles. Scripts still come from the
 * server only; the static site never carries this policy.
 */
export const EDITING_POLICY = policy("'self'", "'self' 'unsafe-inline'")

/**
 * Who may frame the preview server: the Studio's origin only (its Presentation tool), or nobody
 * when no Studio is configured. A header, since `frame-ancestors` is ignored in a `<meta>` policy.
 */
export function previewFramePolicy(studioUrl: string | undefined): string {
  let origin: string | undefined
  try {
    origin = studioUrl ? new URL(studioUrl).origin : undefined
  } catch {
    origin = undefined
  }
  return `frame-ancestors ${origin && origin !== 'null' ? origin : "'none'"}`
}

/**
 * The `_headers` file (Netlify and Cloudflare Pages format). A response header and a `<meta>`
 * policy are both enforced, so the header carries the union (search's WebAssembly) and each
 * page's `<meta>` narrows it to exactly what that page needs. `frame-ancestors` works only as
 * a header.
 */
export function headersFile(): string {
  return [
    '/*',
    `  Content-Security-Policy: ${SEARCH_POLICY}; frame-ancestors 'none'`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
    '',
  ].join('\n')
}
