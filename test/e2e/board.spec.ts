import type { Page } from '@playwright/test'
import {
  addCard,
  canvas,
  cardTexts,
  expect,
  hook,
  openPerson as openBoard,
  selectNone,
  showView,
  test,
  watchErrors,
} from './fixtures'

/** Two browser contexts (two people) on one session, through the real `copro serve`. */

test.describe('the live board with two people', () => {
  test('cards made with the keyboard composer appear for the other person, with cursors', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Two people' })
    const a = await openBoard(browser, serve.url, 'Two people')
    const b = await openBoard(browser, serve.url, 'Two people')
    const errors = [...watchErrors(a), ...watchErrors(b)]

    // A: keyboard only. `c` opens the composer, Alt+1 picks "Pain", Enter places the card.
    await a.locator('.tl-container').click({ position: { x: 600, y: 400 } })
    await a.keyboard.press('c')
    const composer = a.getByTestId('card-composer')
    await expect(composer).toBeVisible()
    await expect(a.getByTestId('composer-text')).toBeFocused()
    await a.keyboard.press('Alt+1')
    await expect(a.getByTestId('composer-kind-pain')).toBeChecked()
    await a.keyboard.type('مرحبا: the form is too long')
    await a.keyboard.press('Enter')
    await expect(composer).toBeHidden()

    const onB = b.getByTestId('card-shape').filter({ hasText: 'the form is too long' })
    await expect(onB).toBeVisible()
    await expect(onB).toHaveAttribute('data-kind', 'pain')
    await expect(onB.getByText('Pain')).toBeVisible()
    // right-to-left text sets its own direction
    await expect(onB.getByTestId('card-text')).toHaveAttribute('dir', 'auto')

    // B adds an action card with the composer; A sees owner and due date.
    await addCard(b, 'action', 'Shorten the form', { owner: 'Sam', due: '2026-12-01' })
    const onA = a.getByTestId('card-shape').filter({ hasText: 'Shorten the form' })
    await expect(onA).toBeVisible()
    await expect(onA.getByTestId('card-owner')).toHaveText('Owner: Sam')
    await expect(onA.getByTestId('card-due')).toHaveText('Due: 2026-12-01')

    // Cursors: A moves over the canvas; B sees A as a collaborator, then A sees B.
    const box = (await a.locator('.tl-container').boundingBox())!
    await a.mouse.move(box.x + 300, box.y + 300)
    await a.mouse.move(box.x + 320, box.y + 310, { steps: 3 })
    await expect(b.locator('.tl-nametag').first()).toBeVisible()
    await expect.poll(() => hook(b, (h) => h.peers().length)).toBe(1)

    // Tab moves between cards in reading order.
    await selectNone(a)
    const order = await hook(a, (h) => h.readingOrder())
    expect(order).toHaveLength(2)
    await canvas(a).focus()
    await a.keyboard.press('Tab')
    await expect.poll(() => hook(a, (h) => h.selection())).toEqual([order[0]])
    await a.keyboard.press('Tab')
    await expect.poll(() => hook(a, (h) => h.selection())).toEqual([order[1]])

    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })

  test('both edit while one is offline; everything merges on reconnect', async ({ browser, serve }) => {
    await serve.call('sessions.create', { title: 'Offline merge' })
    const a = await openBoard(browser, serve.url, 'Offline merge')
    const b = await openBoard(browser, serve.url, 'Offline merge')
    await addCard(a, 'idea', 'before')
    await expect(b.getByTestId('card-shape').filter({ hasText: 'before' })).toBeVisible()

    await hook(b, (h) => h.setOnline(false))
    await expect.poll(() => hook(b, (h) => h.status().connection)).toBe('offline')

    await addCard(a, 'gain', 'A while B was away')
    await addCard(b, 'question', 'B offline')
    await expect(b.getByTestId('card-shape').filter({ hasText: 'B offline' })).toBeVisible()
    expect(await cardTexts(a)).not.toContain('B offline')

    await hook(b, (h) => h.setOnline(true))
    const all = ['A while B was away', 'B offline', 'before']
    await expect.poll(() => cardTexts(a)).toEqual(all)
    await expect.poll(() => cardTexts(b)).toEqual(all)
  })

  test('follow a participant, and the facilitator brings everyone to their view', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Follow me' })
    const a = await openBoard(browser, serve.url, 'Follow me')
    const b = await openBoard(browser, serve.url, 'Follow me')
    const centre = async (p: Page) => {
      const v = await hook(p, (h) => h.viewport())
      return { x: Math.round(v.x + v.w / 2), y: Math.round(v.y + v.h / 2) }
    }
    // B needs A's presence before following: A shows in B's Participants view, here now
    await expect.poll(() => hook(b, (h) => h.peers().length)).toBe(1)
    const aId = await hook(b, (h) => h.peers()[0]!.id)
    await showView(b, 'Participants')
    const followA = b.locator(`[data-participant="${aId}"]`).getByRole('button', { name: /^Follow/ })

    await hook(a, (h) => h.centerOn({ x: 5000, y: 3000 }))
    await followA.click()
    await expect.poll(() => hook(b, (h) => h.following())).toBe(aId)
    await expect.poll(async () => Math.abs((await centre(b)).x - 5000) < 50).toBe(true)
    await hook(a, (h) => h.centerOn({ x: -2000, y: 700 }))
    await expect.poll(async () => Math.abs((await centre(b)).x + 2000) < 50).toBe(true)
    // scrolling by hand stops following
    const box = (await canvas(b).boundingBox())!
    await b.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await b.mouse.wheel(0, 40)
    await expect.poll(() => hook(b, (h) => h.following())).toBeNull()

    // "bring everyone to me": B looks elsewhere, A (facilitator) summons from the Facilitation view
    await hook(b, (h) => h.centerOn({ x: 9000, y: 9000 }))
    await hook(a, (h) => h.centerOn({ x: 1234, y: 567 }))
    await expect.poll(async () => (await centre(a)).x).toBe(1234)
    await showView(a, 'Facilitation')
    await a.getByRole('button', { name: 'Bring everyone to me' }).click()
    await expect(a.getByTestId('announcer')).toContainText('Everyone’s view moved to yours.')
    await expect
      .poll(async () => {
        const c = await centre(b)
        return Math.abs(c.x - 1234) < 50 && Math.abs(c.y - 567) < 50
      })
      .toBe(true)
  })
})
