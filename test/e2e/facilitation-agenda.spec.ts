import type { Page } from '@playwright/test'
import { expect, test, watchErrors } from './fixtures'
import { openFacilitatorBoard } from './guestHelpers'

/** Editing the agenda from the Facilitation view, and private cards surviving a reload until the reveal. */
const agendaOf = (p: Page) =>
  p.evaluate(() => (window as any).__coproBoard.doc.getMap('workshop').get('agenda') as any)

test('the facilitator edits the agenda from the view', async ({ browser, serve }) => {
  await serve.call('sessions.create', { title: 'Agenda edits' })
  const page = await openFacilitatorBoard(browser, serve, 'Agenda edits')
  const errors = watchErrors(page)
  await page.getByRole('button', { name: 'Facilitation', exact: true }).click()
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
  await page.evaluate(() =>
    (window as any).__coproBoard.doc.getMap('workshop').set('agenda', {
      currentIndex: 0,
      activities: [
        {
          id: 'quiet',
          title: 'Quiet writing',
          durationMs: 60_000,
          instructions: '',
          private: true,
          contentNote: '',
          targetId: null,
        },
      ],
    }),
  )
  await expect(page.getByTestId('facil-banner')).toContainText('Private writing')
  await page.evaluate(() => void (window as any).__coproBoard.addCard('pain', 'Kept on this laptop'))
  const inStore = () =>
    page.evaluate(() =>
      (window as any).__coproBoard.editor
        .getCurrentPageShapes()
        .some((s: any) => s.props?.text === 'Kept on this laptop'),
    )
  const inDoc = () =>
    page.evaluate(() =>
      JSON.stringify((window as any).__coproBoard.doc.getArray('tl_records').toJSON()).includes(
        'Kept on this laptop',
      ),
    )
  expect(await inStore()).toBe(true)
  expect(await inDoc()).toBe(false)

  await page.reload()
  await page
    .getByRole('button', { name: /^Private reload/ })
    .first()
    .click()
  await page.waitForFunction(() => (window as any).__coproBoard?.editor)
  await expect.poll(inStore).toBe(true)
  expect(await inDoc()).toBe(false)

  await page.getByRole('button', { name: 'Facilitation', exact: true }).click()
  await page.getByTestId('facil-reveal').click()
  await expect.poll(inDoc).toBe(true)
})
