import { addCard, expect, test } from './fixtures'
import { cardTexts, joinAsGuest, openFacilitatorBoard, phoneContext, seriousViolations } from './guestHelpers'

test('a guest on a phone reads and writes cards in the list view (outline) by keyboard; the facilitator sees them', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', {
    title: 'Guest list view',
    templateId: 'service-journey-map',
  })
  const page = await openFacilitatorBoard(browser, serve, 'Guest list view')
  await addCard(page, 'pain', 'Nobody called back')
  const links = await serve.call<{ participantUrl: string }>('share.start', {
    sessionId: id,
    address: '127.0.0.1',
  })

  const phone = await (await phoneContext(browser)).newPage()
  await joinAsGuest(phone, links.participantUrl, { role: 'Person who uses the service' })
  const toggle = phone.getByTestId('guest-list-view')
  await toggle.focus()
  await phone.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  const outline = phone.getByTestId('outline')
  await expect(outline.getByRole('table')).toBeVisible()
  await expect(outline).toContainText('Nobody called back')

  const add = outline.getByTestId('outline-add')
  await add.getByLabel('Kind').selectOption('contribution')
  await add.getByLabel('Where').selectOption('cell:first-meeting/ideas')
  await add.getByLabel('Text').fill('I can show new tenants around')
  await add.getByLabel('Text').press('Tab')
  await phone.keyboard.press('Enter')
  await expect.poll(() => cardTexts(page)).toContain('I can show new tenants around')
  expect(await seriousViolations(phone, 'guest list view')).toEqual([])

  await toggle.click()
  await expect(phone.locator('.tl-container')).toBeVisible()
})
