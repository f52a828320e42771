/**
 * How `pnpm build` (build-site.ts) brings the spare, the site as it was before the last publish,
 * up to date with what it just built, so that swapping it in publishes the new site: file by
 * file, never writing into a file the spare holds (it may be a hard link to a published one).
 *
 * The pages and the search index are brought up to date side by side: the pages on a worker
 * thread of their own as soon as Astro exits, the search index on the main thread once the indexer
 * is done. At 10,000 articles each is 11,000 files of one or two `stat`s; one after the other, the
 * search index's 0.6 s came after the pages' 1.3 s, and the main thread, held by the pages, could
 * not even hear the indexer finish until they were done.
 *
 * The search index is linked, not copied, into the spare (see {@link syncSpare}'s `linkRoot`): at
 * 10,000 articles, after a cold build, its 11,000 files took 0.2 s to link and 1.8 to 4.3 s to copy.
 *
 * This module imports nothing but Node's own modules: it is also the worker's entry point.
 */
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  type Stats,
  statSync,
  utimesSync,
} from 'node:fs'
import {dirname, join} from 'node:path'
import {isMainThread, parentPort, Worker, workerData} from 'node:worker_threads'

/** Files of the spare written anew, and those carried over (left as they were, or hard links). */
export interface SpareCount {
  changed: number
  unchanged: number
}

/**
 * Brings the spare folder `target` to hold exactly `files` of `root` (paths relative to it) among
 * the files `inScope` accepts, and returns how many of them differ from the published folder
 * `distDir`. What else `target` holds in scope (of `held`, the files it held before) is deleted.
 *
 * A file `target` already holds with the same size and modification time as in `root` is left
 * alone: the spare is the site of two builds ago, so after a small edit almost every file is. Any
 * other file is replaced, never written in place, since it may be a hard link to a published file:
 * by a hard link to the published file when that has the same size and modification time (or the
 * same bytes: the assets every build writes again), else by a copy with `root`'s modification
 * time, so the next build recognises it without reading it. Never a link into `root` (Astro
 * rewrites `out/` in place on the next build) unless `linkRoot` says no build ever writes into a
 * file of `root` again: the search index, whose every file is written new (see search-index.ts),
 * is then linked, not copied, where `target` is on the same filesystem as `root`. A file left
 * half-written by a failed build has another modification time, so the next build replaces it.
 *
 * Synchronous on purpose: at 10,000 articles this is 22,000 files of one or two `stat`s each, on
 * metadata the build has just written and the kernel still caches. Each call costs microseconds;
 * sent through libuv's thread pool as promises, 16 at a time, the round trips cost more than the
 * calls (3.4 s against 1.5 s to link a whole new folder this way, before the spare).
 */
export function syncSpare(
  root: string,
  files: readonly string[],
  target: string,
  held: readonly string[],
  distDir: string,
  inScope: (file: string) => boolean,
  {linkRoot = false}: {linkRoot?: boolean} = {},
): SpareCount {
  const wanted = new Set(files)
  for (const file of held) {
    if (!inScope(file) || wanted.has(file)) continue
    rmSync(join(target, file), {force: true})
    removeEmptyParents(target, dirname(file))
  }
  let changed = 0
  let unchanged = 0
  let linking = linkRoot
  const made = new Set<string>()
  for (const file of files) {
    const from = join(root, file)
    const to = join(target, file)
    const source = statSync(from)
    const current = lstatSync(to, {throwIfNoEntry: false})
    if (current?.isFile() && sameFile(current, source)) {
      unchanged++
      continue
    }
    if (current) rmSync(to, {recursive: true, force: true})
    const folder = dirname(to)
    if (!made.has(folder)) {
      mkdirSync(folder, {recursive: true})
      made.add(folder)
    }
    const publishedFile = join(distDir, file)
    const published = statSync(publishedFile, {throwIfNoEntry: false})
    if (
      published?.isFile() &&
      published.size === source.size &&
      (sameFile(published, source) || readFileSync(from).equals(readFileSync(publishedFile)))
    ) {
      linkSync(publishedFile, to)
      unchanged++
    } else {
      if (linking && linkedFromRoot(from, to)) {
        changed++
        continue
      }
      // The published folder may be on another filesystem than the work folder: copies, then.
      linking = false
      copyFileSync(from, to)
      utimesSync(to, source.atime, source.mtime)
      changed++
    }
  }
  return {changed, unchanged}
}

/** Links `to` to `from`; false when they are on different filesystems (a link cannot cross them). */
function linkedFromRoot(from: string, to: string): boolean {
  try {
    linkSync(from, to)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EXDEV') return false
    throw error
  }
}

/** Same size and modification time (to the millisecond: what `utimes` keeps everywhere). */
function sameFile(a: Stats, b: Stats): boolean {
  return a.size === b.size && Math.trunc(a.mtimeMs) === Math.trunc(b.mtimeMs)
}

/**
 * Every file under `root`, as paths relative to it, sorted; none when it does not exist. With
 * `links`, also every other entry that is not a folder (a link a hand left in the spare must not
 * reach the published site either). With `skip`, not what is under that top-level folder (a file
 * of that name is listed). Synchronously, like {@link syncSpare}: 22,000 files at 10,000 articles.
 */
export function listFiles(root: string, options: {links?: boolean; skip?: string} = {}): string[] {
  if (!existsSync(root)) return []
  const {skip} = options
  const tops = readdirSync(root, {withFileTypes: true})
  const entries = tops.flatMap((top) =>
    top.isDirectory()
      ? top.name === skip
        ? []
        : readdirSync(join(root, top.name), {recursive: true, withFileTypes: true})
      : [top],
  )
  return entries
    .filter((entry) => (options.links ? !entry.isDirectory() : entry.isFile()))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort()
}

/**
 * Removes `folder` (relative to `root`) and its parents while they are empty: a deleted article's
 * `blog/<slug>/`. Synchronously, like {@link syncSpare}, which removes thousands at times.
 */
export function removeEmptyParents(root: string, folder: string): void {
  for (let current = folder; current !== '.' && current !== ''; current = dirname(current)) {
    try {
      rmdirSync(join(root, current))
    } catch {
      return
    }
  }
}

/** What the pages' worker is given. */
interface PagesJob {
  /** Astro's output folder. */
  root: string
  target: string
  distDir: string
  /** The spare's top-level folder that is not the pages' (the search index), left alone. */
  other: string
}

/** What the pages' worker answers: its count, and every file of `root`, as {@link listFiles} lists them. */
export interface PagesSynced {
  count: SpareCount
  files: string[]
}

const PAGES_JOB = 'spare-pages'

/**
 * Brings everything of the spare `target` but its folder `other` up to date with `root` (see
 * {@link syncSpare}), on a worker thread. Rejects with the worker's error.
 */
export function syncPagesInWorker(job: PagesJob): Promise<PagesSynced> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL(import.meta.url), {workerData: {[PAGES_JOB]: job}})
    let answered = false
    worker.once('message', (synced: PagesSynced) => {
      answered = true
      resolvePromise(synced)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`bringing the spare's pages up to date stopped (exit code ${code})`))
    })
  })
}

/** The pages' part of the spare, as {@link syncPagesInWorker} asks it of its worker. */
function syncPages({root, target, distDir, other}: PagesJob): PagesSynced {
  const held = listFiles(target, {links: true, skip: other})
  const files = listFiles(root)
  const count = syncSpare(root, files, target, held, distDir, (file) => !file.startsWith(`${other}/`))
  return {count, files}
}

const job = isMainThread ? undefined : (workerData as Record<string, PagesJob> | null)?.[PAGES_JOB]
if (job) parentPort?.postMessage(syncPages(job))
