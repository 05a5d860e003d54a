import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Download } from '@playwright/test'
import JSZip from 'jszip'
import { expect, test, type ServeHandle } from './fixtures'
import { openFacilitatorBoard, type Links } from './guestHelpers'
import { goTo, imageLoaded as loaded, joinPhone, phoneOf } from './phoneHelpers'

/**
 * Photo cards (issue 17 item 6) through the real `copro serve`: a phone guest takes a photo (the
 * browser's file input, here a small PNG through setInputFiles), gives it a caption and posts it to a
 * chosen cell; the facilitator sees it on the canvas and in the outline with the caption as its text
 * alternative, the report preview embeds it, and the Word report from the Export view carries it.
 */
const CAPTION = 'Sticky notes on the café window'
/** A small real PNG (the app's 16 × 16 icon). */
const PNG = readFileSync(fileURLToPath(new URL('../../build/icons/16x16.png', import.meta.url)))

async function sharedSession(serve: ServeHandle, title: string) {
  const { id } = await serve.call<{ id: string }>('sessions.create', {
    title,
    templateId: 'service-journey-map',
  })
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
  return { id, links }
}

test('a phone guest posts a photo card with a caption; it is on the canvas, in the outline with its caption as alt text, in the report and the Word file', async ({
  browser,
  serve,
}) => {
  test.setTimeout(120_000)
  const { links } = await sharedSession(serve, 'Photo workshop')
  const fac = await openFacilitatorBoard(browser, serve, 'Photo workshop')
  const phone = (await phoneOf(browser, 390, 844)).page
  await joinPhone(phone, links.participantUrl, { role: /^Person who uses the service/ })

  await goTo(phone, 'add')
  await phone.getByTestId('phone-kind-pain').check()
  await phone.getByTestId('phone-stage').selectOption({ index: 1 })
  const where = ((await phone.getByTestId('phone-where').textContent()) ?? '').replace('It goes to: ', '')
  const input = phone.getByTestId('phone-photo-file')
  await expect(input).toHaveAttribute('accept', 'image/*')
  await expect(input).toHaveAttribute('capture', 'environment')
  await input.setInputFiles({ name: 'window.png', mimeType: 'image/png', buffer: PNG })
  await phone.getByTestId('phone-photo-caption').fill(CAPTION)
  await phone.getByTestId('phone-photo-post').click()
  await expect(phone.getByTestId('phone-photo-status')).toHaveText(
    `Your photo is on the board in “${where}”.`,
  )
  // the phone's own Board list shows it too, with the caption as alt text
  await goTo(phone, 'board')
  await expect(phone.getByRole('img', { name: CAPTION })).toBeVisible()
  expect(await loaded(phone, '.phone-card__photo')).toBe(true)

  // the facilitator's canvas draws the photo on the card
  const onCanvas = fac.locator('[data-testid="card-shape"][data-photo]')
  await expect(onCanvas).toHaveCount(1)
  await expect(onCanvas.getByTestId('card-text')).toHaveText(CAPTION)
  await expect.poll(() => loaded(fac, '[data-testid="card-photo"]')).toBe(true)

  // the outline: a thumbnail whose text alternative is the caption
  await fac.keyboard.press('Control+Alt+O')
  const outline = fac.getByTestId('outline')
  await expect(outline).toBeVisible()
  const thumb = outline.getByRole('img', { name: CAPTION })
  await expect(thumb).toBeVisible()
  expect(await loaded(fac, '[data-testid="outline-photo"]')).toBe(true)

  // the desktop's own "Add a photo card" (outline): same card, placed in the chosen cell
  await outline.getByText('Add a photo card…').click()
  const form = outline.getByTestId('add-photo-card')
  await form
    .getByTestId('add-photo-file')
    .setInputFiles({ name: 'flip.png', mimeType: 'image/png', buffer: PNG })
  await form.getByLabel('Caption').fill('Flipchart from the break')
  await form.getByRole('button', { name: 'Add the photo card' }).click()
  await expect(form.getByRole('status')).toHaveText(/^Photo card added to /)
  await expect(outline.getByRole('img', { name: 'Flipchart from the break' })).toBeVisible()
  await expect(onCanvas).toHaveCount(2)

  // the report preview embeds it (a data: image, the report's CSP allows nothing else)
  await fac.keyboard.press('Control+Shift+P')
  await fac.keyboard.type('Export…')
  await fac.keyboard.press('Enter')
  const view = fac.getByTestId('export-view')
  await view.getByRole('button', { name: 'Preview report' }).click()
  const dialog = fac.getByRole('dialog', { name: /Report preview: Photo workshop/ })
  const report = dialog.locator('iframe').contentFrame()
  await expect(report.getByRole('heading', { name: 'Photos' })).toBeVisible()
  const inReport = report.getByRole('img', { name: CAPTION })
  await expect(inReport).toHaveAttribute('src', `data:image/png;base64,${PNG.toString('base64')}`)
  await dialog.getByRole('button', { name: 'Close' }).click()

  // Word from the Export view (made by the server): the photo is embedded with its caption as alt text
  for (const box of await view.getByRole('checkbox').all()) await box.setChecked(false)
  await view.getByRole('checkbox', { name: /Word report/ }).check()
  const downloads: Download[] = []
  fac.on('download', (d) => downloads.push(d))
  await view.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => downloads.length).toBe(1)
  expect(downloads[0]!.suggestedFilename()).toBe('Photo workshop-report.docx')
  const zip = await JSZip.loadAsync(readFileSync(await downloads[0]!.path()))
  expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
  expect(await zip.file('word/document.xml')!.async('string')).toContain(`descr="${CAPTION}"`)
})
