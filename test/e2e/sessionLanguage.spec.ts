import { expect, openBoard, showView, test, watchErrors } from './fixtures'

/**
 * The session language (issue 19 item 3): the facilitator reads the app in English and sets the
 * session's language to Cymraeg; the wall speaks Welsh, the workbench stays English, and the report can
 * be Welsh and English side by side.
 */
test.use({ viewport: { width: 1600, height: 1000 } })

test('a Welsh wall and a bilingual report from an English workbench', async ({ page, serve }) => {
  const errors = watchErrors(page)
  await serve.call('sessions.create', { title: 'Sesiwn Gymraeg', templateId: 'service-journey-map' })
  await openBoard(page, serve.url, 'Sesiwn Gymraeg')

  await showView(page, 'Settings')
  const cymraeg = page.getByTestId('settings-session-language').getByRole('radio', { name: 'Cymraeg' })
  // the radio follows the document, which answers a moment after the click
  await cymraeg.click()
  await expect(cymraeg).toBeChecked()

  // the wall in Welsh
  await page.getByTestId('status-connection').click()
  await page.keyboard.press('F5')
  const wall = page.getByTestId('wall')
  await expect(wall).toBeVisible()
  await expect(wall).toHaveAttribute('lang', 'cy')
  await expect(wall.locator('.wall-keys')).toContainText('y gweithgaredd nesaf')
  await expect(wall.getByRole('region', { name: 'Wal: y gweithgaredd presennol' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(wall).toHaveCount(0)

  // the workbench stays English
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.locator('#side-bar-title')).toHaveText('Settings')

  // the report: Welsh and English side by side
  await page.keyboard.press('ControlOrMeta+Shift+X')
  const view = page.getByTestId('export-view')
  await expect(view).toBeVisible()
  const settings = page.getByTestId('report-settings')
  await settings.locator('summary').click()
  const language = settings.getByLabel('Report language')
  await expect(language).toHaveValue('')
  await expect(language.locator('option').first()).toHaveText('The session’s language (Cymraeg)')
  await language.selectOption({ label: 'Welsh and English side by side' })
  await settings.getByTestId('report-settings-save').click()
  await view.getByRole('button', { name: 'Preview report' }).click()
  const dialog = page.getByRole('dialog', { name: /Report preview: Sesiwn Gymraeg/ })
  await expect(dialog).toBeVisible()
  const report = dialog.locator('iframe').contentFrame()
  await expect(report.locator('h2', { hasText: 'Cynllun gweithredu' })).toContainText('Action plan')
  expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
})
