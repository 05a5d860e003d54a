import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { addCard, clickSession, expect, test, watchErrors } from './fixtures'
import { joinAsGuest } from './guestHelpers'

/**
 * axe-core on every view: each side-bar view without and with a session open, the session tab with
 * the board, the outline view, Settings with every preference on, the join screen (share link) and
 * the phone layout. Zero serious or critical violations.
 */
const VIEWS = ['Sessions', 'Templates', 'Participants', 'Facilitation', 'Export', 'Settings'] as const

async function seriousViolations(page: Page, label: string, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page })
  for (const sel of exclude) builder = builder.exclude(sel)
  const results = await builder.analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Shows a side-bar view (the activity bar toggles, so only click when it is not already shown). */
async function showView(page: Page, view: string) {
  const button = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: view, exact: true })
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await expect(page.locator('#side-bar-title')).toHaveText(view)
}

async function openSession(page: Page, title: string) {
  await showView(page, 'Sessions')
  await clickSession(page, title)
}

test.describe('accessibility: axe on every view', () => {
  // each axe pass takes a few seconds on this machine; there are about forty
  test.describe.configure({ timeout: 400_000 })

  test('every workbench view in every theme, without a session', async ({ page, serve }) => {
    const errors = watchErrors(page)
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    const found: string[] = []
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
      for (const view of VIEWS) {
        await showView(page, view)
        found.push(...(await seriousViolations(page, `${theme}/no session/${view}`)))
      }
    }
    expect(found).toEqual([])
    expect(errors).toEqual([])
  })

  test('board, outline and preferences', async ({ page, serve }) => {
    const errors = watchErrors(page)
    const { id } = await serve.call<{ id: string }>('sessions.create', {
      title: 'Axe board',
      templateId: 'service-journey-map',
    })
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    const found: string[] = []

    // a session tab with the board open, with each side-bar view beside it
    await openSession(page, 'Axe board')
    await addCard(page, 'pain', 'The waiting room is loud')
    await addCard(page, 'idea', 'A quiet room')
    for (const view of VIEWS) {
      await showView(page, view)
      found.push(...(await seriousViolations(page, `board/${view}`)))
    }

    // the outline view, with cards in cells and an open form
    await page.keyboard.press('Control+Alt+O')
    const outline = page.getByTestId('outline')
    await expect(outline).toBeVisible()
    await expect(outline.getByText('A quiet room')).toBeVisible()
    found.push(...(await seriousViolations(page, 'outline')))
    await outline
      .locator('.outline-card', { hasText: 'A quiet room' })
      .getByRole('button', { name: /^Edit/ })
      .click()
    found.push(...(await seriousViolations(page, 'outline/edit form')))
    await page.keyboard.press('Escape')
    await outline
      .locator('.outline-card', { hasText: 'A quiet room' })
      .getByRole('button', { name: /^Move/ })
      .click()
    found.push(...(await seriousViolations(page, 'outline/move form')))
    await page.keyboard.press('Escape')

    // every preference on, at 200% text, in each theme
    await showView(page, 'Settings')
    const settings = page.getByTestId('a11y-settings')
    await settings.getByLabel('Text size').selectOption('200')
    for (const box of await settings.getByRole('checkbox').all()) await box.check()
    await expect(page.locator('html')).toHaveAttribute('data-a11y-calm', 'on')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast')
    found.push(...(await seriousViolations(page, 'all preferences/settings')))
    await page.getByRole('tab', { name: /^Outline/ }).click()
    found.push(...(await seriousViolations(page, 'all preferences/outline')))
    await settings.getByRole('checkbox', { name: /High contrast/ }).uncheck()
    found.push(...(await seriousViolations(page, 'all preferences, light/outline')))
    await page.getByRole('tab', { name: 'Axe board', exact: true }).click()
    found.push(...(await seriousViolations(page, 'all preferences/board')))
    await settings.getByLabel('Text size').selectOption('100')
    for (const box of await settings.getByRole('checkbox').all()) await box.uncheck()

    expect(found).toEqual([])
    expect(errors).toEqual([])
    void id
  })

  test('join screen and phone layout', async ({ browser, serve }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', {
      title: 'Axe phone',
      templateId: 'service-journey-map',
    })
    const found: string[] = []
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const page = await phone.newPage()

    // the workbench on a phone-sized screen, with the board and the outline
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    found.push(...(await seriousViolations(page, 'phone/workbench')))
    await openSession(page, 'Axe phone')
    found.push(...(await seriousViolations(page, 'phone/board')))
    await page.keyboard.press('Control+Alt+O')
    await expect(page.getByTestId('outline')).toBeVisible()
    found.push(...(await seriousViolations(page, 'phone/outline')))

    // the guest join screen from a share link, the guest board and its composer
    const share = await serve.call<{ participantUrl: string }>('share.start', {
      sessionId: id,
      address: '127.0.0.1',
    })
    {
      const guest = await phone.newPage()
      // (retried: another build running on this machine can briefly empty the served folder)
      await expect(async () => {
        await guest.goto(share.participantUrl)
        await expect(guest.getByTestId('guest-join')).toBeVisible({ timeout: 5000 })
      }).toPass({ timeout: 60_000 })
      found.push(...(await seriousViolations(guest, 'phone/join screen')))
      {
        await joinAsGuest(guest, share.participantUrl)
        found.push(...(await seriousViolations(guest, 'phone/guest board')))
        await guest.getByTestId('guest-kind-pain').click()
        found.push(...(await seriousViolations(guest, 'phone/guest composer')))
      }
      await serve.call('share.stop', { sessionId: id }).catch(() => null)
    }
    await phone.close()
    expect(found).toEqual([])
  })
})
