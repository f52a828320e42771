/**
 * Where our build's time goes, measured outside Astro with the site's own modules: reading the
 * dataset, indexing it, evaluating each collection query with groq-js, joining the collections and
 * deciding every review (`buildSiteContent`), and rendering every article body with the site's
 * Portable Text component. What the build spends beyond these (Vite, layouts, writing pages) is
 * the build's wall time minus their sum.
 *
 * Run as a script (`node stages.ts <dataset> <review-now>`) it prints the result as JSON, so the
 * benchmark can measure in a fresh process whose memory does not mix with its own.
 */
import {readFileSync} from 'node:fs'
import {createRequire, registerHooks} from 'node:module'
import {dirname, join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {isMain} from '../paths.ts'

/** One measured stage; `error` instead of a time when the stage could not run. */
export interface StageTiming {
  name: string
  ms: number | null
  /** What was measured, in a few words (counts, per-item cost). */
  detail: string
  error?: string
  /** A part of the stage before it (one query of the GROQ evaluation), not added to the total. */
  sub?: boolean
}

/** The site package's root folder. */
export const SITE_ROOT = fileURLToPath(new URL('../../../site/', import.meta.url))

const since = (start: number) => performance.now() - start

/** Measures the stages over the dataset in `datasetFile`, with review status decided at `now`. */
export async function measureStages(datasetFile: string, now: Date): Promise<StageTiming[]> {
  const stages: StageTiming[] = []
  // `work` may report its own time, to leave out the module loading it does first.
  const run = async <T>(
    name: string,
    work: () => Promise<{value: T; detail: string; ms?: number}>,
  ): Promise<T | undefined> => {
    const start = performance.now()
    try {
      const {value, detail, ms} = await work()
      stages.push({name, ms: ms ?? since(start), detail})
      return value
    } catch (error) {
      stages.push({name, ms: null, detail: '', error: error instanceof Error ? error.message : String(error)})
      return undefined
    }
  }

  const {readDataset} = await import('@repo/site/data/dataset.ts')
  const {createLocalSource} = await import('@repo/site/data/local-source.ts')
  const queries = (await import('@repo/site/data/queries.ts')) as Record<string, unknown>

  const documents = await run('dataset load (readDataset)', async () => {
    const value = await readDataset(datasetFile)
    return {value, detail: `${value.length} documents`}
  })
  if (!documents) return stages
  const source = await run('ID index (createLocalSource)', async () => ({
    value: createLocalSource(documents),
    detail: 'published filter and _id map',
  }))
  if (!source) return stages

  const raw: Record<string, unknown> = {}
  const queryNames = Object.keys(queries).filter((name) => typeof queries[name] === 'string')
  let groqMs = 0
  for (const name of queryNames) {
    const start = performance.now()
    try {
      raw[name] = await source.fetch(queries[name] as string)
      const ms = since(start)
      groqMs += ms
      const size = Array.isArray(raw[name]) ? `${raw[name].length} results` : 'one document'
      stages.push({name: `GROQ ${name}`, ms, detail: size, sub: true})
    } catch (error) {
      stages.push({name: `GROQ ${name}`, ms: null, detail: '', error: (error as Error).message, sub: true})
    }
  }
  stages.push({
    name: 'GROQ evaluation (all queries)',
    ms: groqMs,
    detail: `${queryNames.length} queries, one per collection`,
  })

  const content = await run('join and review (buildSiteContent)', async () => {
    // A specifier TypeScript does not follow: content.ts reaches `import.meta.env`, which only
    // Astro's types declare, and this stage reads the module's shape at run time anyway.
    const specifier = '@repo/site/data/content.ts'
    const module = (await import(specifier)) as Record<string, unknown>
    const build = module['buildSiteContent']
    if (typeof build !== 'function') throw new Error('site/src/data/content.ts exports no buildSiteContent')
    const rawContent = {
      articles: raw['articlesQuery'],
      programLevels: raw['programLevelsQuery'],
      therapies: raw['therapiesQuery'],
      faqs: raw['faqsQuery'] ?? [],
      reviewers: raw['reviewersQuery'],
      authors: raw['authorsQuery'] ?? [],
      settings: raw['settingsQuery'],
      imageAssets: raw['imageAssetsQuery'] ?? [],
    }
    const start = performance.now()
    const value = (await build(rawContent, now)) as SiteContentLike
    const ms = since(start)
    const valid = value.articles.filter((entry) => entry.review.status === 'valid').length
    return {value, ms, detail: `${value.articles.length} articles joined, ${valid} with a valid review`}
  })

  if (content) {
    await run('Portable Text rendering', async () => {
      const render = await loadBodyRenderer()
      const start = performance.now()
      let bytes = 0
      for (const entry of content.articles) bytes += render(entry, content).length
      const ms = since(start)
      const per = content.articles.length > 0 ? (ms * 1000) / content.articles.length : 0
      return {
        value: undefined,
        ms,
        detail: `${content.articles.length} bodies, ${Math.round(per)} µs each, ${Math.round(bytes / Math.max(1, content.articles.length))} bytes of HTML each`,
      }
    })
  }
  return stages
}

/** The parts of the site's `SiteContent` the renderer needs; the site owns the real type. */
interface SiteContentLike {
  settings: {phone?: string | null}
  articles: Array<{
    article: {_id: string; body?: unknown; citations?: Array<{_key: string}> | null}
    review: {status: string}
  }>
  linkTarget(ref: string | null | undefined): string | undefined
  faqById(id: string): {faq: {question?: string | null; answer?: unknown}} | undefined
  image(value: unknown): unknown
}

/**
 * The site's `PortableTextBody` component with React's static renderer. Node does not compile
 * JSX, so `.tsx` files are transpiled on load by TypeScript (already a dependency), as Vite would.
 */
async function loadBodyRenderer(): Promise<
  (entry: SiteContentLike['articles'][number], content: SiteContentLike) => string
> {
  const requireFromScripts = createRequire(import.meta.url)
  const ts = requireFromScripts('typescript') as typeof import('typescript')
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || !url.endsWith('.tsx')) return nextLoad(url, context)
      const source = readFileSync(fileURLToPath(url), 'utf8')
      const output = ts.transpileModule(source, {
        fileName: fileURLToPath(url),
        compilerOptions: {
          jsx: ts.JsxEmit.ReactJSX,
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2024,
          verbatimModuleSyntax: true,
        },
      })
      return {format: 'module', source: output.outputText, shortCircuit: true}
    },
  })
  const requireFromSite = createRequire(join(SITE_ROOT, 'package.json'))
  const server = (await import(pathToFileURL(requireFromSite.resolve('react-dom/server')).href)) as {
    renderToStaticMarkup(element: unknown): string
  }
  const react = (await import(pathToFileURL(requireFromSite.resolve('react')).href)) as {
    createElement(type: unknown, props: unknown): unknown
  }
  const component = (await import(pathToFileURL(join(SITE_ROOT, 'src', 'components', 'PortableTextBody.tsx')).href))
    .default as unknown
  let outline: ((body: unknown) => Array<{key: string; id: string}>) | undefined
  try {
    const module = (await import(pathToFileURL(join(SITE_ROOT, 'src', 'lib', 'portable-text.ts')).href)) as {
      headingOutline?: (body: unknown) => Array<{key: string; id: string}>
    }
    outline = module.headingOutline
  } catch {
    // Older site without a shared outline: headings render without ids.
  }
  return (entry, content) => {
    const {article} = entry
    const context = {
      documentId: article._id,
      linkTarget: content.linkTarget,
      faq: (id: string) => {
        const faq = content.faqById(id)?.faq
        return faq ? {question: faq.question ?? '', answer: faq.answer ?? []} : undefined
      },
      image: content.image,
      phone: content.settings.phone ?? '',
      headingIds: new Map((outline?.(article.body) ?? []).map((heading) => [heading.key, heading.id])),
      citationNumbers: new Map((article.citations ?? []).map((citation, index) => [citation._key, index + 1])),
    }
    return server.renderToStaticMarkup(react.createElement(component, {value: article.body, context}))
  }
}

if (isMain(import.meta)) {
  const [datasetFile, now] = process.argv.slice(2)
  if (!datasetFile) {
    console.error('usage: node stages.ts <dataset.ndjson> [review-now ISO instant]')
    process.exit(2)
  }
  // As in `astro build`: React's development build renders several times slower.
  process.env['NODE_ENV'] ??= 'production'
  const stages = await measureStages(datasetFile, new Date(now ?? Date.now()))
  process.stdout.write(`${JSON.stringify(stages)}\n`)
}

export const STAGES_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'stages.ts')
