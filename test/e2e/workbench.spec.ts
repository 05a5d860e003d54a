import AxeBuilder from '@axe-core/playwright'
import { expect, test, watchErrors } from './fixtures'

test.describe('workbench in Chromium via copro serve', () => {
  test('renders, strips the token from the address bar, and shows the status bar', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Copro Studio', level: 1 })).toBeVisible()
    await expect(page.getByTestId('status-connection')).toHaveText(/No board open/)
    expect(page.url()).not.toContain('token=')
    await page.reload()
    await expect(page.getByTestId('workbench')).toBeVisible()
    expect(errors).toEqual([])
  })

  test('without a token the page says what is wrong', async ({ page, serve }) => {
    await page.goto(serve.baseUrl + '/')
    await expect(page.getByRole('alert')).toContainText('missing its access token')
  })

  test('the command palette opens with Ctrl+Shift+P, filters fuzzily and runs a command', async ({
    page,
    serve,
  }) => {
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    await page.keyboard.press('Control+Shift+P')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await expect(palette).toBeVisible()
    await expect(palette.getByRole('option', { name: /Show all commands.*Ctrl\+Shift\+P/ })).toBeVisible()
    await page.keyboard.type('shw sett')
    await expect(palette.getByRole('option').first()).toContainText('Show Settings')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(page.locator('#side-bar-title')).toHaveText('Settings')
  })

  test('the theme switches from the palette and from Settings, and is remembered', async ({
    page,
    serve,
  }) => {
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    await page.keyboard.press('Control+Shift+P')
    // wait for the palette and its filtered list before pressing Enter (a loaded machine is slow to render)
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await expect(palette.getByRole('combobox')).toBeFocused()
    await page.keyboard.type('dark theme')
    await expect(palette.getByRole('option').first()).toContainText(/dark/i)
    await page.keyboard.press('Enter')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('radio', { name: 'High contrast' }).check()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast')
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast')
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('radio', { name: 'Follow my computer', exact: true }).check()
  })

  test('the side bar resizes by keyboard and the panel toggles', async ({ page, serve }) => {
    await page.goto(serve.url)
    const splitter = page.getByRole('separator', { name: 'Resize side bar' })
    const before = Number(await splitter.getAttribute('aria-valuenow'))
    await splitter.focus()
    await page.keyboard.press('ArrowRight')
    await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 20))
    await page.keyboard.press('Control+J')
    await expect(page.getByTestId('panel')).toBeVisible()
  })

  test('axe finds no serious or critical violations in the workbench', async ({ page, serve }) => {
    await page.goto(serve.url)
    await expect(page.getByTestId('workbench')).toBeVisible()
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
      for (const view of ['Sessions', 'Settings']) {
        await page.getByRole('button', { name: view, exact: true }).click()
        const results = await new AxeBuilder({ page }).analyze()
        const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        expect(
          bad.map((v) => `${theme}/${view}: ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
        ).toEqual([])
        await page.getByRole('button', { name: view, exact: true }).click()
      }
    }
  })
})
