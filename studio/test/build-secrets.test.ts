import {execFile} from 'node:child_process'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const run = promisify(execFile)
const studioRoot = fileURLToPath(new URL('..', import.meta.url))

/** Secrets a build machine may hold; none may reach the Studio's bundle or its build log. */
const SECRETS = {
  SANITY_API_READ_TOKEN: 'skREADTOKENLEAKMARKER0123456789abcdef',
  SANITY_AUTH_TOKEN: 'skAUTHTOKENLEAKMARKER0123456789abcdef',
  SANITY_IMPORT_TOKEN: 'skIMPORTTOKENLEAKMARKER0123456789abcdef',
}

/**
 * Public values: the Studio's bundle inlines every `SANITY_STUDIO_*` variable, whether its code
 * reads it (the preview URL) or not. Finding them proves the scan sees inlined values, and shows
 * why a secret must never be given that prefix.
 */
const PUBLIC = {
  SANITY_STUDIO_PREVIEW_URL: 'https://preview-publicmarker0123.example.org',
  SANITY_STUDIO_UNREAD_SETTING: 'unreadpublicmarker0123',
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

describe('`sanity build` of the Studio on a machine holding tokens', {timeout: 300_000}, () => {
  let scratch: string
  let outDir: string
  let output: string
  /** Every output file's text, by its path inside the build. */
  const files = new Map<string, string>()

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'studio-build-'))
    outDir = join(scratch, 'dist')
    const {stdout, stderr} = await run(
      join(studioRoot, 'node_modules', '.bin', 'sanity'),
      ['build', outDir, '--yes', '--source-maps'],
      {
        cwd: studioRoot,
        env: {
          ...process.env,
          // vitest runs under NODE_ENV=test; `pnpm build:studio` does not.
          NODE_ENV: 'production',
          DO_NOT_TRACK: '1',
          NO_UPDATE_NOTIFIER: '1',
          SANITY_STUDIO_PROJECT_ID: 'leaktest',
          SANITY_STUDIO_DATASET: 'production',
          ...SECRETS,
          ...PUBLIC,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    output = stdout + stderr
    for await (const file of filesUnder(outDir))
      files.set(file.slice(outDir.length + 1), await readFile(file, 'latin1'))
  }, 300_000)

  afterAll(async () => {
    if (scratch) await rm(scratch, {recursive: true, force: true})
  })

  it('builds the Studio, source maps included, with the public settings inlined where the scan can see them', () => {
    expect(files.has('index.html')).toBe(true)
    expect([...files.keys()].some((file) => file.endsWith('.js.map'))).toBe(true)
    for (const value of Object.values(PUBLIC)) {
      expect(
        [...files.values()].some((text) => text.includes(value)),
        value,
      ).toBe(true)
    }
  })

  it('writes no token into any output file, source maps included', () => {
    const leaks = [...files].flatMap(([file, text]) =>
      Object.entries(SECRETS)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => `${file}: ${name}`),
    )
    expect(leaks).toEqual([])
  })

  it('prints no token, and names only the public variables it inlines', () => {
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(output, name).not.toContain(value)
      expect(output, name).not.toContain(name)
    }
    expect(output).toContain('SANITY_STUDIO_UNREAD_SETTING')
  })
})
