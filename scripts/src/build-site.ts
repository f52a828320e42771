/**
 * `pnpm build [--dist <folder>] [--work <folder>] [--full]`: builds the site incrementally in a
 * persistent work folder, then publishes it to `site/dist` (or the given folder) in one atomic
 * swap.
 *
 * Incremental: Astro's `experimental.incrementalBuild` reuses every page whose cache key (from the
 * content layer, `pageCacheKeys`) and code are unchanged. Astro keeps its cache manifest in the
 * work folder (`astro-cache/`) and writes into `out/`, which is kept between builds, so a reused
 * page is not even copied: a one-article edit writes the pages that changed and little else.
 *
 * Atomic: the published folder is never written into. Beside it is a spare (`.dist-spare`), the
 * site as it was before the last publish. Each build brings the spare up to date from `out/`:
 * files it already holds as they are in `out/` (same size and modification time) stay, others are
 * replaced by hard links to the published ones when those match, or by copies; files of pages
 * that no longer exist are deleted. Never links to `out/` itself, which Astro rewrites in place on
 * the next build, and never a write into a file the spare holds, which may be a hard link to a
 * published one. Then the spare and the published folder trade places with three renames, so
 * a one-article edit neither assembles a whole new folder nor deletes the old one. A failed build
 * leaves the published site untouched and marks the work folder incomplete, so the next build
 * starts from scratch; a page whose document was deleted (or whose slug changed) is removed from
 * `out/` as Astro drops it from its manifest.
 *
 * The search index is built by a process of its own that starts beside Astro: Astro renders pages
 * on one core, and the indexer builds the article indexes on the other from the records Astro
 * writes before its first page (`search-records/` in the work folder). Once Astro has exited, the
 * indexer is told so and builds the main index, which reads the HTML pages, with a second Pagefind
 * if indexes are still waiting; meanwhile the spare is brought up to date with the pages, on a
 * worker thread (`spare.ts`). The index (`pagefind/` in the work folder) is added once it is
 * done, beside the pages' worker. A failed index stops Astro, a
 * failed Astro stops the indexer, and either publishes nothing.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, lstatSync, mkdirSync, readdirSync, rmSync} from 'node:fs'
import {lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {setPriority} from 'node:os'
import {basename, dirname, isAbsolute, join, normalize, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {
  ASTRO_CLI,
  BUILD_CODE,
  SEARCH_INDEX_ALONGSIDE,
  SEARCH_INDEX_DIR,
  SEARCH_INDEXER,
  SITE_ROOT,
} from '@repo/site/build'
import {commandArgs} from './paths.ts'
import {listFiles, type PagesSynced, removeEmptyParents, syncPagesInWorker, syncSpare} from './spare.ts'

/** Inside the work folder: what Astro writes, and Astro's cache (its manifest and page copies). */
const OUT = 'out'
const ASTRO_CACHE = 'astro-cache'
const MANIFEST = join(ASTRO_CACHE, 'incremental-build.json')
/** The last build's search index and the digest of its inputs, for the indexer's `--reuse`. */
const SEARCH_INDEX = 'search-index'
/**
 * The article records Astro writes for the indexer (which deletes them, as it does the
 * `.parts` folder it splits them into): never in `out/`, so never published.
 */
const SEARCH_RECORDS = 'search-records'
/** Present while a build runs; found at the start of a build, it means the last one failed. */
const INCOMPLETE = 'BUILD-INCOMPLETE'
/** The digest of {@link BUILD_CODE} the work folder was built with. */
const BUILD_CODE_DIGEST = 'build-code.sha256'
/**
 * The files of `out/` the last build left that are not pages (assets, the sitemap, the headers
 * file…), which the next build writes again and so removes first. Listing `out/` instead walks
 * a folder per page: 0.4 s at 10,000 articles, before Astro could start.
 */
export const NON_PAGE_FILES = 'non-page-files.json'

export interface AtomicBuildOptions {
  /** Where the finished site goes; `site/dist` by default. */
  distDir?: string
  /**
   * The persistent work folder (Astro's cache and its output); `.<dist name>-work` beside the
   * published folder by default (`site/.dist-work`). Anywhere, a tmpfs included (Astro then
   * reaches it through a link inside the site, see `astroWorkFolder`); so may the published folder.
   */
  workDir?: string
  /** Ignore the work folder and render every page. */
  full?: boolean
  env?: NodeJS.ProcessEnv
  /** Where the build's output goes; the console by default. */
  stdio?: 'inherit' | 'pipe'
}

/** What a build did, as its log's last lines say. */
export interface BuildSummary {
  /** Pages (and endpoints) Astro rendered. */
  rendered: number
  /** Pages Astro reused from the previous build without rendering them. */
  reused: number
  /** Pages of the previous build that no longer exist (deleted documents, changed slugs). */
  removed: number
  /** Why every page was rendered, when they were; undefined for an incremental build. */
  fullBuild: string | undefined
  /**
   * Whether the search index was built, or reused because nothing it reads changed, or partly
   * reused (the Pagefind indexes whose articles did not change).
   */
  searchIndex: 'built' | 'reused' | 'partly reused'
  /** Files of the published site written anew, and those carried over as hard links. */
  published: {changed: number; unchanged: number}
}

/** Builds into the work folder, then replaces `distDir` with the result. Returns the exit code. */
export async function buildAtomically(
  options: AtomicBuildOptions = {},
): Promise<{code: number; output: string; summary?: BuildSummary}> {
  const distDir = resolve(options.distDir ?? join(SITE_ROOT, 'dist'))
  const workDir = resolve(options.workDir ?? join(dirname(distDir), `.${basename(distDir)}-work`))
  const outDir = join(workDir, OUT)
  const stamp = `${process.pid}-${Date.now()}`
  // The site a build assembles and then swaps in: the previous published site, kept beside it.
  const spare = join(dirname(distDir), `.${basename(distDir)}-spare`)
  const retiring = join(dirname(distDir), `.${basename(distDir)}-retiring-${stamp}`)
  const stdio = options.stdio ?? 'inherit'
  let output = ''
  const log = (line: string) => {
    output += `${line}\n`
    if (stdio === 'inherit') console.log(line)
  }

  const running = await runningBuild(workDir)
  if (running !== undefined) {
    const message =
      `Another build (process ${running}) is using the work folder ${workDir}; wait for it to finish` +
      ` (if no build is running, delete ${join(workDir, INCOMPLETE)}).`
    if (stdio === 'inherit') console.error(message)
    return {code: 1, output: `${message}\n`}
  }
  const buildCode = await buildCodeDigest()
  const {fullBuild, previousPages} = await prepareWorkFolder(workDir, options.full ?? false, buildCode)
  const astroWorkDir = await astroWorkFolder(workDir)
  if (fullBuild !== undefined) log(`[build] Rendering every page: ${fullBuild}.`)

  // A production build whatever NODE_ENV the caller runs under (vitest sets it to test).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DO_NOT_TRACK: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
    ...options.env,
  }
  // The indexer first: it waits for the records Astro writes as soon as it has the content. Its
  // young generation is kept small: it lives beside Astro's 1.1 GB at 10,000 articles, and left to
  // itself V8 grew it with each index, the indexer's memory from 80 to 195 MB with 15 MB in use;
  // capped, it stays near 100 MB (one standalone run each on 10,000 articles: 32.0 s capped,
  // 30.7 s not).
  const indexer = start(
    process.execPath,
    [
      '--max-semi-space-size=2',
      SEARCH_INDEXER,
      outDir,
      '--alongside',
      '--records',
      join(workDir, SEARCH_RECORDS),
      // This build's index: outside `out/`, where Astro writes; published under the same name.
      '--into',
      join(workDir, SEARCH_INDEX_DIR),
      '--reuse',
      join(workDir, SEARCH_INDEX),
    ],
    {cwd: SITE_ROOT, env, stdio, input: true},
  )
  // Astro's rendering is what the build waits for, and it uses more than one core at times (its
  // collector, its file writes); the indexer, whose article indexes are not needed before Astro is
  // done, takes what Astro leaves. Its Pagefind processes inherit the priority.
  try {
    if (indexer.child.pid !== undefined) setPriority(indexer.child.pid, 10)
  } catch {
    // Already exited (it failed at once): its exit code says why.
  }
  // Node's own, not through the package manager's shim, to give V8 a smaller young generation:
  // left to itself it committed 128 MB for it (a 64 MB semi-space) while holding the content of
  // 10,000 articles. At 16 MB a cold build at 10,000 peaked about 100 MB lower, 1,355 MB against
  // 1,452 MB (median of 3 each, the whole process tree), in as much time (27.6 s against 28.2 s);
  // no slower at 1,000 (6 pairs, 5.12 s against 5.00 s, three faster each way).
  const astroBuild = start(
    process.execPath,
    ['--max-semi-space-size=16', ASTRO_CLI, 'build', '--outDir', join(astroWorkDir, OUT)],
    {
      cwd: SITE_ROOT,
      // SITE_INCREMENTAL_DIR turns on incremental builds with the cache in the work folder
      // (astro.config.ts); SITE_SEARCH_RECORDS_DIR is where the pages' content layer writes the
      // search records; SITE_SEARCH_INDEX tells the site-finish integration to leave the index to
      // the indexer.
      env: {
        ...env,
        // Rolldown and Astro's compiler allocate with mimalloc, which asks the kernel for huge pages
        // on its arenas: every page the bundling touched then stays resident 2 MB at a time, for the
        // rest of the build (186 MB of huge pages in one arena, sampled at 10,000 articles). Without
        // them a cold build's whole tree peaked 145 MB lower at 1,000 articles (634 MB against 779 MB,
        // 4 pairs) and 125 MB lower at 10,000 (1,221 MB against 1,345 MB, 2 pairs), in as much time.
        // A value set by whoever runs the build is kept.
        MIMALLOC_ALLOW_THP: env['MIMALLOC_ALLOW_THP'] ?? '0',
        SITE_INCREMENTAL_DIR: astroWorkDir,
        SITE_SEARCH_RECORDS_DIR: join(workDir, SEARCH_RECORDS),
        SITE_SEARCH_INDEX: SEARCH_INDEX_ALONGSIDE,
      },
      stdio,
    },
  )
  // An indexer that fails while Astro still renders (a record Pagefind refuses) fails the build now.
  let indexFailedFirst = false
  void indexer.done.then(({code}) => {
    if (code === 0 || astroBuild.child.exitCode !== null) return
    indexFailedFirst = true
    astroBuild.child.kill('SIGTERM')
  })
  const built = await astroBuild.done
  output += built.output
  if (indexFailedFirst || built.code !== 0) {
    // Stopped, the indexer builds nothing more (its input would have ended once the pages were built).
    indexer.child.kill('SIGTERM')
    const indexed = await indexer.done
    output += indexed.output
    return {code: indexFailedFirst ? indexed.code : built.code, output}
  }

  // Pages Astro no longer builds: it prunes them from its cache, and they go from `out/` too.
  const currentPages = await manifestOutputFiles(workDir)
  let removed = 0
  for (const file of previousPages) {
    if (currentPages.has(file)) continue
    await rm(join(outDir, file), {force: true})
    removeEmptyParents(outDir, dirname(file))
    removed++
  }
  // The end of its input tells the indexer the pages are built: the main index may read them.
  // Awaited: the pipe is closed by the event loop, which the synchronous work below holds for
  // a second or more at 10,000 articles, and the indexer would wait that long to start.
  await new Promise<void>((resolvePromise) => {
    const input = indexer.child.stdin
    if (!input || input.writableFinished || input.destroyed) return resolvePromise()
    input.once('close', resolvePromise)
    input.end(resolvePromise)
  })

  // The spare is brought up to date while the indexer finishes: the pages (at 10,000 articles,
  // 11,000 files, 1.2 to 1.5 s after one edit) on a worker thread at once, the search index here
  // once the indexer is done, each on a core of its own (see spare.ts).
  let published: BuildSummary['published']
  let indexed: {code: number; output: string}
  let nonPageFiles: string[] = []
  let pagesSynced: Promise<PagesSynced> | undefined
  try {
    if (existsSync(spare) && !lstatSync(spare).isDirectory()) rmSync(spare, {force: true})
    const spareIndex = join(spare, SEARCH_INDEX_DIR)
    if (existsSync(spareIndex) && !lstatSync(spareIndex).isDirectory()) rmSync(spareIndex, {force: true})
    mkdirSync(spare, {recursive: true})
    pagesSynced = syncPagesInWorker({root: outDir, target: spare, distDir, other: SEARCH_INDEX_DIR})
    // Its failure is thrown where it is awaited below; until then it must not be an unhandled rejection.
    pagesSynced.catch(() => {})
    indexed = await indexer.done
    output += indexed.output
    if (indexed.code !== 0) {
      await pagesSynced.catch(() => undefined)
      return {code: indexed.code, output}
    }
    const inIndex = (file: string) => `${SEARCH_INDEX_DIR}/${file}`
    const search = syncSpare(
      workDir,
      listFiles(join(workDir, SEARCH_INDEX_DIR)).map(inIndex),
      spare,
      listFiles(spareIndex, {links: true}).map(inIndex),
      distDir,
      (file) => file.startsWith(`${SEARCH_INDEX_DIR}/`),
      // Linked, not copied: no build writes into a file of the search index again. The indexer
      // writes each index into a new folder, and an index it reuses is moved back whole.
      {linkRoot: true},
    )
    const site = await pagesSynced
    nonPageFiles = site.files.filter((file) => !currentPages.has(file))
    published = {changed: site.count.changed + search.changed, unchanged: site.count.unchanged + search.unchanged}
  } catch (error) {
    // The spare is never served: the next build brings it up to date whatever state it is in.
    await indexer.done
    await pagesSynced?.catch(() => undefined)
    throw error
  }

  // The spare becomes the published site and the published site the spare, in three renames.
  // A build killed between them left the old site in a folder of its own, which nothing needs.
  const retiringPrefix = `.${basename(distDir)}-retiring-`
  for (const entry of readdirSync(dirname(distDir))) {
    if (entry.startsWith(retiringPrefix)) rmSync(join(dirname(distDir), entry), {recursive: true, force: true})
  }
  const hadPrevious = existsSync(distDir)
  if (hadPrevious) await rename(distDir, retiring)
  try {
    await rename(spare, distDir)
  } catch (error) {
    // Put the previous site back: never no site, never half of one.
    if (hadPrevious) await rename(retiring, distDir)
    throw error
  }
  if (hadPrevious) {
    await rename(retiring, spare).catch(async (error: unknown) => {
      // Published all the same; the next build makes a new spare.
      console.warn(`[build] Could not keep ${retiring} as the spare (${String(error)}); deleting it.`)
      await rm(retiring, {recursive: true, force: true})
    })
  }
  await writeFile(join(workDir, BUILD_CODE_DIGEST), `${buildCode}\n`)
  await writeFile(join(workDir, NON_PAGE_FILES), JSON.stringify(nonPageFiles))
  await rm(join(workDir, INCOMPLETE), {force: true})

  const {rendered, reused} = countPages(built.output)
  const indexes = /\((\d+) Pagefind index(?:es)?(?:, (\d+) reused)?/.exec(indexed.output)
  const reusedIndexes = Number(indexes?.[2] ?? 0)
  const searchIndex =
    reusedIndexes === 0 ? 'built' : reusedIndexes === Number(indexes?.[1]) ? 'reused' : 'partly reused'
  const summary: BuildSummary = {rendered, reused, removed, fullBuild, searchIndex, published}
  log(
    `[build] Pages: ${rendered} rendered, ${reused} reused from the previous build, ${removed} removed` +
      ` (work folder ${workDir}).`,
  )
  log(
    `[build] Published ${distDir}: ${published.changed} files written, ${published.unchanged} unchanged (hard links).`,
  )
  return {code: 0, output, summary}
}

/**
 * Readies the work folder for this build, and says why every page must be rendered, if it must:
 * no previous build, a previous build that did not finish (its output may not match Astro's
 * manifest), or `--full`. Files that are not reusable pages (assets, the search index, the
 * sitemap, endpoints) are removed: this build writes them all again. Returns the last build's
 * pages too (none for a full build), as its manifest lists them.
 */
async function prepareWorkFolder(
  workDir: string,
  full: boolean,
  buildCode: string,
): Promise<{fullBuild: string | undefined; previousPages: Set<string>}> {
  const outDir = join(workDir, OUT)
  let reason: string | undefined
  // The pages of the last build, when this one builds on them.
  let previousPages = new Set<string>()
  if (full) reason = '--full'
  else if (existsSync(join(workDir, INCOMPLETE))) reason = 'the previous build did not finish'
  else if (!existsSync(join(workDir, MANIFEST)) || !existsSync(outDir)) reason = 'no previous build in the work folder'
  else if ((await readFile(join(workDir, BUILD_CODE_DIGEST), 'utf8').catch(() => '')).trim() !== buildCode) {
    reason = `the site's build code changed (${BUILD_CODE.map((path) => `site/${path}`).join(', ')})`
  }
  const searchIndex = join(workDir, SEARCH_INDEX)
  // Records a failed build left behind: the indexer must wait for this build's.
  for (const entry of await readdir(workDir).catch(() => [])) {
    if (entry.startsWith(SEARCH_RECORDS)) await rm(join(workDir, entry), {recursive: true, force: true})
  }
  if (reason !== undefined) {
    await rm(outDir, {recursive: true, force: true})
    await rm(join(workDir, NON_PAGE_FILES), {force: true})
    await rm(join(workDir, ASTRO_CACHE), {recursive: true, force: true})
    await rm(searchIndex, {recursive: true, force: true})
    await rm(join(workDir, SEARCH_INDEX_DIR), {recursive: true, force: true})
  } else {
    // The last search index waits aside; the indexer moves back each of its indexes still current.
    await rm(join(searchIndex, SEARCH_INDEX_DIR), {recursive: true, force: true})
    await mkdir(searchIndex, {recursive: true})
    await rename(join(workDir, SEARCH_INDEX_DIR), join(searchIndex, SEARCH_INDEX_DIR)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      },
    )
    // Astro, patched, keeps no copy of the pages in its cache when the output folder is kept:
    // copies an unpatched build left there are never read again, only stored (and cached in CI).
    await rm(join(workDir, ASTRO_CACHE, 'dist'), {recursive: true, force: true})
    previousPages = await manifestOutputFiles(workDir)
    const nonPages =
      (await recordedNonPageFiles(workDir)) ?? listFiles(outDir).filter((file) => !previousPages.has(file))
    for (const file of nonPages) await rm(join(outDir, file), {force: true})
  }
  await mkdir(outDir, {recursive: true})
  await mkdir(searchIndex, {recursive: true})
  await writeFile(
    join(workDir, INCOMPLETE),
    `${process.pid}\nA build started at ${new Date().toISOString()} by process ${process.pid} has not finished.\n`,
  )
  return {fullBuild: reason, previousPages}
}

/**
 * The non-page files of `out/` the last build recorded ({@link NON_PAGE_FILES}), or undefined
 * when there is no usable record: then `out/` is listed. Every build that finishes records them
 * (a failed one renders everything next time, emptying `out/`), so nothing else can be there.
 * A path that would leave `out/` makes the whole record unusable.
 */
async function recordedNonPageFiles(workDir: string): Promise<string[] | undefined> {
  let recorded: unknown
  try {
    recorded = JSON.parse(await readFile(join(workDir, NON_PAGE_FILES), 'utf8'))
  } catch {
    return undefined
  }
  const inside = (file: unknown): file is string =>
    typeof file === 'string' && file !== '' && !isAbsolute(file) && !normalize(file).startsWith('..')
  return Array.isArray(recorded) && recorded.every(inside) ? recorded : undefined
}

/** A digest of every file of {@link BUILD_CODE}: their paths and bytes. */
async function buildCodeDigest(): Promise<string> {
  const hash = createHash('sha256')
  for (const path of BUILD_CODE) {
    const root = join(SITE_ROOT, path)
    const files = (await stat(root)).isDirectory() ? listFiles(root).map((file) => join(path, file)) : [path]
    for (const file of files)
      hash
        .update(`${file}\0`)
        .update(await readFile(join(SITE_ROOT, file)))
        .update('\0')
  }
  return hash.digest('hex')
}

/** The process id of a build that is still running in `workDir`, if one is. */
async function runningBuild(workDir: string): Promise<number | undefined> {
  const marker = await readFile(join(workDir, INCOMPLETE), 'utf8').catch(() => undefined)
  const pid = Number(marker?.split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    // No such process: that build died, and the marker makes the next one start afresh.
    return undefined
  }
}

/**
 * The path Astro is given for the work folder: the folder itself when it is on the site's
 * filesystem, else a link to it inside the site.
 *
 * Astro bundles the pages into `.prerender/` inside its output folder when that folder's path lies
 * inside the site (else into `site/.astro/`), then moves assets from there into the output with
 * rename(2), which cannot cross filesystems. So a work folder elsewhere, a tmpfs for instance, is
 * reached through `site/node_modules/.cache/build-work/<digest of its path>`: the bundle then lands
 * beside the output, on the work folder's filesystem. Node resolves the bundle's imports from its
 * real place, so the work folder also gets a `node_modules` link to the site's packages.
 */
async function astroWorkFolder(workDir: string): Promise<string> {
  if (!(await onOtherFilesystem(workDir))) return workDir
  const link = join(WORK_LINKS, createHash('sha256').update(workDir).digest('hex').slice(0, 16))
  await mkdir(WORK_LINKS, {recursive: true})
  // Links to work folders since deleted (the benchmark makes one a run) go.
  for (const name of await readdir(WORK_LINKS)) {
    if (!existsSync(join(WORK_LINKS, name))) await rm(join(WORK_LINKS, name), {force: true})
  }
  await pointLink(link, workDir)
  await pointLink(join(workDir, 'node_modules'), join(SITE_ROOT, 'node_modules'))
  return link
}

/** Where {@link astroWorkFolder} links work folders on other filesystems into the site. */
const WORK_LINKS = join(SITE_ROOT, 'node_modules', '.cache', 'build-work')

/** Makes `path` a symbolic link to `target`, unless it already is one; never replaces anything else. */
async function pointLink(path: string, target: string): Promise<void> {
  const existing = await lstat(path).catch(() => undefined)
  if (existing?.isSymbolicLink()) {
    if ((await readlink(path)) === target) return
    await rm(path)
  } else if (existing) {
    throw new Error(`${path} should be a link to ${target}, but something else is there; move it away.`)
  }
  await symlink(target, path)
}

/**
 * Whether the work folder is on another filesystem than the site (see {@link astroWorkFolder}).
 * The folder need not exist yet: its nearest existing parent decides.
 */
async function onOtherFilesystem(workDir: string): Promise<boolean> {
  for (let folder = workDir; ; folder = dirname(folder)) {
    const found = await stat(folder, {bigint: true}).catch(() => undefined)
    if (found) return found.dev !== (await stat(SITE_ROOT, {bigint: true})).dev
    if (dirname(folder) === folder) return false
  }
}

/** The page files Astro's manifest records (paths relative to the output folder). */
async function manifestOutputFiles(workDir: string): Promise<Set<string>> {
  const files = new Set<string>()
  let manifest: {routes?: Record<string, {paths?: Record<string, {outputFile?: string}>}>}
  try {
    manifest = JSON.parse(await readFile(join(workDir, MANIFEST), 'utf8'))
  } catch {
    return files
  }
  for (const route of Object.values(manifest.routes ?? {})) {
    for (const path of Object.values(route.paths ?? {})) if (path.outputFile) files.add(path.outputFile)
  }
  return files
}

/**
 * Pages rendered and reused, from Astro's log: a reused page's line ends `(cached)` (kept in the
 * output folder) or `(restored)` (copied back from Astro's cache), a rendered one with its time.
 */
export function countPages(log: string): {rendered: number; reused: number} {
  // With pages rendered four at a time, a page's name and its outcome are often printed on
  // different lines, so count the outcomes.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Astro colours its log.
  const plain = log.replace(/\u001b\[[0-9;]*m/g, '')
  return {
    rendered: plain.match(/ \(\+[\d.]+\s*m?s\)/g)?.length ?? 0,
    reused: plain.match(/ \((cached|restored)\)/g)?.length ?? 0,
  }
}

/**
 * Starts a command whose output is always read (the page counts come from Astro's log) and echoed
 * when asked to; with `input`, its standard input is a pipe the caller writes to.
 */
function start(
  command: string,
  args: string[],
  options: {cwd: string; env: NodeJS.ProcessEnv; stdio: 'inherit' | 'pipe'; input?: boolean},
): {child: ChildProcess; done: Promise<{code: number; output: string}>} {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  })
  // A child that exited early closes its input: writing to it then is no error of ours.
  child.stdin?.on('error', () => {})
  const done = new Promise<{code: number; output: string}>((resolvePromise, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (options.stdio === 'inherit') process.stdout.write(chunk)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (options.stdio === 'inherit') process.stderr.write(chunk)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolvePromise({code: code ?? (signal ? 1 : 0), output}))
  })
  return {child, done}
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({
    args: commandArgs(),
    options: {dist: {type: 'string'}, work: {type: 'string'}, full: {type: 'boolean', default: false}},
  })
  const code = await buildAtomically({
    ...(values.dist === undefined ? {} : {distDir: values.dist}),
    ...(values.work === undefined ? {} : {workDir: values.work}),
    full: values.full,
  }).then(
    (result) => result.code,
    (error: unknown) => {
      // Publishing failed (a full disk, permissions): the site was put back as it was.
      console.error(`[build] ${error instanceof Error ? error.message : String(error)}`)
      return 1
    },
  )
  if (code !== 0) console.error('\nThe build failed; the published site still holds the previous build.')
  process.exit(code)
}
