import type { Browser, Page } from '@playwright/test'
import { expect, openBoard as openSessionBoard, test, watchErrors } from './fixtures'

/** Two browser contexts (two people) on one session, through the real `copro serve`. */

async function openBoard(browser: Browser, url: string, title: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await openSessionBoard(page, url, title)
  return page
}

const cardTexts = (page: Page) =>
  page.evaluate(() =>
    (window as any).__coproBoard.editor
      .getCurrentPageShapes()
      .filter((s: any) => s.type === 'card')
      .map((s: any) => s.props.text)
      .sort(),
  )

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

    // B adds an action card through the API; A sees owner and due date.
    await b.evaluate(
      () =>
        void (window as any).__coproBoard.addCard('action', 'Shorten the form', {
          owner: 'Sam',
          due: '2026-12-01',
        }),
    )
    const onA = a.getByTestId('card-shape').filter({ hasText: 'Shorten the form' })
    await expect(onA).toBeVisible()
    await expect(onA.getByTestId('card-owner')).toHaveText('Owner: Sam')
    await expect(onA.getByTestId('card-due')).toHaveText('Due: 2026-12-01')

    // Cursors: A moves over the canvas; B sees A as a collaborator, then A sees B.
    const box = (await a.locator('.tl-container').boundingBox())!
    await a.mouse.move(box.x + 300, box.y + 300)
    await a.mouse.move(box.x + 320, box.y + 310, { steps: 3 })
    await expect
      .poll(() => b.evaluate(() => (window as any).__coproBoard.editor.getCollaborators().length))
      .toBeGreaterThan(0)
    await expect(b.locator('.tl-nametag').first()).toBeVisible()
    await expect.poll(() => b.evaluate(() => (window as any).__coproBoard.getPeers().length)).toBe(1)

    // Tab moves between cards in reading order.
    await a.evaluate(() => (window as any).__coproBoard.editor.selectNone())
    const first = await a.evaluate(() => (window as any).__coproBoard.focusNextCard(1))
    const order = await a.evaluate(() => (window as any).__coproBoard.getCardIdsInReadingOrder())
    expect(first).toBe(order[0])
    await a.locator('.tl-container').focus()
    await a.keyboard.press('Tab')
    expect(await a.evaluate(() => (window as any).__coproBoard.editor.getSelectedShapeIds())).toEqual([
      order[1],
    ])

    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
    await a.context().close()
    await b.context().close()
  })

  test('both edit while one is offline; everything merges on reconnect', async ({ browser, serve }) => {
    await serve.call('sessions.create', { title: 'Offline merge' })
    const a = await openBoard(browser, serve.url, 'Offline merge')
    const b = await openBoard(browser, serve.url, 'Offline merge')
    await a.evaluate(() => void (window as any).__coproBoard.addCard('idea', 'before'))
    await expect(b.getByTestId('card-shape').filter({ hasText: 'before' })).toBeVisible()

    await b.evaluate(() => (window as any).__coproBoard.setOnline(false))
    await expect
      .poll(() => b.evaluate(() => (window as any).__coproBoard.getStatus().connection))
      .toBe('offline')

    await a.evaluate(() => void (window as any).__coproBoard.addCard('gain', 'A while B was away'))
    await b.evaluate(() => void (window as any).__coproBoard.addCard('question', 'B offline'))
    await expect(b.getByTestId('card-shape').filter({ hasText: 'B offline' })).toBeVisible()
    expect(await cardTexts(a)).not.toContain('B offline')

    await b.evaluate(() => (window as any).__coproBoard.setOnline(true))
    const all = ['A while B was away', 'B offline', 'before']
    await expect.poll(() => cardTexts(a)).toEqual(all)
    await expect.poll(() => cardTexts(b)).toEqual(all)
    await a.context().close()
    await b.context().close()
  })

  test('follow a participant, and the facilitator brings everyone to their view', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Follow me' })
    const a = await openBoard(browser, serve.url, 'Follow me')
    const b = await openBoard(browser, serve.url, 'Follow me')
    const centre = (p: Page) =>
      p.evaluate(() => {
        const c = (window as any).__coproBoard.editor.getViewportPageBounds().center
        return { x: Math.round(c.x), y: Math.round(c.y) }
      })
    // B needs A's presence before following
    await expect.poll(() => b.evaluate(() => (window as any).__coproBoard.getPeers().length)).toBe(1)
    const aId = await b.evaluate(() => (window as any).__coproBoard.getPeers()[0].user.id)

    await a.evaluate(() => void (window as any).__coproBoard.editor.centerOnPoint({ x: 5000, y: 3000 }))
    expect(await b.evaluate((id) => (window as any).__coproBoard.followUser(id), aId)).toBe(true)
    await expect.poll(async () => Math.abs((await centre(b)).x - 5000) < 50).toBe(true)
    await a.evaluate(() => void (window as any).__coproBoard.editor.centerOnPoint({ x: -2000, y: 700 }))
    await expect.poll(async () => Math.abs((await centre(b)).x + 2000) < 50).toBe(true)
    await b.evaluate(() => (window as any).__coproBoard.followUser(null))

    // "bring everyone to me": B looks elsewhere, A (facilitator) summons
    await b.evaluate(() => void (window as any).__coproBoard.editor.centerOnPoint({ x: 9000, y: 9000 }))
    await a.evaluate(() => void (window as any).__coproBoard.editor.centerOnPoint({ x: 1234, y: 567 }))
    await a.waitForTimeout(200)
    const summoned = await a.evaluate(() => (window as any).__coproBoard.bringEveryoneToMe())
    expect(summoned).toBe(true)
    await expect
      .poll(async () => {
        const c = await centre(b)
        return Math.abs(c.x - 1234) < 50 && Math.abs(c.y - 567) < 50
      })
      .toBe(true)
    await a.context().close()
    await b.context().close()
  })
})
