import { cardTexts, expect, showView, test, type ServeHandle } from './fixtures'
import { joinAsGuest, openFacilitatorBoard, type Links } from './guestHelpers'
import { addPhoneCard, joinPhone, phoneOf } from './phoneHelpers'

/**
 * Moderation through the UI (issue 16 item 4, ADR 0047), against the built `copro serve`: the facilitator
 * holds guests' cards; a phone's card waits ("Waiting for the facilitator") and is not on the board; the
 * facilitator approves it from the outline with the keyboard; it appears on the board and the phone is
 * told. A second card is set aside ("Not now") and the phone says so.
 */
async function sharedSession(serve: ServeHandle, title: string) {
  const { id } = await serve.call<{ id: string }>('sessions.create', {
    title,
    templateId: 'service-journey-map',
  })
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.2' })
  return { id, links }
}

test.describe('moderation', () => {
  test('a phone card waits for the facilitator, who approves it from the outline with the keyboard', async ({
    browser,
    serve,
  }) => {
    test.setTimeout(120_000)
    const { links } = await sharedSession(serve, 'Moderated workshop')
    const fac = await openFacilitatorBoard(browser, serve, 'Moderated workshop')

    // the facilitator turns holding on in the Facilitation view
    await showView(fac, 'Facilitation')
    const section = fac.getByTestId('moderation-section')
    await expect(section).toContainText('Waiting for approval (0)')
    await section.getByLabel('Hold guests’ cards for approval').check()
    await section.getByRole('button', { name: 'Save moderation settings' }).click()

    const phone = (await phoneOf(browser, 390, 844)).page
    await joinPhone(phone, links.participantUrl, {
      name: 'Amira',
      consent: true,
      role: /^Carer or family member/,
    })
    const said = await addPhoneCard(phone, 'pain', 'Nobody told us the ward had moved', {
      stage: 'Finding out',
      lane: 'What is hard',
    })
    expect(said).toBe('Your card is sent. The facilitator looks at cards before they go on the board.')
    const held = phone.getByTestId('phone-held-card')
    await expect(held).toContainText('Waiting for the facilitator')
    await expect(held).toContainText('Nobody told us the ward had moved')
    await addPhoneCard(phone, 'idea', 'Not for the wall')
    await expect(phone.getByTestId('phone-held-card')).toHaveCount(2)

    // the facilitator sees the badge on the board; the cards are not on the board
    await expect(fac.getByTestId('moderation-badge')).toContainText('Waiting for approval (2)')
    expect(await cardTexts(fac)).not.toContain('Nobody told us the ward had moved')

    // keyboard only: open the outline, Tab to the waiting card, A approves
    await fac.keyboard.press('Control+Alt+O')
    const queue = fac.getByTestId('outline-moderation')
    await expect(queue.getByRole('heading')).toHaveText('Waiting for approval (2)')
    const first = queue.getByTestId('outline-held-card').filter({ hasText: 'Nobody told us' })
    await first.focus()
    await expect(first).toBeFocused()
    await fac.keyboard.press('a')
    await expect(queue.getByRole('heading')).toHaveText('Waiting for approval (1)')
    const second = queue.getByTestId('outline-held-card').filter({ hasText: 'Not for the wall' })
    await second.focus()
    await fac.keyboard.press('n')
    await expect(queue.getByRole('heading')).toHaveText('Waiting for approval (0)')

    // the approved card is on the board, as the guest's; the other is not, and is in the trash
    await expect.poll(() => cardTexts(fac)).toContain('Nobody told us the ward had moved')
    expect(await cardTexts(fac)).not.toContain('Not for the wall')
    await expect(fac.getByTestId('outline-trash')).toContainText('Not for the wall')

    // the phone is told plainly, and sees the card on its board list
    await expect(phone.getByTestId('phone-held-card')).toHaveCount(0)
    const decided = phone.getByTestId('phone-decided-card')
    await expect(decided.filter({ hasText: 'Nobody told us' })).toContainText('On the board')
    await expect(decided.filter({ hasText: 'Not for the wall' })).toContainText('Not shown on the board')
    await phone.getByRole('button', { name: 'See the board' }).click()
    await expect(phone.getByText('Nobody told us the ward had moved', { exact: true })).toBeVisible()
  })

  test('a guest on the full canvas: the card waits off the board, then the approval puts it there', async ({
    browser,
    serve,
  }) => {
    test.setTimeout(120_000)
    const { links } = await sharedSession(serve, 'Moderated canvas')
    const fac = await openFacilitatorBoard(browser, serve, 'Moderated canvas')
    await showView(fac, 'Facilitation')
    const section = fac.getByTestId('moderation-section')
    await section.getByLabel('Hold guests’ cards for approval').check()
    await section.getByRole('button', { name: 'Save moderation settings' }).click()

    const guest = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await joinAsGuest(guest, links.participantUrl, { name: 'Amira', role: 'Carer or family member' })
    await guest.getByTestId('guest-kind-pain').click()
    await guest.getByTestId('guest-card-text').fill('The lift was broken for a month')
    await guest.getByTestId('guest-card-post').click()
    await expect(guest.getByTestId('guest-composer-status')).toContainText('The facilitator looks at cards')
    await expect(guest.getByTestId('phone-held-card')).toContainText('The lift was broken for a month')
    // the guest keeps their connection (no 4430): the card never entered the shared document
    await expect(guest.getByTestId('guest-connection')).toHaveAttribute('data-connection', 'connected')
    await expect(fac.getByTestId('moderation-badge')).toContainText('Waiting for approval (1)')
    expect(await cardTexts(fac)).not.toContain('The lift was broken for a month')

    await fac.keyboard.press('Control+Alt+O')
    const card = fac.getByTestId('outline-moderation').getByTestId('outline-held-card')
    await card.focus()
    await fac.keyboard.press('a')
    await expect.poll(() => cardTexts(fac)).toContain('The lift was broken for a month')
    await expect(guest.getByTestId('phone-held-card')).toHaveCount(0)
    await expect(guest.getByTestId('phone-decided-card')).toContainText('On the board')
    await expect.poll(() => cardTexts(guest)).toContain('The lift was broken for a month')
    await expect(guest.getByTestId('guest-connection')).toHaveAttribute('data-connection', 'connected')
  })
})
