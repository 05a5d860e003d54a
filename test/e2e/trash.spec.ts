import { addCard, expect, openPerson, test, waitForBoard } from './fixtures'

/** Issue 22 item 2: trashing a session that is open closes its board for everyone, facilitators too. */
test('a board whose session is moved to the trash says so, and restore reopens it with what was saved', async ({
  browser,
  serve,
}) => {
  const { id } = await serve.call<{ id: string }>('sessions.create', { title: 'Trash while open' })
  const page = await openPerson(browser, serve.url, 'Trash while open')
  await waitForBoard(page)
  await addCard(page, 'pain', 'Saved before the trash')
  await serve.call('sessions.delete', { id })
  await expect(page.getByText(/moved to the trash, so it is closed for everyone/)).toBeVisible()
  await serve.call('sessions.restore', { id })
  const again = await openPerson(browser, serve.url, 'Trash while open')
  await waitForBoard(again)
  await expect(again.getByText('Saved before the trash')).toBeVisible()
})
