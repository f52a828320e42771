import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildAtomically} from '../src/build-site.ts'
import {writeHugeDataset} from '../src/stress.ts'

const HUGE_PAGE = join('blog', 'a-very-long-article', 'index.html')

describe('a build whose dataset holds one article with a body over 5 MB', {timeout: 300_000}, () => {
  let root: string
  let code: number
  let output: string
  let body: Array<{style?: string; children?: Array<{text?: string}>}>

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stress-huge-'))
    const datasetFile = join(root, 'dataset.ndjson')
    await writeHugeDataset(datasetFile)
    const lines = (await readFile(datasetFile, 'utf8')).trim().split('\n')
    body = JSON.parse(lines.find((line) => line.includes('"article-huge"')) ?? '{}').body
    ;({code, output} = await buildAtomically({
      distDir: join(root, 'dist'),
      env: {CONTENT_DATASET_FILE: datasetFile, REVIEW_NOW: '2026-12-01T00:00:00Z'},
      stdio: 'pipe',
    }))
  }, 300_000)

  afterAll(async () => {
    if (root) await rm(root, {recursive: true, force: true})
  })

  it('completes, with the huge article counted as validly reviewed', () => {
    expect(code, output.slice(-3000)).toBe(0)
    expect(output).toMatch(/2 articles \(valid 2/)
  })

  it('writes the whole body: every section, ending with the body’s last paragraph', async () => {
    const html = await readFile(join(root, 'dist', HUGE_PAGE), 'utf8')
    const headings = body.filter((block) => block.style === 'h2').map((block) => block.children?.[0]?.text)
    expect(headings.length).toBeGreaterThan(100)
    expect(headings.filter((heading) => !html.includes(`>${heading}</h2>`))).toEqual([])
    const lastHeading = body.findLast((block) => block.style === 'h2')?.children?.[0]?.text
    const lastParagraph = body.at(-1)?.children?.[0]?.text
    expect(lastHeading).toBeTruthy()
    expect(html).toContain(`>${lastHeading}</h2>`)
    expect(html).toContain(lastParagraph)
    expect(html.indexOf(lastParagraph ?? '')).toBeGreaterThan(html.indexOf(`>${lastHeading}</h2>`))
  })
})
