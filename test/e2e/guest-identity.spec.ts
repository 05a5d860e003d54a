import { expect, test, watchErrors } from './fixtures'
import { cardTexts, joinAsGuest, openFacilitatorBoard, phoneContext, postGuestCard } from './guestHelpers'

/**
 * Per-device identity and join codes (issue 15 items 3 and 7), through the real `copro serve`: a guest
 * who reloads or rejoins on the same phone stays one person with the same cards; a guest who cannot
 * scan types the short code shown with the QR code; the code stops working when sharing stops.
 */

interface Links {
  participantUrl: string
  joinCode: string
  joinCodeUrl: string
}

test('a guest who reloads and rejoins on the same phone stays one person, with their cards', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Same phone' })
  const page = await openFacilitatorBoard(browser, serve, 'Same phone')
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.1' })
  const phone = await phoneContext(browser)
  const guest = await phone.newPage()
  const errors = watchErrors(guest)
  await joinAsGuest(guest, links.participantUrl, { name: 'Pat', role: 'Person who uses the service' })
  await postGuestCard(guest, 'pain', 'The bus stop is too far')
  await expect.poll(() => cardTexts(page)).toContain('The bus stop is too far')
  const deviceKey = `copro.guest.device.${id}`
  const first = await guest.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), deviceKey)
  expect(first.participantId).toMatch(/^p[A-Za-z0-9_-]{16}$/)

  // reload, then open the link again in a new tab (closing the first): the same participant
  await guest.reload()
  await joinAsGuest(guest, links.participantUrl, { name: 'Pat', role: 'Person who uses the service' })
  await guest.close()
  const again = await phone.newPage()
  await joinAsGuest(again, links.participantUrl, { name: 'Pat', role: 'Person who uses the service' })
  const second = await again.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), deviceKey)
  expect(second).toEqual(first)
  await expect.poll(() => cardTexts(again)).toContain('The bus stop is too far')

  // the facilitator's participant list: one Pat (one participant id), here now
  await page.getByRole('button', { name: 'Participants', exact: true }).click()
  const rows = page.getByTestId('participants-list').locator('li', { hasText: 'Pat' })
  await expect(rows).toHaveCount(1)
  await expect(rows).toHaveAttribute('data-participant', first.participantId)
  await expect(rows).toContainText('here now')
  await expect(page.getByText('You and 1 other person are on this board.')).toBeVisible()
  expect(errors).toEqual([])
  await phone.close()
})

test('a guest who cannot scan types the join code; it stops working when sharing stops', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Code workshop' })
  const page = await openFacilitatorBoard(browser, serve, 'Code workshop')
  const links = await serve.call<Links>('share.start', { sessionId: id, address: '127.0.0.1' })
  expect(links.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/)

  // the share panel shows the code and where to type it
  await page.getByRole('button', { name: 'Participants', exact: true }).click()
  const hint = page.getByTestId('share-join-code')
  await expect(hint).toContainText(`${links.joinCode.slice(0, 3)} ${links.joinCode.slice(3)}`)
  await expect(hint).toContainText(links.joinCodeUrl)

  const phone = await phoneContext(browser)
  const guest = await phone.newPage()
  await guest.goto(links.joinCodeUrl)
  const input = guest.getByLabel('Join code')
  await input.fill('ABC')
  await guest.getByRole('button', { name: 'Join' }).click()
  await expect(guest.getByTestId('join-code-problem')).toContainText('six letters and numbers')
  await expect(input).toBeFocused()
  // typed as people type it: lower case, a space in the middle
  await input.fill(`${links.joinCode.slice(0, 3).toLowerCase()} ${links.joinCode.slice(3).toLowerCase()}`)
  await guest.getByRole('button', { name: 'Join' }).click()
  await expect(guest.getByTestId('guest-join')).toBeVisible()
  await expect(guest.getByTestId('guest-session-title')).toHaveText('Code workshop')
  expect(new URL(guest.url()).searchParams.get('token')).toBeNull() // the token never stays in the address bar

  await serve.call('share.stop', { sessionId: id })
  const late = await phone.newPage()
  await late.goto(`${serve.baseUrl}/?code=${links.joinCode}`)
  await expect(late.getByLabel('Join code')).toHaveValue(links.joinCode)
  await late.getByRole('button', { name: 'Join' }).click()
  await expect(late.getByTestId('join-code-problem')).toContainText('That code does not work')
  await phone.close()
})
