/**
 * Runs one build as a child process and measures it: wall time, CPU time and peak memory of the
 * whole process tree (the build may start workers or helper processes), found through `/proc`.
 */
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {performance} from 'node:perf_hooks'

/** How one run of a command went. */
export interface Measurement {
  wallMs: number
  /**
   * Peak of the summed VmRSS of the child and all its descendants, sampled every `intervalMs`:
   * a short spike between two samples can be missed, and pages shared between processes are
   * counted once per process. Null where `/proc` is not available.
   */
  peakTreeRssBytes: number | null
  /** How many samples the peak was taken from. */
  samples: number
  /**
   * CPU time (user and system, every core) of the command and of every process below it that was
   * waited for, as the kernel accounts it to this process's ended children (`/proc/self/stat`,
   * cutime + cstime, in 10 ms ticks). Divided by the machine's cores it is the shortest time any
   * schedule of the same work could take there. Null where `/proc` is not available.
   */
  cpuMs: number | null
  /**
   * The kernel's exact peak RSS of the largest single process of the tree (GNU time's `%M`, from
   * `wait4`), when `/usr/bin/time` exists; a lower bound for the tree's peak, never sampled.
   */
  maxProcessRssBytes: number | null
  exitCode: number | null
  /** The last part of everything the command printed, for errors and for the stage breakdown. */
  output: string
}

/** Options for `measureCommand`. */
export interface MeasureOptions {
  cwd: string
  env: Record<string, string | undefined>
  /** Sampling period of the RSS sampler, in milliseconds. */
  intervalMs?: number
  /** How much of the output to keep, from its end. */
  keepOutputChars?: number
  /** Keeps only the output lines this accepts (a build may print one line per page). */
  keepLine?: (line: string) => boolean
  /** GNU time, to wrap the command in; `/usr/bin/time` when it exists, `null` for none. */
  gnuTime?: string | null
}

/** The GNU time binary, when this machine has one. */
export const GNU_TIME: string | null = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** Runs `command` with `args` to completion, sampling the process tree's memory as it runs. */
export async function measureCommand(
  command: string,
  args: readonly string[],
  options: MeasureOptions,
): Promise<Measurement> {
  const intervalMs = options.intervalMs ?? 50
  const keep = options.keepOutputChars ?? 20_000
  const gnuTime = options.gnuTime === undefined ? GNU_TIME : options.gnuTime
  const timeFile = gnuTime ? join(await mkdtemp(join(tmpdir(), 'bench-time-')), 'maxrss') : null
  const [file, argv] =
    gnuTime && timeFile ? [gnuTime, ['-f', '%M', '-o', timeFile, '--', command, ...args]] : [command, [...args]]
  let output = ''
  const cpuBefore = childrenCpuMs()
  const started = performance.now()
  const child = spawn(file, argv, {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']})
  const keepLine = options.keepLine ?? (() => true)
  const appender = () => {
    let partial = ''
    return (chunk: Buffer | null) => {
      if (chunk === null && partial === '') return
      const text = partial + (chunk === null ? '\n' : chunk.toString('utf8'))
      const lines = text.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) if (keepLine(line)) output += `${line}\n`
      if (output.length > keep * 2) output = output.slice(-keep)
    }
  }
  const fromStdout = appender()
  const fromStderr = appender()
  child.stdout.on('data', fromStdout)
  child.stderr.on('data', fromStderr)
  child.stdout.once('end', () => fromStdout(null))
  child.stderr.once('end', () => fromStderr(null))

  let peak: number | null = null
  let samples = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling && child.pid !== undefined) {
      const rss = treeRss(child.pid)
      if (rss !== null) {
        samples++
        peak = Math.max(peak ?? 0, rss)
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  })()
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve(code))
  })
  const wallMs = performance.now() - started
  const cpuAfter = childrenCpuMs()
  sampling = false
  await sampler
  let maxProcessRssBytes: number | null = null
  if (timeFile) {
    const kb = Number((await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1))
    if (Number.isFinite(kb) && kb > 0) maxProcessRssBytes = kb * 1024
    await rm(dirname(timeFile), {recursive: true, force: true})
  }
  const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore
  return {wallMs, peakTreeRssBytes: peak, samples, cpuMs, maxProcessRssBytes, exitCode, output: output.slice(-keep)}
}

/**
 * CPU time, in milliseconds, of this process's ended and waited-for children and their own such
 * descendants (the kernel adds a process's to its parent's when the parent reaps it); null
 * without `/proc`. One command runs at a time, so the difference across it is that command's.
 */
function childrenCpuMs(): number | null {
  try {
    const fields = statFields('/proc/self/stat')
    // cutime and cstime (fields 16 and 17), in USER_HZ ticks: 100 a second on every architecture Node runs on.
    return (Number(fields[16]) + Number(fields[17])) * 10
  } catch {
    return null
  }
}

/**
 * Summed VmRSS, in bytes, of `pid` and every process below it; null once `pid` is gone.
 * Synchronous on purpose: a scan of `/proc` takes about a millisecond that way, against many
 * times that through the thread pool, and the sampler must not compete with the build it measures.
 */
export function treeRss(pid: number): number | null {
  const pids = descendants(pid)
  if (pids === null) return null
  let total = 0
  let any = false
  for (const each of pids) {
    const rss = vmRss(each)
    if (rss !== null) {
      total += rss
      any = true
    }
  }
  return any ? total : null
}

function vmRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    // Zombies have no VmRSS line.
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    // The process ended between listing and reading.
    return null
  }
}

/**
 * The fields of a `/proc/<pid>/stat` file, numbered as proc(5) numbers them (`[4]` is the parent's
 * ID). Split after the command name, which sits in parentheses and may itself hold spaces or
 * parentheses.
 */
function statFields(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return ['', '', '', ...text.slice(text.lastIndexOf(')') + 2).split(' ')]
}

/** `pid` and its descendants, from one scan of every `/proc/<n>/stat` for parent IDs. */
function descendants(root: number): number[] | null {
  if (!existsSync(`/proc/${root}`)) return null
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const ppid = Number(statFields(`/proc/${name}/stat`)[4])
      const list = children.get(ppid)
      if (list) list.push(Number(name))
      else children.set(ppid, [Number(name)])
    } catch {
      // The process ended while being read.
    }
  }
  const out: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.pop() as number
    out.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return out
}

/** Counts the `.html` files below `dir` and their total size in bytes. */
export async function htmlStats(dir: string): Promise<{pages: number; htmlBytes: number}> {
  let pages = 0
  let htmlBytes = 0
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue
    pages++
    htmlBytes += (await stat(join(entry.parentPath, entry.name))).size
  }
  return {pages, htmlBytes}
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median() of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
