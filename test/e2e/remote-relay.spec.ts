import { expect, test } from './fixtures'
import { cardTexts, joinAsGuest, openFacilitatorBoard, phoneContext, postGuestCard } from './guestHelpers'
import { startRelay } from './relayHelpers'

test('a facilitator publishes a session to a hosted relay; a remote phone joins there; everything still saves locally', async ({
  browser,
  serve,
}) => {
  const relay = await startRelay()
  try {
    await serve.call('sessions.create', { title: 'Remote workshop' })
    const page = await openFacilitatorBoard(browser, serve, 'Remote workshop')
    await page.getByRole('button', { name: 'Participants', exact: true }).click()
    const panel = page.getByTestId('remote-relay')
    await panel.getByLabel('Relay address').fill(relay.origin)
    await panel.getByLabel('Admin token').fill('not-the-right-token-at-all')
    await panel.getByRole('button', { name: 'Publish to relay' }).click()
    await expect(panel.getByRole('alert')).toContainText(/refused/)

    await panel.getByLabel('Admin token').fill(relay.token)
    await panel.getByRole('button', { name: 'Publish to relay' }).click()
    const link = panel.getByTestId('remote-participant-link')
    await expect(panel.getByTestId('remote-state')).toContainText('in sync')
    // "Saved on <relay>" only once the relay confirmed it stored the board (durability acknowledgements)
    const host = new URL(relay.origin).host
    await expect(panel.getByTestId('remote-saved')).toHaveText(`Saved on ${host}`)
    await expect(page.getByTestId('status-remote-saved')).toHaveText(`Saved on ${host}`)
    const url = await link.inputValue()
    expect(url).toContain(`${relay.origin}/?join=`)

    const phone = await (await phoneContext(browser)).newPage()
    await joinAsGuest(phone, url.trim(), { name: 'Remote Rita', role: 'Person who uses the service' })
    await postGuestCard(phone, 'pain', 'Posted from home over the relay')
    await expect.poll(() => cardTexts(page)).toContain('Posted from home over the relay')

    // The local server kept saving: a fresh facilitator window (local relay only) has the remote card.
    await panel.getByRole('button', { name: 'Stop publishing' }).click()
    const again = await openFacilitatorBoard(browser, serve, 'Remote workshop')
    await expect.poll(() => cardTexts(again)).toContain('Posted from home over the relay')
  } catch (e) {
    console.log(`copro relay log:\n${relay.log()}`)
    throw e
  } finally {
    await test.info().attach('copro relay log', { body: relay.log(), contentType: 'text/plain' })
    relay.stop()
  }
})
