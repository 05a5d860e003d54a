import { expect, test } from './fixtures'
import { cardTexts, joinAsGuest, openFacilitatorBoard, phoneContext, postGuestCard } from './guestHelpers'

test('a facilitator withdraws a participant: their cards and votes leave every export, the board records it', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Consent check' })
  const page = await openFacilitatorBoard(browser, serve, 'Consent check')
  const links = await serve.call<{ participantUrl: string }>('share.start', {
    sessionId: id,
    address: '127.0.0.1',
  })
  const phone = await (await phoneContext(browser)).newPage()
  await joinAsGuest(phone, links.participantUrl, { name: 'Pat', role: 'Person who uses the service' })
  await postGuestCard(phone, 'pain', 'Please take this out later')
  await expect.poll(() => cardTexts(page)).toContain('Please take this out later')

  await page.getByRole('button', { name: 'Participants', exact: true }).click()
  const row = page.getByTestId('participants-list').locator('li', { hasText: 'Pat' })
  await expect(row).toContainText('Person who uses the service')
  page.once('dialog', (d) => void d.accept())
  await row.getByRole('button', { name: /Withdraw contributions/ }).click()
  await expect(row).toContainText('contributions withdrawn')

  // The export (the same model every format uses) no longer has the card.
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await page.getByRole('button', { name: 'Preview report' }).click()
  const frame = page.frameLocator('iframe')
  await expect(frame.locator('body')).toContainText('Consent check')
  await expect(frame.locator('body')).not.toContainText('Please take this out later')
})
