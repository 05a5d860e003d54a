import AxeBuilder from '@axe-core/playwright'
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { expect } from './fixtures'

/** The participant screen (src/renderer/guest/phone/), driven as a person on a phone would. */

/** A phone of the given size (touch, mobile) in its own browser context; the test's fixtures close it. */
export async function phoneOf(
  browser: Browser,
  width: number,
  height: number,
  opts: { textScale?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { defaultBrowserType: _ignored, viewport: _v, ...mobile } = devices['Pixel 7']
  const context = await browser.newContext({
    ...mobile,
    viewport: { width, height },
    screen: { width, height },
  })
  if (opts.textScale) {
    const prefs = JSON.stringify({ textScale: opts.textScale })
    await context.addInitScript((p) => localStorage.setItem('copro.a11y.preferences', p), prefs)
  }
  return { context, page: await context.newPage() }
}

/** Opens the join link and joins; a name is shown on cards only when `consent` is set. */
export async function joinPhone(
  page: Page,
  url: string,
  who: { name?: string; consent?: boolean; role: RegExp },
): Promise<void> {
  await page.goto(url)
  await expect(page.getByTestId('guest-join')).toBeVisible()
  if (who.name) await page.getByLabel(/^Your name/).fill(who.name)
  if (who.consent) await page.getByTestId('guest-consent-yes').check()
  await page.getByRole('radio', { name: who.role }).check()
  await page.getByTestId('guest-join-button').click()
  await expect(page.getByTestId('phone-screen')).toBeVisible()
  await expect(page.getByTestId('phone-connection')).toHaveAttribute('data-link', 'online')
}

export async function goTo(page: Page, place: 'now' | 'add' | 'board' | 'vote' | 'menu'): Promise<void> {
  await page.getByTestId(`phone-go-${place}`).click()
  await expect(page.getByTestId('phone-screen')).toHaveAttribute('data-place', place)
}

/** Adds a card of `kind` to a grid cell chosen by stage and lane; returns what the screen said. */
export async function addPhoneCard(
  page: Page,
  kind: string,
  text: string,
  cell?: { stage: string; lane: string },
): Promise<string> {
  await goTo(page, 'add')
  await page.getByTestId(`phone-kind-${kind}`).check()
  await page.getByTestId('phone-card-text').fill(text)
  if (cell) {
    await page.getByTestId('phone-stage').selectOption({ label: cell.stage })
    await page.getByTestId('phone-lane').selectOption({ label: cell.lane })
    await expect(page.getByTestId('phone-where')).toHaveText(`It goes to: ${cell.stage} · ${cell.lane}`)
  }
  await page.getByTestId('phone-card-post').click()
  const status = page.getByTestId('phone-add-status')
  await expect(status).not.toBeEmpty()
  return (await status.textContent()) ?? ''
}

/**
 * Layout problems on the page as it is: horizontal scrolling (documentElement's clientWidth against
 * scrollWidth: Playwright's mobile emulation widens innerWidth), controls smaller than 44×44 CSS px
 * (a radio or checkbox counts by its label), and axe's serious or critical findings.
 */
export async function layoutProblems(page: Page, label: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: string[] = []
    const d = document.documentElement
    if (d.scrollWidth > d.clientWidth) {
      const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.getBoundingClientRect().right > d.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 3)
      out.push(`scrolls sideways: ${d.scrollWidth} > ${d.clientWidth} (${wide.join(', ')})`)
    }
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], select, textarea, input')
    for (const el of controls) {
      const target = (
        el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')
          ? el.closest('label')
          : el
      ) as HTMLElement | null
      if (!target) continue
      const r = target.getBoundingClientRect()
      if (r.width === 0 && r.height === 0) continue
      if (r.width < 44 || r.height < 44)
        out.push(
          `small target ${Math.round(r.width)}×${Math.round(r.height)}: ${target.textContent?.trim().slice(0, 40) || el.outerHTML.slice(0, 60)}`,
        )
    }
    return out
  })
  const axe = await new AxeBuilder({ page }).analyze()
  const serious = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  return [...found, ...serious].map((p) => `${label}: ${p}`)
}

/** Whether the first <img> matching `selector` has loaded a real picture (not a broken link). */
export const imageLoaded = (page: Page, selector: string): Promise<boolean> =>
  page
    .locator(selector)
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
