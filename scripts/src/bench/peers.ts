/**
 * The peers the site is measured against, written into a scratch folder by the benchmark: a
 * minimal Astro Markdown blog (content collection, `glob` loader) and an Eleventy 3 blog, both
 * over the corpus's Markdown twin, with the main furniture of an article page of the site (social
 * meta tags, JSON-LD naming the reviewer, a crisis-line bar, header with the program levels,
 * breadcrumbs, title, review byline, excerpt, body, footer, a small stylesheet) and no JavaScript.
 * The site's page carries more (a table of contents, related programs, a content security policy),
 * so its HTML per page is larger; the report shows both.
 */
import {copyFile, link, mkdir, readdir, realpath, symlink, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {PROGRAM_LEVELS, REVIEWER} from './corpus.ts'

/** A few rules, about what a small blog theme ships; both peers inline the same sheet. */
export const PEER_CSS = `body{margin:0;font:1.0625rem/1.6 system-ui,sans-serif;color:#1c2430;background:#fff}
header,footer,main,.crisis{max-width:44rem;margin:0 auto;padding:1rem}
.crisis{background:#fff4d6;font-size:.9rem}.crisis ul,.crumbs{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;border-bottom:1px solid #d8dee6}
header nav ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;margin:0;padding:0}
a{color:#0b5cad}a:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .5rem}h2{margin-top:2rem}
.byline{color:#4a5563;font-size:.95rem}.lede{font-size:1.15rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d8dee6;padding:.4rem .6rem;text-align:left}
footer{border-top:1px solid #d8dee6;font-size:.9rem;color:#4a5563}`

const ORG = 'Greater Boston Addiction Centers'

/** The header both peers render, as static HTML. */
export function peerHeader(): string {
  const items = PROGRAM_LEVELS.map(
    (level) => `<li><a href="/programs/${level.slug}/">${level.shortName}</a></li>`,
  ).join('')
  return `<header><a href="/">${ORG}</a><nav aria-label="Programs"><ul>${items}</ul></nav><a href="tel:+18779206583">877.920.6583</a></header>`
}

/** The crisis-line bar both peers render above the header, as the site does. */
export function peerCrisisBar(): string {
  return `<aside class="crisis" aria-label="Crisis support"><p><strong>In crisis?</strong> Help is free and confidential, 24/7.</p><ul><li>988 Suicide &amp; Crisis Lifeline: <a href="tel:988">call or text <strong>988</strong></a></li><li>SAMHSA National Helpline: <a href="tel:+18006624357">call <strong>1-800-662-4357</strong></a></li></ul></aside>`
}

/** The footer both peers render, as static HTML. */
export function peerFooter(): string {
  return `<footer><p>This content is for information only and is not a substitute for professional medical advice, diagnosis or treatment.</p><p>&copy; ${ORG} · <a href="tel:+18779206583">877.920.6583</a></p></footer>`
}

/** The module both peers import to write an article's JSON-LD (the same object the site describes). */
export const JSON_LD_MODULE = `export function articleJsonLd(article) {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    headline: article.title,
    description: article.description,
    url: article.url,
    datePublished: article.date,
    lastReviewed: article.reviewedAt,
    reviewedBy: {'@type': 'Person', name: article.reviewer},
    publisher: {'@type': 'MedicalClinic', name: ${JSON.stringify(ORG)}, telephone: '877.920.6583'},
  }).replace(/</g, '\\\\u003c')
}
`

/**
 * Puts the Markdown files into `target`, as hard links where the file system allows (they cost
 * no copy), copies otherwise.
 */
export async function linkMarkdown(markdownDir: string, target: string): Promise<void> {
  await mkdir(target, {recursive: true})
  for (const name of await readdir(markdownDir)) {
    try {
      await link(join(markdownDir, name), join(target, name))
    } catch {
      await copyFile(join(markdownDir, name), join(target, name))
    }
  }
}

async function write(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), {recursive: true})
  await writeFile(file, content)
}

/**
 * An empty static Astro project in `dir` named `name`. Astro itself is this workspace's install
 * (linked in), so every Astro peer runs exactly the Astro version the site runs.
 */
async function writeAstroProject(dir: string, name: string, astroPackage: string): Promise<void> {
  await write(join(dir, 'package.json'), `${JSON.stringify({name, private: true, type: 'module'}, null, 2)}\n`)
  await mkdir(join(dir, 'node_modules'), {recursive: true})
  await symlink(await realpath(astroPackage), join(dir, 'node_modules', 'astro'), 'dir')
  await write(
    join(dir, 'astro.config.mjs'),
    `import {defineConfig} from 'astro/config'

export default defineConfig({site: 'http://localhost:4321', output: 'static', trailingSlash: 'always'})
`,
  )
}

/** Writes the Astro Markdown blog into `dir`. */
export async function writeAstroPeer(dir: string, options: {markdownDir: string; astroPackage: string}): Promise<void> {
  await writeAstroProject(dir, 'bench-astro-markdown', options.astroPackage)
  await write(
    join(dir, 'src', 'content.config.ts'),
    `import {defineCollection} from 'astro:content'
import {glob} from 'astro/loaders'
import {z} from 'astro/zod'

const blog = defineCollection({
  loader: glob({pattern: '**/*.md', base: './src/content/blog'}),
  schema: z.object({
    title: z.string(),
    slug: z.string(),
    date: z.coerce.date(),
    description: z.string(),
    reviewer: z.string(),
    reviewedAt: z.coerce.date(),
  }),
})

export const collections = {blog}
`,
  )
  await write(
    join(dir, 'src', 'layouts', 'Base.astro'),
    `---
interface Props { title: string; description: string; jsonLd?: string; crumb?: string }
const {title, description, jsonLd, crumb} = Astro.props
const url = new URL(Astro.url.pathname, Astro.site).href
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title} | ${ORG}</title>
    <meta name="description" content={description} />
    <link rel="canonical" href={url} />
    <meta property="og:type" content="article" />
    <meta property="og:site_name" content="${ORG}" />
    <meta property="og:title" content={title} />
    <meta property="og:description" content={description} />
    <meta property="og:url" content={url} />
    {jsonLd && <script type="application/ld+json" set:html={jsonLd} />}
    <style is:inline set:html={${JSON.stringify(PEER_CSS)}} />
  </head>
  <body>
    <Fragment set:html={${JSON.stringify(peerCrisisBar() + peerHeader())}} />
    <main id="main">
      {crumb && <nav aria-label="Breadcrumb"><ol class="crumbs"><li><a href="/">Home</a></li><li><a href="/blog/">Blog</a></li><li aria-current="page">{crumb}</li></ol></nav>}
      <slot />
    </main>
    <Fragment set:html={${JSON.stringify(peerFooter())}} />
  </body>
</html>
`,
  )
  await write(
    join(dir, 'src', 'pages', 'blog', '[slug].astro'),
    `---
import {getCollection, render} from 'astro:content'
import Base from '../../layouts/Base.astro'
import {articleJsonLd} from '../../json-ld.mjs'

export async function getStaticPaths() {
  const posts = await getCollection('blog')
  return posts.map((post) => ({params: {slug: post.data.slug}, props: {post}}))
}
const {post} = Astro.props
const {Content} = await render(post)
const day = (date: Date) => date.toISOString().slice(0, 10)
const jsonLd = articleJsonLd({
  title: post.data.title,
  description: post.data.description,
  url: new URL(Astro.url.pathname, Astro.site).href,
  date: post.data.date.toISOString(),
  reviewer: post.data.reviewer,
  reviewedAt: post.data.reviewedAt.toISOString(),
})
---
<Base title={post.data.title} description={post.data.description} jsonLd={jsonLd} crumb={post.data.title}>
  <article>
    <h1>{post.data.title}</h1>
    <p class="byline">Clinically reviewed by <a href="/reviewers/${REVIEWER.slug}/">{post.data.reviewer}</a> on <time datetime={post.data.reviewedAt.toISOString()}>{day(post.data.reviewedAt)}</time> · Published <time datetime={post.data.date.toISOString()}>{day(post.data.date)}</time></p>
    <p class="lede">{post.data.description}</p>
    <Content />
  </article>
</Base>
`,
  )
  await write(
    join(dir, 'src', 'pages', 'index.astro'),
    `---
import {getCollection} from 'astro:content'
import Base from '../layouts/Base.astro'

const posts = (await getCollection('blog')).sort((a, b) => b.data.date.getTime() - a.data.date.getTime()).slice(0, 20)
---
<Base title="Articles" description="Clinically reviewed articles on addiction treatment and recovery.">
  <h1>Articles</h1>
  <ul>{posts.map((post) => <li><a href={\`/blog/\${post.data.slug}/\`}>{post.data.title}</a></li>)}</ul>
</Base>
`,
  )
  await write(join(dir, 'src', 'json-ld.mjs'), JSON_LD_MODULE)
  await linkMarkdown(options.markdownDir, join(dir, 'src', 'content', 'blog'))
}

/** Writes the Eleventy blog into `dir`: Markdown in `content/blog`, a Nunjucks layout, output in `_site`. */
export async function writeEleventyPeer(dir: string, options: {markdownDir: string}): Promise<void> {
  await write(
    join(dir, 'package.json'),
    `${JSON.stringify({name: 'bench-eleventy', private: true, type: 'module'}, null, 2)}\n`,
  )
  await write(
    join(dir, 'eleventy.config.mjs'),
    `import {articleJsonLd} from './json-ld.mjs'

export default function (eleventyConfig) {
  eleventyConfig.addFilter('jsonLd', articleJsonLd)
  eleventyConfig.addFilter('day', (date) => new Date(date).toISOString().slice(0, 10))
  eleventyConfig.addFilter('iso', (date) => new Date(date).toISOString())
  eleventyConfig.addCollection('newest', (api) =>
    api.getFilteredByTag('blog').sort((a, b) => b.date - a.date).slice(0, 20),
  )
}

export const config = {dir: {input: 'content', includes: '_includes', output: '_site'}}
`,
  )
  await write(
    join(dir, 'content', 'blog', 'blog.11tydata.json'),
    `${JSON.stringify({tags: 'blog', layout: 'article.njk', permalink: '/blog/{{ slug }}/'}, null, 2)}\n`,
  )
  await write(
    join(dir, 'content', '_includes', 'base.njk'),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{{ title }} | ${ORG}</title>
    <meta name="description" content="{{ description }}" />
    <link rel="canonical" href="http://localhost:4321{{ page.url }}" />
    <meta property="og:type" content="article" />
    <meta property="og:site_name" content="${ORG}" />
    <meta property="og:title" content="{{ title }}" />
    <meta property="og:description" content="{{ description }}" />
    <meta property="og:url" content="http://localhost:4321{{ page.url }}" />
    {% if reviewer %}<script type="application/ld+json">{{ {title: title, description: description, url: 'http://localhost:4321' + page.url, date: page.date | iso, reviewer: reviewer, reviewedAt: reviewedAt | iso} | jsonLd | safe }}</script>{% endif %}
    <style>${PEER_CSS}</style>
  </head>
  <body>
    ${peerCrisisBar()}${peerHeader()}
    <main id="main">
      {% if reviewer %}<nav aria-label="Breadcrumb"><ol class="crumbs"><li><a href="/">Home</a></li><li><a href="/blog/">Blog</a></li><li aria-current="page">{{ title }}</li></ol></nav>{% endif %}
      {{ content | safe }}
    </main>
    ${peerFooter()}
  </body>
</html>
`,
  )
  await write(
    join(dir, 'content', '_includes', 'article.njk'),
    `---
layout: base.njk
---
<article>
  <h1>{{ title }}</h1>
  <p class="byline">Clinically reviewed by <a href="/reviewers/${REVIEWER.slug}/">{{ reviewer }}</a> on <time datetime="{{ reviewedAt | iso }}">{{ reviewedAt | day }}</time> · Published <time datetime="{{ date | iso }}">{{ date | day }}</time></p>
  <p class="lede">{{ description }}</p>
  {{ content | safe }}
</article>
`,
  )
  await write(
    join(dir, 'content', 'index.njk'),
    `---
layout: base.njk
title: Articles
description: Clinically reviewed articles on addiction treatment and recovery.
---
<h1>Articles</h1>
<ul>{% for post in collections.newest %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endfor %}</ul>
`,
  )
  await write(join(dir, 'json-ld.mjs'), JSON_LD_MODULE)
  await linkMarkdown(options.markdownDir, join(dir, 'content', 'blog'))
}

/**
 * Astro's floor: `pages` pages that render nothing but a title and a line, from one dynamic
 * route, with no content layer, no Markdown and no components. No real site can build faster
 * with Astro's per-route rendering, so it shows how much of any Astro build's time is Astro's own.
 */
export async function writeAstroFloorPeer(dir: string, options: {pages: number; astroPackage: string}): Promise<void> {
  await writeAstroProject(dir, 'bench-astro-floor', options.astroPackage)
  await write(
    join(dir, 'src', 'pages', 'blog', '[slug].astro'),
    `---
export function getStaticPaths() {
  return Array.from({length: ${options.pages}}, (_, index) => ({params: {slug: \`page-\${index}\`}, props: {index}}))
}
const {index} = Astro.props
---
<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Page {index}</title></head>
<body><main><h1>Page {index}</h1><p>Nothing but this line.</p></main></body></html>
`,
  )
}
