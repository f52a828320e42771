/**
 * `node scripts/src/bench/disk.ts [--dir <folder>] [--files 20000] [--deleted 100000]`: does
 * deleting many files slow down creating files afterwards on this machine's disk? Times writing
 * `files` small files (a built site's page size) into a fresh folder, then deletes `deleted` files
 * at once (as `rm -r dist` does), then times writing `files` more straight away, and again a
 * little later. `pnpm bench` chose where its builds write from what this prints (see README).
 */
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {loadavg} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {commandArgs, isMain} from '../paths.ts'

const PAGE = Buffer.alloc(24 * 1024, 'x')

/** Seconds to write `count` files of a page's size into a new folder under `root`. */
export async function timeFileCreation(root: string, count: number): Promise<number> {
  const dir = await mkdtemp(join(root, 'create-'))
  const started = performance.now()
  for (let n = 0; n < count; n += 100) {
    const folder = join(dir, String(n))
    await mkdir(folder)
    const writes: Promise<void>[] = []
    for (let k = n; k < Math.min(count, n + 100); k++) writes.push(writeFile(join(folder, `${k}.html`), PAGE))
    await Promise.all(writes)
  }
  const seconds = (performance.now() - started) / 1000
  await rm(dir, {recursive: true, force: true})
  return seconds
}

async function main() {
  const {values} = parseArgs({
    args: commandArgs(),
    options: {
      dir: {type: 'string', default: process.cwd()},
      files: {type: 'string', default: '20000'},
      deleted: {type: 'string', default: '100000'},
    },
  })
  const files = Number(values.files)
  const deleted = Number(values.deleted)
  const root = await mkdtemp(join(values.dir, '.disk-bench-'))
  const line = (label: string, seconds: number) =>
    console.log(`${label.padEnd(44)} ${seconds.toFixed(2)} s  (load ${loadavg()[0]?.toFixed(2)})`)
  try {
    line(`create ${files} files, before any deletion`, await timeFileCreation(root, files))
    // The output of a large build: written, left to settle, then deleted in one go.
    const big = await mkdtemp(join(root, 'big-'))
    for (let n = 0; n < deleted; n += 1000) {
      const folder = join(big, String(n))
      await mkdir(folder)
      await Promise.all(
        Array.from({length: Math.min(1000, deleted - n)}, (_, k) => writeFile(join(folder, `${k}.html`), PAGE)),
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 5000))
    const started = performance.now()
    await rm(big, {recursive: true, force: true})
    line(`delete ${deleted} files`, (performance.now() - started) / 1000)
    line(`create ${files} files, just after`, await timeFileCreation(root, files))
    line(`create ${files} files, again`, await timeFileCreation(root, files))
    await new Promise((resolve) => setTimeout(resolve, 30_000))
    line(`create ${files} files, 30 s later`, await timeFileCreation(root, files))
  } finally {
    await rm(root, {recursive: true, force: true})
  }
}

if (isMain(import.meta)) await main()
