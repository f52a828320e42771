import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {htmlStats, measureCommand, median} from '../src/bench/measure.ts'

const scratchDirs: string[] = []
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, {recursive: true, force: true}))))

const MB = 1024 * 1024

// A child that starts a grandchild holding `mb` megabytes, touched so they are resident, for a second.
const grandchildHolding = (mb: number) => `
const {spawn} = require('node:child_process')
const grandchild = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(${mb} * 1024 * 1024, 1); setTimeout(() => b.length, 1000)'], {stdio: 'inherit'})
grandchild.on('close', (code) => process.exit(code))
`

describe('measuring a build', () => {
  it('counts the memory of every process below the command, not only the command itself', async () => {
    const measured = await measureCommand(process.execPath, ['-e', grandchildHolding(256)], {
      cwd: tmpdir(),
      env: process.env,
      gnuTime: null,
    })
    expect(measured.exitCode).toBe(0)
    expect(measured.samples).toBeGreaterThan(0)
    expect(measured.peakTreeRssBytes).toBeGreaterThanOrEqual(256 * MB)
  })

  it('reports a failing command’s exit code and what it printed', async () => {
    const measured = await measureCommand(
      process.execPath,
      ['-e', 'console.error("the dataset is broken"); process.exit(3)'],
      {cwd: tmpdir(), env: process.env, gnuTime: null},
    )
    expect(measured.exitCode).toBe(3)
    expect(measured.output).toContain('the dataset is broken')
  })

  it('counts HTML files and their bytes, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-html-'))
    scratchDirs.push(dir)
    await mkdir(join(dir, 'blog', 'a'), {recursive: true})
    await writeFile(join(dir, 'index.html'), '<p>home</p>')
    await writeFile(join(dir, 'blog', 'a', 'index.html'), '<p>a</p>')
    await writeFile(join(dir, 'sitemap.xml'), '<urlset/>')
    await writeFile(join(dir, 'style.css'), 'p{}')
    expect(await htmlStats(dir)).toEqual({pages: 2, htmlBytes: '<p>home</p>'.length + '<p>a</p>'.length})
  })

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow(/no values/)
  })
})
