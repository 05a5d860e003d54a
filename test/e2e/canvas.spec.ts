import { expect, openBoard, sessionButton, test, watchErrors } from './fixtures'

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
    await sessionButton(page, 'Canvas check').click()
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

  test('a large board draws the cards in view, shows far cards when you go to them, and fills in the rest while idle', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Large board' })
    const open = async () => {
      await openBoard(page, serve.url, 'Large board')
    }
    await open()
    // 600 cards on a 30 × 20 grid, most of them far outside the first view
    await page.evaluate(() => {
      const editor = (window as any).__coproBoard.editor
      const shapes = Array.from({ length: 600 }, (_, i) => ({
        type: 'card',
        x: (i % 30) * 220,
        y: Math.floor(i / 30) * 160,
        props: { kind: 'idea', text: `Idea number ${i}` },
      }))
      editor.run(() => editor.createShapes(shapes))
    })
    await page.waitForTimeout(500) // let the last batch reach the relay
    await open()
    await page.waitForFunction(() => (window as any).__coproBoard.editor.getCurrentPageShapeIds().size >= 600)

    // the first card is in view; the last is far away and gets its content once the camera is there
    await expect(page.getByTestId('card-text').filter({ hasText: /^Idea number 0$/ })).toBeVisible()
    await page.evaluate(() => {
      const editor = (window as any).__coproBoard.editor
      const last = editor.getCurrentPageShapes().find((s: any) => s.props?.text === 'Idea number 599')
      editor.centerOnPoint(editor.getShapePageBounds(last).center)
    })
    await expect(page.getByTestId('card-text').filter({ hasText: /^Idea number 599$/ })).toBeVisible()

    // while the board is idle every card gets its content, so zooming out later is smooth
    await expect.poll(() => page.getByTestId('card-shape').count(), { timeout: 15_000 }).toBe(600)
    // a card that arrives later far out of view gets its content too (tldraw's own export reads it)
    await page.evaluate(() =>
      (window as any).__coproBoard.editor.createShapes([
        { type: 'card', x: 40_000, y: 40_000, props: { kind: 'gain', text: 'Far away' } },
      ]),
    )
    await expect.poll(() => page.getByTestId('card-shape').count(), { timeout: 15_000 }).toBe(601)
    await page.evaluate(() => {
      const editor = (window as any).__coproBoard.editor
      editor.deleteShapes(editor.getCurrentPageShapes().filter((s: any) => s.props?.text === 'Far away'))
    })
    await page.evaluate(() => (window as any).__coproBoard.editor.zoomToFit())
    // zoomed out to the whole board, cards show their kind large instead of their text (zoomDetail.ts)
    await expect(
      page
        .getByTestId('card-shape')
        .filter({ has: page.getByTestId('card-text').filter({ hasText: /^Idea number 300$/ }) }),
    ).toBeVisible()

    // outlines are drawn for the selected card only (not one hidden outline per card)
    await page.evaluate(() => {
      const editor = (window as any).__coproBoard.editor
      editor.select(editor.getCurrentPageShapes().find((s: any) => s.props?.text === 'Idea number 300').id)
    })
    await expect(page.locator('.tl-shape-indicator')).toHaveCount(1)
    await page.evaluate(() => (window as any).__coproBoard.editor.selectNone())
    await expect(page.locator('.tl-shape-indicator')).toHaveCount(0)
    // and for the card under a mouse pointer
    const at = await page.evaluate(() => {
      const editor = (window as any).__coproBoard.editor
      const card = editor.getCurrentPageShapes().find((s: any) => s.props?.text === 'Idea number 300')
      return editor.pageToScreen(editor.getShapePageBounds(card).center)
    })
    await page.mouse.move(at.x, at.y)
    await page.mouse.move(at.x + 2, at.y + 2)
    await expect(page.locator('.tl-shape-indicator')).toHaveCount(1)
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })

  test('the canvas zoom follows the text-size preference, about the centre of the view', async ({
    page,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Big text' })
    await page.addInitScript(() =>
      localStorage.setItem('copro.a11y.preferences', JSON.stringify({ textScale: 150 })),
    )
    await openBoard(page, serve.url, 'Big text')
    const view = () =>
      page.evaluate(() => {
        const editor = (window as any).__coproBoard.editor
        const c = editor.getViewportPageBounds().center
        return { z: editor.getZoomLevel(), x: Math.round(c.x), y: Math.round(c.y) }
      })
    // opened at 150 %
    const opened = await view()
    expect(opened.z).toBeCloseTo(1.5, 5)
    // one step larger (Ctrl+Alt+=): 175 %, the same page point stays in the middle of the view
    await page.getByTestId('status-connection').click()
    await page.keyboard.press('Control+Alt+=')
    await expect
      .poll(async () => {
        const v = await view()
        return Math.abs(v.z - 1.75) < 1e-6 && Math.abs(v.x - opened.x) <= 1 && Math.abs(v.y - opened.y) <= 1
      })
      .toBe(true)
    // a zoom made by hand is kept: the next step scales it by 150/175
    await page.evaluate(() => (window as any).__coproBoard.editor.setCamera({ x: 0, y: 0, z: 0.7 }))
    await page.keyboard.press('Control+Alt+-')
    await expect.poll(async () => (await view()).z).toBeCloseTo(0.6, 5)
  })

  test('zoomed far out, cards show their kind in large type instead of text too small to read', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Far zoom' })
    await openBoard(page, serve.url, 'Far zoom')
    const ids = await page.evaluate(() => {
      const b = (window as any).__coproBoard
      return [b.addCard('pain', 'The forms are too long'), b.addCard('gain', 'Reception staff are kind')]
    })
    const container = page.locator('.tl-container').first()
    const zoom = (z: number) =>
      page.evaluate((z) => (window as any).__coproBoard.editor.setCamera({ x: 0, y: 0, z }), z)
    const headSize = () =>
      page
        .locator('.copro-card[data-kind="pain"] .copro-card__head')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

    await zoom(1)
    await expect(container).toHaveAttribute('data-copro-detail', 'near')
    await expect(page.getByTestId('card-text').filter({ hasText: 'The forms are too long' })).toBeVisible()
    const nearSize = await headSize()

    // 30 %: the text would be about 4 px high; the kind (icon + label) is drawn large instead
    await zoom(0.3)
    await expect(container).toHaveAttribute('data-copro-detail', 'far')
    await expect(page.getByTestId('card-text').filter({ hasText: 'The forms are too long' })).toBeHidden()
    await expect(page.locator('.copro-card[data-kind="pain"] .copro-card__head')).toContainText('Pain')
    await expect(page.locator('.copro-card[data-kind="gain"] .copro-card__head')).toContainText('Gain')
    expect(await headSize()).toBeGreaterThanOrEqual(nearSize * 2.5)

    // pictures exported meanwhile still carry the text (tldraw renders them inside the same container)
    const exported = await page.evaluate(async (id) => {
      const svg = (await (window as any).__coproBoard.editor.getSvgString([id]))?.svg ?? ''
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
      const text = doc.querySelector('.copro-card__text')
      return { text: text?.textContent, style: text?.getAttribute('style') ?? '' }
    }, ids[0])
    expect(exported.text).toBe('The forms are too long')
    expect(exported.style).not.toMatch(/display:\s*none/)

    // a zoom that hovers at the line does not flip back: it stays far until 45 %
    await zoom(0.42)
    await expect(container).toHaveAttribute('data-copro-detail', 'far')

    // the card being edited shows its text box even when zoomed out
    await page.evaluate((id) => (window as any).__coproBoard.editor.setEditingShape(id), ids[0])
    await expect(page.locator('.copro-card[data-editing] textarea')).toBeVisible()
    await page.evaluate(() => (window as any).__coproBoard.editor.setEditingShape(null))

    await zoom(0.5)
    await expect(container).toHaveAttribute('data-copro-detail', 'near')
    await expect(page.getByTestId('card-text').filter({ hasText: 'The forms are too long' })).toBeVisible()
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })
})
