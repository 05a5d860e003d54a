import type { Page } from '@playwright/test'
import {
  addActivities,
  addCard,
  canvas,
  cards,
  closeRound,
  dragCardTo,
  expect,
  hook,
  openBoard,
  openRound,
  test,
  type ServeHandle,
} from './fixtures'
import { layoutFacts } from '../rehearsal/layoutFacts'
import { routeLink, segmentCrossesBox } from '../../src/renderer/board/links/linkRoute'

/**
 * What the rehearsal showed a facilitator stumbling on (rehearsal/ screenshots 37 and 48): zoom-to-fit
 * put the Ideas row under the toolbar and the column prompts under the activity banner; a link was
 * drawn through the text of a card between its two cards; a short note in a small card showed only
 * "⚠ Pain" when the board was fitted; leaving the wall left the laptop on the wall's crop.
 */

const open = async (page: Page, serve: ServeHandle, title: string, templateId?: string) => {
  await serve.call('sessions.create', { title, ...(templateId ? { templateId } : {}) })
  await openBoard(page, serve.url, title)
  await expect(canvas(page)).toBeVisible()
  await expect(page.getByTestId('status-connection')).toHaveText(/Connected/)
}

/** The camera once it has stopped moving (a fit animates for 200 ms). */
const settledCamera = async (page: Page) => {
  let last = ''
  await expect
    .poll(async () => {
      const now = JSON.stringify(await hook(page, (h) => h.camera()))
      const same = now === last
      last = now
      return same
    })
    .toBe(true)
  return JSON.parse(last) as { x: number; y: number; z: number }
}

const fitWithKeys = async (page: Page) => {
  await canvas(page).focus()
  await page.keyboard.press('Shift+1')
  await settledCamera(page)
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]) {
  test(`zoom-to-fit leaves the toolbar and the activity banner clear (${size.width}×${size.height})`, async ({
    page,
    serve,
  }) => {
    await page.setViewportSize(size)
    await open(page, serve, `Fit ${size.width}`, 'service-journey-map')
    await addActivities(page, [
      {
        title: 'What gets in the way?',
        minutes: 5,
        instructions: 'Write what gets in the way. Only you see your cards until the reveal.',
        private: true,
      },
    ])
    await fitWithKeys(page)
    const facts = await layoutFacts(page)
    // the structure's headers and last row are in view, and none is under a control
    const layer = (await page
      .locator('[role="tabpanel"]:not([hidden]) [data-testid="structure-layer"]')
      .boundingBox())!
    const banner = (await page.getByTestId('facil-banner').boundingBox())!
    const toolbar = (await page.getByTestId('canvas-toolbar').boundingBox())!
    expect(layer.y).toBeGreaterThanOrEqual(banner.y + banner.height)
    expect(layer.y + layer.height).toBeLessThanOrEqual(toolbar.y)
    expect(facts.boardUnderControls).toEqual([])
  })
}

test('a banner that appears over a fitted board keeps it fitted; a view moved by hand stays', async ({
  page,
  serve,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await open(page, serve, 'Fit kept', 'service-journey-map')
  await fitWithKeys(page)
  await addActivities(page, [
    { title: 'Say the steps', minutes: 10, instructions: 'Say what happens, step by step.' },
  ])
  await expect.poll(async () => (await layoutFacts(page)).boardUnderControls).toEqual([])
  // moved by hand: the next banner change leaves the view alone
  const moved = { ...(await settledCamera(page)) }
  moved.x += 40
  await hook(page, (h, c) => h.setCamera(c), moved)
  await page.getByTestId('facilitation-view').getByRole('button', { name: 'Start' }).click()
  await expect(page.getByTestId('facil-remaining')).toHaveAttribute('data-status', 'running')
  expect(await settledCamera(page)).toEqual(moved)
})

test('a link goes round a card that lies between its two cards, its label on no card', async ({
  page,
  serve,
}) => {
  await open(page, serve, 'Link route')
  const letters = await addCard(page, 'pain', 'Letters arrive after the appointment')
  const tenants = await addCard(page, 'contribution', 'Tenants can test new letters')
  const send = await addCard(page, 'action', 'Send letters two weeks before')
  const l = (await cards(page)).find((c) => c.id === letters)!
  const w = l.w
  const h = l.h
  const cx = l.x + w / 2
  const cy = l.y + h / 2
  // as in the rehearsal: the action right of the contribution, both a little below the pain
  await dragCardTo(page, tenants, cx + 2.2 * w, cy + 0.6 * h)
  await dragCardTo(page, send, cx + 3.4 * w, cy + 0.6 * h)
  const all = await cards(page)
  const box = (id: string) => all.find((c) => c.id === id)!
  const [p, t, s] = [box(letters), box(tenants), box(send)]
  // (the test's own check: centre to centre runs through the middle card's text, below its head)
  const lineY = (x: number) =>
    p.y +
    p.h / 2 +
    ((s.y + s.h / 2 - (p.y + p.h / 2)) * (x - (p.x + p.w / 2))) / (s.x + s.w / 2 - (p.x + p.w / 2))
  const y = lineY(t.x + t.w / 2)
  expect(y > t.y + 0.15 * t.h && y < t.y + 0.85 * t.h).toBe(true)

  // fit the three cards, then link the action to the pain with the Link cards tool, centre to centre
  const vp = (await canvas(page).boundingBox())!
  const x0 = Math.min(p.x, t.x, s.x) - 60
  const x1 = Math.max(p.x + p.w, t.x + t.w, s.x + s.w) + 60
  const y0 = Math.min(p.y, t.y, s.y) - 60
  const y1 = Math.max(p.y + p.h, t.y + t.h, s.y + s.h) + 60
  const z = Math.min(1, vp.width / (x1 - x0), (vp.height - 160) / (y1 - y0))
  await hook(page, (hk, a) => hk.setCamera({ x: a.w / 2 / a.z - a.cx, y: a.h / 2 / a.z - a.cy, z: a.z }), {
    cx: (x0 + x1) / 2,
    cy: (y0 + y1) / 2,
    z,
    w: vp.width,
    h: vp.height,
  })
  const [from, to] = await hook(page, (hk, q) => q.map((pt) => hk.pageToScreen(pt)), [
    { x: s.x + s.w / 2, y: s.y + s.h / 2 },
    { x: p.x + p.w / 2, y: p.y + p.h / 2 },
  ])
  await page.getByTestId('tool-arrow').click()
  await page.mouse.move(from!.x, from!.y)
  await page.mouse.down()
  await page.mouse.move(to!.x, to!.y, { steps: 10 })
  await page.mouse.up()
  await expect(page.locator('.tl-arrow-label').filter({ hasText: 'addresses' })).toBeVisible()
  await page.getByTestId('tool-select').click()
  await page.keyboard.press('Escape')
  await expect.poll(async () => (await layoutFacts(page)).linksCrossingCards).toEqual([])
  // the label covers no card
  const label = (await page.locator('.tl-arrow-label').filter({ hasText: 'addresses' }).boundingBox())!
  for (const text of ['Letters arrive', 'Tenants can test', 'Send letters']) {
    const c = (await page.getByTestId('card-shape').filter({ hasText: text }).boundingBox())!
    const overlapX = Math.min(label.x + label.width, c.x + c.width) - Math.max(label.x, c.x)
    const overlapY = Math.min(label.y + label.height, c.y + c.height) - Math.max(label.y, c.y)
    expect(overlapX > 2 && overlapY > 2, `label over "${text}"`).toBe(false)
  }

  // a card put down on the line later: the link goes round it too. Where it goes down: on the line as
  // routed now, at a spot that leaves a way round (found with the same pure rule the board uses)
  const late = await addCard(page, 'idea', 'Ask people which day suits them')
  const lc = (await cards(page)).find((c) => c.id === late)!
  const others = [t]
  const now = routeLink(s, p, others, { w: 130, h: 40 })
  const a0 = { x: s.x + now.start.x * s.w, y: s.y + now.start.y * s.h }
  const b0 = { x: p.x + now.end.x * p.w, y: p.y + now.end.y * p.h }
  let spot: { x: number; y: number } | null = null
  for (let tt = 0.2; tt <= 0.9; tt += 0.05)
    for (const dy of [0, 0.25, -0.25, 0.4, -0.4, 0.6, -0.6, 0.8, -0.8]) {
      const cxy = { x: a0.x + (b0.x - a0.x) * tt, y: a0.y + (b0.y - a0.y) * tt + dy * lc.h }
      const box = { x: cxy.x - lc.w / 2, y: cxy.y - lc.h / 2, w: lc.w, h: lc.h }
      const onLine = segmentCrossesBox(a0, b0, box)
      const free = [p, t, s].every(
        (c) => c.x >= box.x + box.w || box.x >= c.x + c.w || c.y >= box.y + box.h || box.y >= c.y + c.h,
      )
      if (!spot && onLine && free && routeLink(s, p, [...others, box], { w: 130, h: 40 }).crossings === 0)
        spot = cxy
    }
  expect(spot, 'a spot on the line with a way round').not.toBeNull()
  await dragCardTo(page, late, spot!.x, spot!.y)
  await page.keyboard.press('Escape')
  await expect.poll(async () => (await layoutFacts(page)).linksCrossingCards).toEqual([])
})

test('zoomed out, a note that has the room shows its words at the smallest readable size, not only its kind', async ({
  page,
  serve,
}) => {
  await open(page, serve, 'Far zoom')
  await addCard(page, 'pain', 'The waiting room is too loud to hear my name')
  const card = page.getByTestId('card-shape').filter({ hasText: 'waiting room' })
  const fs = Number(await card.getAttribute('data-fs'))
  const c = (await cards(page))[0]!
  // a zoom at which the card's own text size is under 9 px on screen
  const z = 8.5 / fs
  const vp = (await canvas(page).boundingBox())!
  await hook(page, (hk, a) => hk.setCamera({ x: a.w / 2 / a.z - a.cx, y: a.h / 2 / a.z - a.cy, z: a.z }), {
    cx: c.x + c.w / 2,
    cy: c.y + c.h / 2,
    z,
    w: vp.width,
    h: vp.height,
  })
  const text = card.getByTestId('card-text')
  await expect(text).toBeVisible()
  await expect(text).toContainText('The waiting room')
  const px = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(px * z).toBeGreaterThanOrEqual(9)
  // who wrote it still shows (equal voice): the role badge stays on the card
  await expect(card.locator('.copro-card__role')).toBeVisible()
  expect((await layoutFacts(page)).cardsShowingKindOnly).toBe(0)
})

test('leaving wall mode gives the laptop back the view it had', async ({ page, serve }) => {
  await open(page, serve, 'Wall and back', 'service-journey-map')
  await fitWithKeys(page)
  const before = await settledCamera(page)
  await page.getByTestId('status-connection').click()
  await page.keyboard.press('F5')
  await expect(page.getByTestId('wall')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('wall')).toBeHidden()
  const after = await settledCamera(page)
  expect(after.z).toBeCloseTo(before.z, 5)
  expect(after.x).toBeCloseTo(before.x, 1)
  expect(after.y).toBeCloseTo(before.y, 1)
})

test('the wall shows no editing marks: a selected link has no handles or hints there', async ({
  page,
  serve,
}) => {
  await open(page, serve, 'Wall marks')
  const a = await addCard(page, 'pain', 'Forms are too long')
  const b = await addCard(page, 'action', 'Shorter forms')
  const first = (await cards(page)).find((c) => c.id === a)!
  // room between them for the label
  await dragCardTo(page, b, first.x + 3 * first.w, first.y + first.h / 2)
  const all = await cards(page)
  const [p, q] = [all.find((c) => c.id === a)!, all.find((c) => c.id === b)!]
  const [from, to] = await hook(page, (hk, x) => x.map((pt) => hk.pageToScreen(pt)), [
    { x: q.x + q.w / 2, y: q.y + q.h / 2 },
    { x: p.x + p.w / 2, y: p.y + p.h / 2 },
  ])
  await page.getByTestId('tool-arrow').click()
  await page.mouse.move(from!.x, from!.y)
  await page.mouse.down()
  await page.mouse.move(to!.x, to!.y, { steps: 10 })
  await page.mouse.up()
  await expect(page.locator('.tl-arrow-label').filter({ hasText: 'addresses' })).toBeVisible()
  // the new link is selected: on the laptop its handles show, at its ends; none sits on its label
  const handles = page.locator('.tl-handle')
  await expect(handles.first()).toBeVisible()
  const label = (await page.locator('.tl-arrow-label').filter({ hasText: 'addresses' }).boundingBox())!
  for (const h of await handles.all()) {
    const b = await h.boundingBox()
    if (!b) continue
    const overlapX = Math.min(label.x + label.width, b.x + b.width) - Math.max(label.x, b.x)
    const overlapY = Math.min(label.y + label.height, b.y + b.height) - Math.max(label.y, b.y)
    expect(overlapX > 1 && overlapY > 1, 'a handle on the label').toBe(false)
  }
  await page.getByTestId('status-connection').click()
  await page.keyboard.press('F5')
  await expect(page.getByTestId('wall')).toBeVisible()
  await expect(page.locator('.tl-arrow-label').filter({ hasText: 'addresses' })).toBeVisible()
  for (const h of await handles.all()) await expect(h).toBeHidden()
  for (const h of await page.locator('.tl-arrow-hint').all()) await expect(h).toBeHidden()
})

test('the results on the wall hide the board behind them, and the tldraw watermark stays', async ({
  page,
  serve,
}) => {
  await open(page, serve, 'Wall results', 'service-journey-map')
  await page.getByTestId('status-connection').click()
  await page.keyboard.press('F5')
  await expect(page.getByTestId('wall')).toBeVisible()
  const board = page.locator('[role="tabpanel"]:not([hidden]) .tl-canvas')
  const mark = page.locator('.tl-watermark_SEE-LICENSE').first()
  await expect(board).toBeVisible()
  await page.keyboard.press('r')
  await expect(page.getByTestId('wall-results')).toBeVisible()
  // (no bit of the board shows in the corner the results leave to the watermark)
  await expect(board).toBeHidden()
  await expect(mark).toBeVisible()
  await page.keyboard.press('b')
  await expect(page.getByTestId('wall-results')).toBeHidden()
  await expect(board).toBeVisible()
})

test('Shift+1 on a board with no structure shows every card clear of the toolbar, at 100 % at most', async ({
  page,
  serve,
}) => {
  await open(page, serve, 'Fit content')
  await addCard(page, 'pain', 'Forms are too long')
  await addCard(page, 'idea', 'One short form')
  await fitWithKeys(page)
  const cam = await settledCamera(page)
  expect(cam.z).toBeLessThanOrEqual(1)
  const facts = await layoutFacts(page)
  expect(facts.cardsOnScreen).toBe(2)
  expect(facts.boardUnderControls).toEqual([])
})

test('zoomed out to fit, vote buttons and results cover no card text and stay usable by keyboard', async ({
  page,
  serve,
}) => {
  // as in the rehearsal (screenshots 38 and 53): small cards side by side, the board fitted at 39 %
  await page.setViewportSize({ width: 1920, height: 1080 })
  await open(page, serve, 'Overlays', 'service-journey-map')
  const texts = [
    'Forms only online',
    'The waiting room is too loud',
    'I never know who to ring',
    'Buddy scheme',
  ]
  for (const t of texts) await addCard(page, t === 'Buddy scheme' ? 'idea' : 'pain', t)
  await openRound(page, { question: 'What matters most', dots: 3 })
  await fitWithKeys(page)
  expect((await hook(page, (h) => h.camera())).z).toBeLessThan(0.5)
  const layer = page.getByTestId('facil-votes')
  const add = layer.getByRole('button', { name: /^Add a dot/ })
  await expect(add).toHaveCount(texts.length)
  await expect.poll(async () => (await layoutFacts(page)).overlaysCoveringCardText).toEqual([])
  // a compact button keeps its name and works from the keyboard
  await add.first().focus()
  await page.keyboard.press('Enter')
  await expect(layer.getByRole('button', { name: /^Add a dot \(1 on this card, 2 left/ })).toHaveCount(1)
  await expect(layer.getByRole('button', { name: 'Take a dot off this card' })).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect.poll(async () => (await layoutFacts(page)).overlaysCoveringCardText).toEqual([])

  // the result on the board (the one card with a dot): beside or above it, on no card's words
  await closeRound(page)
  await expect(layer.getByRole('img')).toHaveCount(1)
  await expect.poll(async () => (await layoutFacts(page)).overlaysCoveringCardText).toEqual([])
  // zoomed in, there is room: a full-size result next to its card, still on no text
  await hook(page, (h) => h.setCamera({ ...h.camera(), z: 1 }))
  await expect.poll(async () => (await layoutFacts(page)).overlaysCoveringCardText).toEqual([])
})
