import { addCard, canvas, cards, expect, hook, openBoard, sessionButton, test, watchErrors } from './fixtures'

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

    // Usable: add a card from the keyboard composer (the curated canvas offers no other shapes to draw:
    // canvas-curated.spec.ts).
    await addCard(page, 'pain', 'The waiting room is too loud')
    await expect.poll(() => hook(page, (h) => h.shapeCount())).toBe(1)
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
    await hook(page, (h) =>
      h.seedCards(
        Array.from({ length: 600 }, (_, i) => ({
          kind: 'idea',
          x: (i % 30) * 220,
          y: Math.floor(i / 30) * 160,
          text: `Idea number ${i}`,
        })),
      ),
    )
    // the relay has them all once a second person's board holds them
    const other = await (await page.context().browser()!.newContext()).newPage()
    await openBoard(other, serve.url, 'Large board')
    await expect.poll(() => hook(other, (h) => h.cards().length)).toBe(600)
    await other.context().close()
    await open()
    await expect.poll(() => hook(page, (h) => h.shapeCount())).toBeGreaterThanOrEqual(600)

    // the first card is in view; the last is far away and gets its content once the camera is there
    await expect(page.getByTestId('card-text').filter({ hasText: /^Idea number 0$/ })).toBeVisible()
    const centreOf = async (text: string) => {
      const c = (await cards(page)).find((c) => c.text === text)!
      return { x: c.x + c.w / 2, y: c.y + c.h / 2 }
    }
    await hook(page, (h, p) => h.centerOn(p), await centreOf('Idea number 599'))
    await expect(page.getByTestId('card-text').filter({ hasText: /^Idea number 599$/ })).toBeVisible()

    // while the board is idle every card gets its content, so zooming out later is smooth
    await expect.poll(() => page.getByTestId('card-shape').count(), { timeout: 15_000 }).toBe(600)
    // a card that arrives later far out of view gets its content too (tldraw's own export reads it)
    await hook(page, (h) => h.seedCards([{ kind: 'gain', x: 40_000, y: 40_000, text: 'Far away' }]))
    await expect.poll(() => page.getByTestId('card-shape').count(), { timeout: 15_000 }).toBe(601)
    // go there, select it and delete it with the keyboard
    await hook(page, (h, p) => h.centerOn(p), await centreOf('Far away'))
    await page.getByTestId('card-shape').filter({ hasText: 'Far away' }).click()
    await page.keyboard.press('Delete')
    await expect.poll(() => hook(page, (h) => h.shapeCount())).toBe(600)
    // zoom to fit (Shift+1)
    await canvas(page).focus()
    await page.keyboard.press('Shift+1')
    const settled = async () => {
      const a = await hook(page, (h) => h.camera())
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      const b = await hook(page, (h) => h.camera())
      return a.z < 0.5 && a.x === b.x && a.y === b.y && a.z === b.z
    }
    await expect.poll(settled).toBe(true)
    // zoomed out to the whole board, cards show their kind large instead of their text (zoomDetail.ts)
    await expect(
      page
        .getByTestId('card-shape')
        .filter({ has: page.getByTestId('card-text').filter({ hasText: /^Idea number 300$/ }) }),
    ).toBeVisible()

    // outlines are drawn for the selected card only (not one hidden outline per card)
    const corner = await hook(page, (h) => h.pageToScreen({ x: -400, y: -400 }))
    await page.mouse.move(corner.x, corner.y)
    await canvas(page).focus()
    await page.keyboard.press('Tab')
    await expect.poll(() => hook(page, (h) => h.selection().length)).toBe(1)
    await expect(page.locator('.tl-shape-indicator')).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => hook(page, (h) => h.selection().length)).toBe(0)
    await expect(page.locator('.tl-shape-indicator')).toHaveCount(0)
    // and for the card under a mouse pointer (Tab zoomed in to a readable size: fit the board again)
    await page.keyboard.press('Shift+1')
    await expect.poll(settled).toBe(true)
    const at = await hook(page, (h, p) => h.pageToScreen(p), await centreOf('Idea number 300'))
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
      hook(page, (h) => {
        const v = h.viewport()
        return { z: h.camera().z, x: Math.round(v.x + v.w / 2), y: Math.round(v.y + v.h / 2) }
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
    await hook(page, (h) => h.setCamera({ x: 0, y: 0, z: 0.7 }))
    await page.keyboard.press('Control+Alt+-')
    await expect.poll(async () => (await view()).z).toBeCloseTo(0.6, 5)
  })

  test('zoomed far out, cards show their text at the smallest readable size while they have room, else their kind in large type', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Far zoom' })
    await openBoard(page, serve.url, 'Far zoom')
    const ids = [
      await addCard(page, 'pain', 'The forms are too long'),
      await addCard(page, 'gain', 'Reception staff are kind'),
    ]
    const container = page.locator('.tl-container').first()
    const zoom = (z: number) => hook(page, (h, z) => h.setCamera({ x: 0, y: 0, z }), z)
    // the text fills the card (cardText.ts): its size on the page, and so the zoom where it gets too small
    const painSize = Number(await page.locator('.copro-card[data-kind="pain"]').getAttribute('data-fs'))
    expect(painSize).toBeGreaterThan(14)
    const hidden = new RegExp(`(^| )${painSize}( |$)`)
    const headSize = () =>
      page
        .locator('.copro-card[data-kind="pain"] .copro-card__head')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

    await zoom(1)
    await expect(container).not.toHaveAttribute('data-copro-hide', hidden)
    await expect(page.getByTestId('card-text').filter({ hasText: 'The forms are too long' })).toBeVisible()
    const nearSize = await headSize()

    // the text would be under 9 px on screen: a card with room for two lines at the smallest size still
    // drawn shows its text at that size (the rehearsal's wall read "⚠ Pain" on cards that looked empty)
    const far = 8.5 / painSize
    await zoom(far)
    await expect(container).toHaveAttribute('data-copro-hide', hidden)
    const painText = page.getByTestId('card-text').filter({ hasText: 'The forms are too long' })
    await expect(painText).toBeVisible()
    const lifted = await painText.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(lifted).toBeGreaterThan(painSize)
    expect(lifted * far).toBeGreaterThanOrEqual(9)
    expect(await headSize()).toBe(nearSize)

    // farther still, no size still drawn leaves the card room for two lines: the kind (icon + label)
    // is drawn large instead
    const farther = 8.5 / 64
    await zoom(farther)
    await expect(painText).toBeHidden()
    await expect(page.locator('.copro-card[data-kind="pain"] .copro-card__head')).toContainText('Pain')
    await expect(page.locator('.copro-card[data-kind="gain"] .copro-card__head')).toContainText('Gain')
    expect(await headSize()).toBeGreaterThanOrEqual(nearSize * 2.5)
    await zoom(far)

    // pictures exported meanwhile still carry the text (tldraw renders them inside the same container)
    const svg = await hook(page, (h, id) => h.svg([id]), ids[0]!)
    const exported = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
      const text = doc.querySelector('.copro-card__text')
      return { text: text?.textContent, style: text?.getAttribute('style') ?? '' }
    }, svg)
    expect(exported.text).toBe('The forms are too long')
    expect(exported.style).not.toMatch(/display:\s*none/)

    // a zoom that hovers at the line does not flip back: it stays far until the text is 10 px
    await zoom(9.5 / painSize)
    await expect(container).toHaveAttribute('data-copro-hide', hidden)

    // the card being edited shows its text box even when zoomed out
    const pain = (await cards(page)).find((c) => c.id === ids[0])!
    const at = await hook(page, (h, p) => h.pageToScreen(p), {
      x: pain.x + pain.w / 2,
      y: pain.y + pain.h / 2,
    })
    await page.mouse.dblclick(at.x, at.y)
    await expect.poll(() => hook(page, (h) => h.editing())).toBe(ids[0])
    await expect(page.locator('.copro-card[data-editing] textarea')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect.poll(() => hook(page, (h) => h.editing())).toBeNull()

    await zoom(10.5 / painSize)
    await expect(container).not.toHaveAttribute('data-copro-hide', hidden)
    await expect(page.getByTestId('card-text').filter({ hasText: 'The forms are too long' })).toBeVisible()
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })
})
