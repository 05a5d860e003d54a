import { expect, test, watchErrors } from './fixtures'

test.describe('the board canvas in the workbench', () => {
  test('is visible and usable, loads every asset from the app (no CDN), and keeps the tldraw watermark visible', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    const external: string[] = []
    page.on('request', (r) => {
      const u = new URL(r.url())
      if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') external.push(r.url())
    })
    const session = await serve.call<{ id: string }>('sessions.create', { title: 'Canvas check' })
    await page.goto(serve.url)
    await page
      .getByRole('button', { name: /^Canvas check/ })
      .first()
      .click()
    const canvas = page.locator('.tl-container')
    await expect(canvas).toBeVisible()
    await expect(page.getByTestId('status-connection')).toHaveText(/Connected/)

    // Usable: draw a rectangle with the mouse, then add a card from the keyboard composer.
    await page.keyboard.press('r')
    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + 200, box.y + 200)
    await page.mouse.down()
    await page.mouse.move(box.x + 350, box.y + 300, { steps: 5 })
    await page.mouse.up()
    await expect
      .poll(() => page.evaluate(() => (window as any).__coproBoard.editor.getCurrentPageShapes().length))
      .toBe(1)
    await page.evaluate(
      () => void (window as any).__coproBoard.addCard('pain', 'The waiting room is too loud'),
    )
    await expect(
      page.getByTestId('card-shape').filter({ hasText: 'The waiting room is too loud' }),
    ).toBeVisible()

    const watermark = page.locator('.tl-watermark_SEE-LICENSE')
    await expect(watermark).toBeVisible()
    const wm = (await watermark.boundingBox())!
    // Nothing of ours sits on top of the watermark's centre.
    const topmost = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.tl-watermark_SEE-LICENSE') !== null,
      [wm.x + wm.width / 2, wm.y + wm.height / 2],
    )
    expect(topmost).toBe(true)

    expect(external).toEqual([])
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
    expect(session.id).toBeTruthy()
  })
})
