import { expect, type Page } from '@playwright/test'

/** Shift+1 on the board: the structure fitted; waits until the camera has landed (the fit animates). */
export async function fitBoard(page: Page): Promise<void> {
  await page.locator('[role="tabpanel"]:not([hidden]) .tl-container').focus()
  await page.keyboard.press('Shift+1')
  let last = ''
  await expect
    .poll(async () => {
      const now = String(await page.evaluate('JSON.stringify(window.__coproTest?.camera())'))
      const same = now === last
      last = now
      return same
    })
    .toBe(true)
}
