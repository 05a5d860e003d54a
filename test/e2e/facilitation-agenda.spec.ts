import type { Page } from '@playwright/test'
import {
  addActivities,
  addCard,
  cards,
  clickSession,
  expect,
  showView,
  stored,
  test,
  watchErrors,
} from './fixtures'
import { openFacilitatorBoard } from './guestHelpers'

/** Editing the agenda from the Facilitation view, and private cards surviving a reload until the reveal. */
const agendaOf = async (p: Page) => (await stored(p)).workshop.agenda

test('the facilitator edits the agenda from the view', async ({ browser, serve }) => {
  await serve.call('sessions.create', { title: 'Agenda edits' })
  const page = await openFacilitatorBoard(browser, serve, 'Agenda edits')
  const errors = watchErrors(page)
  await showView(page, 'Facilitation')
  const view = page.getByTestId('facilitation-view')
  await expect(view).toContainText('The agenda is empty.')

  await view.getByRole('button', { name: 'Add activity' }).click()
  await view.getByLabel('Title').fill('Stories')
  await view.getByLabel('Minutes').fill('12')
  await view.getByLabel('Instructions (shown to everyone)').fill('Tell us about a time it went well.')
  await view.getByLabel(/Private writing/).check()
  await view.getByLabel(/Content note/).fill('May bring up hard memories.')
  await view.getByRole('button', { name: 'Save' }).click()
  await view.getByRole('button', { name: 'Add activity' }).click()
  await view.getByLabel('Title').fill('Ideas')
  await view.getByRole('button', { name: 'Save' }).click()

  let agenda = await agendaOf(page)
  expect(agenda.activities.map((a: any) => a.title)).toEqual(['Stories', 'Ideas'])
  expect(agenda.activities[0]).toMatchObject({
    durationMs: 12 * 60_000,
    instructions: 'Tell us about a time it went well.',
    private: true,
    contentNote: 'May bring up hard memories.',
  })
  await view.getByRole('button', { name: 'Move Ideas up' }).click()
  await expect
    .poll(async () => (await agendaOf(page)).activities.map((a: any) => a.title))
    .toEqual(['Ideas', 'Stories'])
  await view.getByRole('button', { name: 'Go to Stories' }).click()
  await expect(page.getByTestId('facil-banner')).toContainText('Stories')
  await expect(page.getByRole('dialog', { name: /Before “Stories”/ })).toContainText('hard memories')
  await view.getByRole('button', { name: 'Remove Ideas' }).click()
  agenda = await agendaOf(page)
  expect(agenda.activities.map((a: any) => a.title)).toEqual(['Stories'])
  expect(agenda.currentIndex).toBe(0)
  expect(errors).toEqual([])
})

test('private cards stay on the device across a reload and sync only at the reveal', async ({
  browser,
  serve,
}) => {
  await serve.call('sessions.create', { title: 'Private reload' })
  const page = await openFacilitatorBoard(browser, serve, 'Private reload')
  await addActivities(page, [{ title: 'Quiet writing', minutes: 1, private: true }])
  await expect(page.getByTestId('facil-banner')).toContainText('Private writing')
  await addCard(page, 'pain', 'Kept on this laptop')
  const inStore = async () => (await cards(page)).some((c) => c.text === 'Kept on this laptop')
  const inDoc = async () => JSON.stringify((await stored(page)).tl_records).includes('Kept on this laptop')
  expect(await inStore()).toBe(true)
  expect(await inDoc()).toBe(false)

  await page.reload()
  await clickSession(page, 'Private reload')
  await expect.poll(inStore).toBe(true)
  expect(await inDoc()).toBe(false)

  await showView(page, 'Facilitation')
  await page.getByTestId('facil-reveal').click()
  await expect.poll(inDoc).toBe(true)
})
