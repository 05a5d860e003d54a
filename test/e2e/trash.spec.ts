import {
  addCard,
  canvas,
  expect,
  openPerson,
  selectCard,
  showView,
  storedCards,
  test,
  waitForBoard,
} from './fixtures'

/** Issue 22 item 2: trashing a session that is open closes its board for everyone, facilitators too. */
test('a board whose session is moved to the trash says so and closes its tabs; restore reopens it with what was saved', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Trash while open' })
  const page = await openPerson(browser, serve.url, 'Trash while open')
  await waitForBoard(page)
  await addCard(page, 'pain', 'Saved before the trash')
  await serve.call('sessions.delete', { id })
  await expect(
    page.getByText(/moved to the trash, so it was closed for everyone and its tabs closed/),
  ).toBeVisible()
  await expect(page.getByTestId('board-host')).toHaveCount(0)
  await serve.call('sessions.restore', { id })
  const again = await openPerson(browser, serve.url, 'Trash while open')
  await waitForBoard(again)
  await expect(again.getByText('Saved before the trash')).toBeVisible()
})

/** Issue 16 item 6: deleting a session asks first and says it can be restored from the trash. */
test('deleting a session from the list asks first, and cancelling keeps it', async ({ browser, serve }) => {
  await serve.call('sessions.create', { title: 'Ask before deleting' })
  const page = await openPerson(browser, serve.url, 'Ask before deleting')
  await waitForBoard(page)
  await showView(page, 'Sessions')
  const row = page.locator('.session-row').filter({ hasText: 'Ask before deleting' })
  const asked: string[] = []
  page.once('dialog', (d) => {
    asked.push(d.message())
    void d.dismiss()
  })
  await row.getByRole('button', { name: /^Delete/ }).click()
  await expect.poll(() => asked.length).toBe(1)
  expect(asked[0]).toMatch(/restore it from the trash/)
  await expect(page.getByTestId('board-host')).toHaveCount(1)
  page.once('dialog', (d) => void d.accept())
  await row.getByRole('button', { name: /^Delete/ }).click()
  await expect(page.getByTestId('board-host')).toHaveCount(0)
  await page.getByRole('button', { name: 'Show trash' }).click()
  await expect(page.getByRole('list', { name: 'Sessions in the trash' })).toContainText('Ask before deleting')
})

/** Issue 16 items 2 and 3: a deleted card goes to the board trash; the facilitator restores it; scribing. */
test('a card deleted on the canvas is in the Trash view with who and when, and Restore brings it back', async ({
  browser,
  serve,
}) => {
  await serve.call('sessions.create', { title: 'Nothing lost' })
  const page = await openPerson(browser, serve.url, 'Nothing lost')
  await waitForBoard(page)
  await addCard(page, 'gain', 'The café is friendly')
  await selectCard(page, 'The café is friendly')
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('card-shape').filter({ hasText: 'The café is friendly' })).toHaveCount(0)

  await showView(page, 'Trash and activity')
  const trash = page.getByRole('list', { name: 'Deleted from the board' })
  await expect(trash).toContainText('The café is friendly')
  await expect(trash).toContainText(/Deleted by Facilitator at/)
  const log = page.getByTestId('activity-log')
  await expect(log).toContainText(/Facilitator deleted card “The café is friendly”/)
  await trash.getByRole('button', { name: /^Restore/ }).click()
  await expect(page.getByTestId('card-shape').filter({ hasText: 'The café is friendly' })).toHaveCount(1)
  await expect(page.getByText('Nothing has been deleted from this board.')).toBeVisible()
  await expect(log).toContainText(/Facilitator restored card “The café is friendly”/)

  // scribing: the facilitator writes a card for a role; it is stored as that role's, with the scribe
  const composer = page.getByTestId('card-composer')
  await canvas(page).focus()
  await page.keyboard.press('c')
  await expect(composer).toBeVisible()
  await page.getByTestId('composer-text').fill('Evening slots please')
  await page.getByTestId('composer-scribed-for').selectOption({ label: 'Someone: Carer or family member' })
  await page.getByTestId('composer-add').click()
  await expect(composer).toBeHidden()
  await expect
    .poll(async () => (await storedCards(page)).find((c) => c.props.text === 'Evening slots please')?.props)
    .toMatchObject({ authorRole: 'carer-family', authorId: '', scribe: { role: 'facilitator' } })
})
