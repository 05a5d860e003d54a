import AxeBuilder from '@axe-core/playwright'
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { cardTexts as sortedCardTexts, expect, openPerson, waitForBoard, type ServeHandle } from './fixtures'

/** Shared steps of the guest and share specs: the facilitator's board, a phone guest, axe. */

export interface Links {
  participantUrl: string
  observerUrl: string
  address: string
  port: number
}

/** The facilitator's board in a browser context of its own (the fixtures close it). */
export const openFacilitatorBoard = (browser: Browser, serve: ServeHandle, title: string): Promise<Page> =>
  openPerson(browser, serve.url, title)

/**
 * A phone (Pixel 7: 412×915, touch, mobile) in its own browser context: no shared storage. Its person
 * has picked the full canvas (a join link opens the participant screen on phones otherwise; that
 * screen is tested in participant.spec.ts).
 */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7']
  const context = await browser.newContext({ ...pixel })
  await context.addInitScript(() => localStorage.setItem('copro.guest.view', 'board'))
  return context
}

/** The join link's full-canvas form (`&view=board`): what a tablet or laptop opens. */
export function boardLink(url: string): string {
  const u = new URL(url)
  u.searchParams.set('view', 'board')
  return u.toString()
}

/** Opens a join link on the full canvas and goes through the join screen (a name is shown with consent). */
export async function joinAsGuest(
  page: Page,
  url: string,
  who: { name?: string; role: string } = { name: 'Amira', role: 'Carer or family member' },
): Promise<void> {
  await page.goto(boardLink(url))
  await expect(page.getByTestId('guest-join')).toBeVisible()
  if (who.name) {
    await page.getByLabel(/^Your name/).fill(who.name)
    // observers are asked nothing about names
    const consent = page.getByTestId('guest-consent-yes')
    if (await consent.count()) await consent.check()
  }
  await page.getByRole('radio', { name: new RegExp(who.role) }).check()
  await page.getByTestId('guest-join-button').click()
  await expect(page.getByTestId('guest-board')).toBeVisible()
  await waitForBoard(page)
  await expect(page.getByTestId('guest-connection')).toHaveAttribute('data-connection', 'connected')
}

export async function seriousViolations(
  page: Page,
  label: string,
  exclude: string[] = [],
): Promise<string[]> {
  let builder = new AxeBuilder({ page })
  for (const sel of exclude) builder = builder.exclude(sel)
  const results = await builder.analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

export const DEAD_LINK = 'This link no longer works. Ask the facilitator for a new one.'

/** Texts of the cards on a page's board (sorted). */
export const cardTexts = sortedCardTexts

/** A guest posts a card with the simple composer and waits until it is on the board. */
export async function postGuestCard(page: Page, kind: string, text: string): Promise<void> {
  await page.getByTestId(`guest-kind-${kind}`).click()
  await page.getByTestId('guest-card-text').fill(text)
  await page.getByTestId('guest-card-post').click()
  await expect(page.getByTestId('guest-composer-status')).toContainText('is on the board')
}
