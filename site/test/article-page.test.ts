import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {type Browser, hasChromium, launchChromium} from './support/chromium.ts'
import {type StaticServer, serveStatic} from './support/serve.ts'

const articlePath = '/blog/benefits-of-iop-program-addiction-recovery/'

describe.skipIf(!hasChromium)('an article page in a real browser', () => {
  let server: StaticServer
  let browser: Browser

  beforeAll(async () => {
    server = await serveStatic(inject('bundledSite'))
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the article title and body text and loads no JavaScript', async () => {
    const page = await browser.context.newPage()
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url())
    })
    const response = await page.goto(server.origin + articlePath)
    expect(response?.status()).toBe(200)

    await expect
      .poll(() => page.getByRole('heading', {level: 1}).textContent())
      .toBe('The Benefits of an IOP Program for Addiction Recovery')
    expect(await page.getByText('Addiction recovery is not a one-size-fits-all journey.').isVisible()).toBe(true)
    expect(await page.locator('script[src]').count()).toBe(0)
    expect(scripts).toEqual([])
  })
})
