/**
 * How a person works the Studio's document pane, as steps a test can name: fill a field, find a
 * document action (the main button or in the "…" menu), read why it is disabled.
 */
import type {Locator, Page} from 'playwright-core'

/** The open document pane's footer, where the actions are. */
const footer = (page: Page) => page.getByTestId('pane-footer').last()

/**
 * A document action by its label, wherever the Studio put it: the main button, or an item of
 * the "…" menu (which this opens). Returns the button or menu item.
 */
export async function findAction(page: Page, label: string, timeoutMs = 90_000): Promise<Locator> {
  const main = footer(page).getByRole('button', {name: label, exact: true})
  // A menu item's accessible name includes its keyboard shortcut; its test ID is the label.
  const item = page.locator(`[role="menuitem"][data-testid="action-${label.replace(/\s+/g, '')}" i]`)
  const menuButton = footer(page).getByTestId('action-menu-button')
  const deadline = Date.now() + timeoutMs
  // The footer fills in as the document loads: look for the main button, else in the menu.
  while (Date.now() < deadline) {
    if (await main.isVisible()) return main
    if (await item.isVisible()) return item
    if (!(await page.getByRole('menu').isVisible()) && (await menuButton.isEnabled().catch(() => false))) {
      await menuButton.click()
      await item.waitFor({timeout: 2_000}).catch(() => {})
      if (await item.isVisible()) return item
      await page.keyboard.press('Escape')
    }
    await page.waitForTimeout(500)
  }
  throw new Error(`No document action "${label}" appeared in the footer or its menu`)
}

/** Closes the "…" menu if it is open. */
export async function closeActionMenu(page: Page): Promise<void> {
  if (await page.getByRole('menu').isVisible()) await page.keyboard.press('Escape')
}

/** Whether an action is disabled, as the Studio marks it. */
export async function isDisabled(action: Locator): Promise<boolean> {
  return (await action.getAttribute('data-disabled')) === 'true' || (await action.isDisabled())
}

/**
 * The tooltip an action shows on hover (the reason it is disabled, or what it does), found afresh
 * by label each time, reopening the "…" menu if it closed.
 */
export async function actionTooltip(page: Page, label: string): Promise<string> {
  const action = await findAction(page, label)
  const tooltip = page.locator('[data-ui="Tooltip"]').filter({visible: true}).last()
  // Leave and come back, so the tooltip shows the action's current title; wait for the old one to
  // close first, or its text could be read in place of the new one's.
  await page.mouse.move(1, 1)
  await tooltip.waitFor({state: 'hidden', timeout: 3_000}).catch(() => {})
  await action.hover({force: true, timeout: 5_000})
  await tooltip.waitFor({timeout: 5_000})
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator method, not the DOM property; the rendered text is what a user reads.
  return (await tooltip.innerText()).trim()
}

/** Whether the action with this label is disabled right now. */
export async function actionDisabled(page: Page, label: string): Promise<boolean> {
  return isDisabled(await findAction(page, label))
}

/** The text input or textarea of a field. */
export const fieldInput = (page: Page, name: string) =>
  page.getByTestId(`field-${name}`).locator('input, textarea').first()

/** The Portable Text editor of a field. */
export const richText = (page: Page, name: string) =>
  page.getByTestId(`field-${name}`).locator('[contenteditable="true"]')

/** A document badge in the footer, by its label (e.g. "Awaiting review"). */
export const badge = (page: Page, label: string | RegExp) => footer(page).getByText(label)
