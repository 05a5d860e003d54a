import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openFacilitatorBoard } from './guestHelpers'
import { goTo, imageLoaded, joinPhone, phoneOf } from './phoneHelpers'
import { publishToRelay, startRelay } from './relayHelpers'

/**
 * A published session's pictures go both ways (issue 18 item 5; share/assetMirror.ts): the photo a
 * facilitator added on the laptop shows on a remote phone joined through a hosted relay, and the photo
 * that phone takes shows on the laptop, from the laptop's own server (its complete local copy).
 */
const icon = (size: number) =>
  readFileSync(fileURLToPath(new URL(`../../build/icons/${size}x${size}.png`, import.meta.url)))

/** Whether every photo a page shows on cards has loaded (none broken). */
const allLoaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll(
      (imgs: HTMLImageElement[]) => imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0),
    )

test('pictures follow a published session both ways: the laptop’s photo on a remote phone, the phone’s photo on the laptop', async ({
  browser,
  serve,
}) => {
  test.setTimeout(150_000)
  const relay = await startRelay()
  try {
    await serve.call('sessions.create', { title: 'Remote photos', templateId: 'service-journey-map' })
    const fac = await openFacilitatorBoard(browser, serve, 'Remote photos')

    // a photo card added on the laptop before publishing: only the laptop's server has its image
    await fac.keyboard.press('Control+Alt+O')
    const outline = fac.getByTestId('outline')
    await outline.getByText('Add a photo card…').click()
    const form = outline.getByTestId('add-photo-card')
    await form
      .getByTestId('add-photo-file')
      .setInputFiles({ name: 'flip.png', mimeType: 'image/png', buffer: icon(16) })
    await form.getByLabel('Caption').fill('Flipchart from the room')
    await form.getByRole('button', { name: 'Add the photo card' }).click()
    await expect(form.getByRole('status')).toHaveText(/^Photo card added to /)

    const url = await publishToRelay(fac, relay)
    const panel = fac.getByTestId('remote-relay')
    await expect(panel.getByTestId('remote-pictures')).toHaveText(
      'The picture on this board is also on the relay.',
    )

    // a remote phone, joined through the relay, sees the laptop's photo (served by the relay)
    const phone = (await phoneOf(browser, 390, 844)).page
    await joinPhone(phone, url, { role: /^Person who uses the service/ })
    expect(new URL(phone.url()).origin).toBe(relay.origin)
    await goTo(phone, 'board')
    await expect(phone.getByRole('img', { name: 'Flipchart from the room' })).toBeVisible()
    await expect.poll(() => imageLoaded(phone, '.phone-card__photo')).toBe(true)

    // the phone's photo reaches the laptop's own server: the facilitator's canvas draws both
    await goTo(phone, 'add')
    await phone.getByTestId('phone-kind-idea').check()
    await phone
      .getByTestId('phone-photo-file')
      .setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: icon(32) })
    await phone.getByTestId('phone-photo-caption').fill('The noticeboard at home')
    await phone.getByTestId('phone-photo-post').click()
    await expect(phone.getByTestId('phone-photo-status')).toContainText('Your photo is on the board')
    await expect(panel.getByTestId('remote-pictures')).toHaveText(
      'All 2 pictures on this board are also on the relay.',
    )
    await expect(fac.locator('[data-testid="card-shape"][data-photo]')).toHaveCount(2)
    await expect.poll(() => allLoaded(fac, '[data-testid="card-photo"]')).toBe(true)

    // after publishing stops, a fresh window on the laptop alone still draws the phone's photo
    await panel.getByRole('button', { name: 'Stop publishing' }).click()
    const again = await openFacilitatorBoard(browser, serve, 'Remote photos')
    await expect(again.locator('[data-testid="card-shape"][data-photo]')).toHaveCount(2)
    await expect.poll(() => allLoaded(again, '[data-testid="card-photo"]')).toBe(true)
  } catch (e) {
    console.log(`copro relay log:\n${relay.log()}`)
    throw e
  } finally {
    relay.stop()
  }
})
