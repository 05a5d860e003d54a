import QRCode from 'qrcode'
import { QR_OPTIONS } from '../../src/renderer/features/share/qr'
import { expect, test, watchErrors } from './fixtures'
import { DEAD_LINK, joinAsGuest, openFacilitatorBoard, phoneContext, seriousViolations } from './guestHelpers'

/**
 * "Share session" from the facilitator's workbench, through the real `copro serve`: choose a network
 * (a loopback address here, never a LAN one), the join link and QR code, full screen for projecting,
 * copy, the guest count, and Stop sharing.
 */

const svgOf = (dataUrl: string) =>
  decodeURIComponent(dataUrl.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''))

test.describe('share session', () => {
  test('choose a network, scan or copy the link, see guests arrive, stop sharing', async ({
    browser,
    serve,
  }) => {
    const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Hall workshop' })
    const facilitator = await openFacilitatorBoard(browser, serve, 'Hall workshop')
    await facilitator
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.baseUrl })
    const errors = watchErrors(facilitator)

    // the command opens the Participants view with the share panel focused
    await facilitator.keyboard.press('Control+Shift+P')
    await facilitator.keyboard.type('Share session')
    await facilitator.keyboard.press('Enter')
    const panel = facilitator.getByTestId('share-panel')
    await expect(panel).toBeFocused()
    await expect(facilitator.locator('#side-bar-title')).toHaveText('Participants')

    // nothing is shared until the facilitator picks a network
    await expect(panel).toContainText('Not shared')
    const start = facilitator.getByTestId('share-start')
    await expect(start).toBeDisabled()
    expect((await serve.call<{ shared: boolean }>('share.status', { sessionId: id })).shared).toBe(false)
    const loopback = facilitator.getByTestId('share-address-127.0.0.1')
    await expect(loopback).toBeVisible()
    await expect(panel.getByRole('radio', { checked: true })).toHaveCount(0)
    expect(await seriousViolations(facilitator, 'share panel (not shared)')).toEqual([])
    await loopback.check()
    await start.click()

    const participantUrl = await facilitator.getByTestId('share-participant-url').inputValue()
    const observerUrl = await facilitator.getByTestId('share-observer-url').inputValue()
    const status = await serve.call<{
      shared: boolean
      links: { participantUrl: string; observerUrl: string }
    }>('share.status', { sessionId: id })
    expect(status.shared).toBe(true)
    expect(participantUrl).toBe(status.links.participantUrl)
    expect(observerUrl).toBe(status.links.observerUrl)
    expect(new URL(participantUrl).searchParams.get('join')).toBe(id)
    await expect(facilitator.getByTestId('share-guests')).toHaveText('No guests yet.')

    // the QR code is exactly the participant link's code
    const qr = facilitator.getByTestId('share-qr')
    await expect(qr).toHaveAttribute('alt', 'QR code of the participant link')
    const expectedSvg = await QRCode.toString(participantUrl, QR_OPTIONS)
    expect(svgOf((await qr.getAttribute('src'))!)).toBe(expectedSvg)
    expect(await seriousViolations(facilitator, 'share panel (shared)')).toEqual([])

    // Copy puts the link on the clipboard
    await panel.getByRole('button', { name: 'Copy' }).first().click()
    await expect(panel.getByText('Copied.')).toBeVisible()
    expect(await facilitator.evaluate(() => navigator.clipboard.readText())).toBe(participantUrl)

    // full screen for the projector: the code fills the smaller side of the window, link in large type
    const opener = facilitator.getByTestId('share-fullscreen')
    await opener.click()
    const full = facilitator.getByTestId('share-qr-full')
    await expect(full).toBeVisible()
    const image = facilitator.getByTestId('share-qr-full-image')
    await expect(image).toHaveAttribute('src', /^data:image\/svg/)
    expect(svgOf((await image.getAttribute('src'))!)).toBe(expectedSvg)
    const vp = facilitator.viewportSize()!
    const box = (await image.boundingBox())!
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(0.75 * Math.min(vp.width, vp.height))
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(vp.width)
    expect(box.y + box.height).toBeLessThanOrEqual(vp.height)
    const url = facilitator.getByTestId('share-qr-full-url')
    await expect(url).toHaveText(participantUrl)
    const fontPx = await url.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(18)
    expect(await seriousViolations(facilitator, 'full-screen QR')).toEqual([])
    await facilitator.keyboard.press('Escape')
    await expect(full).toBeHidden()
    await expect(opener).toBeFocused()
    // a smaller, portrait window: still fills the smaller side
    await facilitator.setViewportSize({ width: 600, height: 900 })
    await opener.click()
    const small = (await image.boundingBox())!
    expect(small.width).toBeGreaterThanOrEqual(0.75 * 600)
    expect(small.x + small.width).toBeLessThanOrEqual(600)
    await facilitator.keyboard.press('Escape')
    await facilitator.setViewportSize({ width: 1280, height: 800 })

    // a guest scans (opens the link on a phone): the panel counts them
    const phone = await phoneContext(browser)
    const guest = await phone.newPage()
    await joinAsGuest(guest, participantUrl)
    await expect(facilitator.getByTestId('share-guests')).toHaveText('1 guest connected.')
    // another device (its own browser storage) is another person
    const otherPhone = await phoneContext(browser)
    const observer = await otherPhone.newPage()
    await joinAsGuest(observer, observerUrl, { role: 'Manager or commissioner' })
    await expect(facilitator.getByTestId('share-guests')).toHaveText('2 guests connected.')
    // a second tab on the first phone is the same person (one participant id): still two people
    const secondTab = await phone.newPage()
    await joinAsGuest(secondTab, participantUrl)
    await expect
      .poll(() => serve.call<{ guests: number }>('share.status', { sessionId: id }).then((s) => s.guests))
      .toBe(2)
    await expect(facilitator.getByTestId('share-guests')).toHaveText('2 guests connected.')

    // Stop sharing: every guest is sent to "this link no longer works", and the links stay dead
    await facilitator.getByTestId('share-stop').click()
    await expect(guest.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    await expect(observer.getByTestId('guest-dead-link')).toContainText(DEAD_LINK)
    await expect(panel).toContainText('Not shared')
    await expect(facilitator.getByTestId('share-start')).toBeDisabled()
    const token = new URL(participantUrl).searchParams.get('token')!
    const after = await fetch(`${serve.baseUrl}/api/guest/session?token=${encodeURIComponent(token)}`)
    expect(after.status).toBe(401)
    expect(errors).toEqual([])
    await phone.close()
    await otherPhone.close()
    await facilitator.context().close()
  })
})
