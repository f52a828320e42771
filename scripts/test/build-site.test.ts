import {existsSync, statSync} from 'node:fs'
import {lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildAtomically} from '../src/build-site.ts'
import {repoRoot} from '../src/paths.ts'

/** A folder on another filesystem than the site's (shared memory, most often), if the machine has one. */
const otherFilesystem = ['/dev/shm', tmpdir()].find(
  (folder) => existsSync(folder) && statSync(folder).dev !== statSync(join(repoRoot, 'site')).dev,
)

async function previousSite() {
  const root = await mkdtemp(join(tmpdir(), 'atomic-build-'))
  const distDir = join(root, 'dist')
  await mkdir(distDir)
  await writeFile(join(distDir, 'index.html'), 'previous build')
  return {root, distDir}
}

describe('pnpm build', {timeout: 120_000}, () => {
  it('leaves the previous site untouched, and no half-built folder, when the build fails', async () => {
    const {root, distDir} = await previousSite()
    const broken = join(root, 'broken.ndjson')
    await writeFile(broken, '{"_id": "a", "_type": "article"}\n{"_id": "b", "_type": \n')

    const {code, output} = await buildAtomically({distDir, env: {CONTENT_DATASET_FILE: broken}, stdio: 'pipe'})

    expect(code).not.toBe(0)
    expect(output).toContain(`${broken}:2`)
    expect(await readFile(join(distDir, 'index.html'), 'utf8')).toBe('previous build')
    // Beside the published site only the work folder remains, marked so the next build starts afresh.
    expect(await readdir(root)).toEqual(['.dist-work', 'broken.ndjson', 'dist'])
    expect(await readdir(join(root, '.dist-work'))).toContain('BUILD-INCOMPLETE')
  })

  it('leaves the previous site untouched, and no half-assembled folder, when the search index beside Astro fails', async () => {
    const {root, distDir} = await previousSite()

    // The indexer refuses the setting as soon as Astro has written the records, most often while
    // Astro still renders (then it stops Astro), else just after.
    const {code, output} = await buildAtomically({
      distDir,
      env: {REVIEW_NOW: '2026-12-01T00:00:00Z', SEARCH_ARTICLES_PER_INDEX: 'none'},
      stdio: 'pipe',
    })

    expect(code).not.toBe(0)
    expect(output).toContain('[search-index] SEARCH_ARTICLES_PER_INDEX must be a positive whole number, got "none"')
    expect(await readFile(join(distDir, 'index.html'), 'utf8')).toBe('previous build')
    expect(await readdir(distDir)).toEqual(['index.html'])
    expect(await readdir(root)).toEqual(['.dist-work', 'dist'])
    expect(await readdir(join(root, '.dist-work'))).toContain('BUILD-INCOMPLETE')
  })

  it('replaces the previous site with the new one, search index included, when the build succeeds', async () => {
    const {root, distDir} = await previousSite()
    const {code} = await buildAtomically({distDir, env: {REVIEW_NOW: '2026-12-01T00:00:00Z'}, stdio: 'pipe'})
    expect(code).toBe(0)
    expect(await readFile(join(distDir, 'index.html'), 'utf8')).not.toBe('previous build')
    // The site it replaced stays beside it as the spare the next build brings up to date.
    expect(await readdir(root)).toEqual(['.dist-spare', '.dist-work', 'dist'])
    expect(await readFile(join(root, '.dist-spare', 'index.html'), 'utf8')).toBe('previous build')
    // The search index is built beside Astro, from records that are then removed.
    expect(await readdir(join(distDir, 'pagefind'))).toContain('pagefind-entry.json')
    expect((await readdir(distDir)).filter((file) => file.startsWith('search-records'))).toEqual([])
  })

  it('publishes nothing the spare holds that the new site does not have: a page since deleted, a stray link', async () => {
    const {root, distDir} = await previousSite()
    const env = {REVIEW_NOW: '2026-12-01T00:00:00Z'}
    expect((await buildAtomically({distDir, env, stdio: 'pipe'})).code).toBe(0)
    const spare = join(root, '.dist-spare')
    await mkdir(join(spare, 'blog', 'a-deleted-article'), {recursive: true})
    await writeFile(join(spare, 'blog', 'a-deleted-article', 'index.html'), 'a deleted article')
    await symlink('/etc/hostname', join(spare, 'stray-link'))

    const {code} = await buildAtomically({distDir, env, stdio: 'pipe'})

    expect(code).toBe(0)
    await expect(lstat(join(distDir, 'blog', 'a-deleted-article'))).rejects.toThrow()
    await expect(lstat(join(distDir, 'stray-link'))).rejects.toThrow()
    // The spare's old home page is replaced by this build's.
    expect(await readFile(join(distDir, 'index.html'), 'utf8')).not.toBe('previous build')
    expect(await readdir(root)).toEqual(['.dist-spare', '.dist-work', 'dist'])
  })

  it('refuses to start, leaving the published site as it was, while another build uses the work folder', async () => {
    const {root, distDir} = await previousSite()
    await mkdir(join(root, '.dist-work'))
    // A process that is alive: the one that runs this test file.
    await writeFile(join(root, '.dist-work', 'BUILD-INCOMPLETE'), `${process.ppid}\nA build started…\n`)

    const {code, output} = await buildAtomically({distDir, stdio: 'pipe'})

    expect(code).toBe(1)
    expect(output).toContain(`Another build (process ${process.ppid}) is using the work folder`)
    expect(await readFile(join(distDir, 'index.html'), 'utf8')).toBe('previous build')
  })

  it.skipIf(otherFilesystem === undefined)(
    'publishes into a folder on another filesystem than the work folder, search index included',
    async () => {
      const other = await mkdtemp(join(otherFilesystem ?? '', 'build-dist-'))
      const distDir = join(other, 'dist')
      // The work folder on the site's filesystem, the published one elsewhere.
      const cache = join(repoRoot, 'site', 'node_modules', '.cache')
      await mkdir(cache, {recursive: true})
      const workDir = join(await mkdtemp(join(cache, 'build-work-')), 'work')
      try {
        const {code, output} = await buildAtomically({
          distDir,
          workDir,
          env: {REVIEW_NOW: '2026-12-01T00:00:00Z'},
          stdio: 'pipe',
        })
        expect(code, output).toBe(0)
        expect(await readdir(join(distDir, 'pagefind'))).toContain('pagefind-entry.json')
        expect(await readFile(join(distDir, 'index.html'), 'utf8')).toContain('</html>')
      } finally {
        await rm(other, {recursive: true, force: true})
        await rm(dirname(workDir), {recursive: true, force: true})
      }
    },
  )

  it.skipIf(otherFilesystem === undefined)(
    'builds in a work folder on another filesystem than the site, and the next build reuses every page',
    async () => {
      const {root, distDir} = await previousSite()
      const other = await mkdtemp(join(otherFilesystem ?? '', 'build-work-'))
      const workDir = join(other, 'work')
      const build = () => buildAtomically({distDir, workDir, env: {REVIEW_NOW: '2026-12-01T00:00:00Z'}, stdio: 'pipe'})
      try {
        const first = await build()
        expect(first.code, first.output).toBe(0)
        expect(await readFile(join(distDir, 'index.html'), 'utf8')).toContain('</html>')
        expect(await readdir(join(distDir, 'pagefind'))).toContain('pagefind-entry.json')
        // Astro's output, cache and page bundle all on that filesystem, none of it in the site.
        expect(existsSync(join(workDir, 'out', 'index.html'))).toBe(true)
        expect(first.summary?.rendered).toBeGreaterThan(0)

        const second = await build()
        expect(second.code, second.output).toBe(0)
        expect(second.summary).toMatchObject({rendered: 0, reused: first.summary?.rendered})
      } finally {
        await rm(other, {recursive: true, force: true})
        await rm(root, {recursive: true, force: true})
      }
    },
  )
})
