import {readdir, readFile} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {type HTMLElement, parse} from 'node-html-parser'

/** A built page: its URL path, its markup and the parsed document. */
export interface BuiltPage {
  /** `/blog/x/` for `blog/x/index.html`, `/404.html` for `404.html`. */
  path: string
  html: string
  document: HTMLElement
}

/** Every file of a built site, as paths relative to its root with `/` separators. */
export async function builtFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
}

/** The URL path a built HTML file is served at. */
export function pathOfFile(file: string): string {
  if (file === 'index.html') return '/'
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`
}

/** The file a URL path is served from, as a static host resolves it. */
export function fileOfPath(path: string): string {
  const clean = decodeURIComponent(path.split('#')[0]?.split('?')[0] ?? '/')
  return clean.endsWith('/') ? `${clean.slice(1)}index.html` : clean.slice(1)
}

/** Reads and parses one page by its URL path. */
export async function readPage(outDir: string, path: string): Promise<BuiltPage> {
  const html = await readFile(join(outDir, fileOfPath(path)), 'utf8')
  return {path, html, document: parse(html)}
}

/** Every HTML page of a built site, except Pagefind's own files. */
export async function readAllPages(outDir: string): Promise<BuiltPage[]> {
  const files = (await builtFiles(outDir)).filter((file) => file.endsWith('.html') && !file.startsWith('pagefind/'))
  return Promise.all(files.map((file) => readPage(outDir, pathOfFile(file))))
}

/** A JSON-LD node: `@type` and whatever else schema.org allows. */
export type JsonLdNode = {'@type': string | string[]; '@id'?: string; [key: string]: unknown}

/** The page's JSON-LD graph; fails when there is not exactly one JSON-LD block with a `@graph`. */
export function jsonLdGraph(document: HTMLElement): JsonLdNode[] {
  const blocks = document.querySelectorAll('script[type="application/ld+json"]')
  if (blocks.length !== 1) throw new Error(`Expected one JSON-LD block, found ${blocks.length}`)
  const data = JSON.parse(blocks[0]?.rawText ?? '') as {'@context'?: string; '@graph'?: JsonLdNode[]}
  if (data['@context'] !== 'https://schema.org' || !Array.isArray(data['@graph'])) {
    throw new Error('The JSON-LD block is not a schema.org @graph')
  }
  return data['@graph']
}

/** The one node of a type in a graph; fails when there is none or more than one. */
export function nodeOfType(graph: readonly JsonLdNode[], type: string): JsonLdNode {
  const nodes = graph.filter((node) => [node['@type']].flat().includes(type))
  if (nodes.length !== 1) throw new Error(`Expected one ${type} node, found ${nodes.length}`)
  return nodes[0] as JsonLdNode
}

/** Text with runs of whitespace collapsed, as a reader sees it. */
export function visibleText(element: HTMLElement | null | undefined): string {
  return (element?.text ?? '').replace(/\s+/g, ' ').trim()
}
