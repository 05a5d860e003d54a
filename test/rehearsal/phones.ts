import { devices, expect, type Browser, type Page } from '@playwright/test'

/** The rehearsal's phones: a phone of a given size, and the guests who read Welsh or Arabic (issue 19). */

/** A phone of the given size (touch, mobile) in its own browser context. */
export async function phone(browser: Browser, width: number, height: number): Promise<Page> {
  const { defaultBrowserType: _ignored, viewport: _v, ...mobile } = devices['Pixel 7']
  const context = await browser.newContext({
    ...mobile,
    viewport: { width, height },
    screen: { width, height },
  })
  return context.newPage()
}

export interface LanguageGuest {
  code: 'cy' | 'ar'
  who: string
  /** Their co-production role, as the join screen names it in their language. */
  role: RegExp
  text: string
}

export const LANGUAGE_GUESTS: readonly LanguageGuest[] = [
  {
    code: 'cy',
    who: 'guest320-welsh',
    role: /^Rhywun sy’n defnyddio’r gwasanaeth/,
    text: 'Mae’r ffurflenni ar-lein yn unig',
  },
  { code: 'ar', who: 'guest320-arabic', role: /^شخص يستخدم الخدمة/, text: 'لا أعرف بمن أتصل (who to ring)' },
]

/**
 * A guest on a 320×568 phone picks their language first on the join screen, joins, adds a card and
 * reads the board and the menu; each screen is snapped (and its layout facts kept) for people to look at.
 */
export async function languageGuest(
  page: Page,
  url: string,
  guest: LanguageGuest,
  snap: (page: Page, who: string, step: string) => Promise<void>,
): Promise<void> {
  const { code, who, role, text } = guest
  await page.goto(url)
  await page.getByTestId(`language-${code}`).check()
  await expect(page.locator('html')).toHaveAttribute('lang', code)
  await snap(page, who, 'join-screen')
  await page.getByRole('radio', { name: role }).check()
  await page.getByTestId('guest-join-button').click()
  await expect(page.getByTestId('phone-screen')).toBeVisible()
  const connection = page.getByTestId('phone-connection')
  const state = async () =>
    `${await connection.getAttribute('data-link')} ${await connection.getAttribute('data-closed')}`
  await expect
    .poll(state)
    .toBe('online null')
    .catch(async () => {
      throw new Error(`the phone's connection is ${await state()}`)
    })
  await page.getByTestId('phone-go-add').click()
  await page.getByTestId('phone-kind-pain').check()
  await page.getByTestId('phone-card-text').fill(text)
  await page.getByTestId('phone-card-post').click()
  await expect(page.getByTestId('phone-add-status')).not.toBeEmpty()
  await snap(page, who, 'card-added')
  await page.getByTestId('phone-go-board').click()
  await snap(page, who, 'board-list')
  await page.getByTestId('phone-go-menu').click()
  await snap(page, who, 'menu')
}
