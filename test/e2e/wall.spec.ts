import type { Page } from '@playwright/test'
import type { BoardStructure, GridStructure } from '../../src/shared/model/structure'
import {
  addActivities,
  addCard,
  canvas,
  selectNone,
  closeRound,
  expect,
  hook,
  openBoard,
  openRound,
  test,
  watchErrors,
} from './fixtures'
import { readStructure } from './templateHelpers'
import { cellCards, measureCards, overlaps, waitForFlow, type Seed } from './wallHelpers'

/**
 * The wall (issue 14 items 2, 3): cards readable from the back of the room with the whole structure
 * fitted on a 1920×1080 projector, and wall mode run from the keyboard and from a second window.
 *
 * Card geometry is the product's: cards are seeded at the default size, a few to a cell, and the
 * facilitator's board flows them into the equal slots of their cell (ADR 0030) before anything is
 * measured; their text is what people write on sticky notes (a few words).
 */
test.use({ viewport: { width: 1920, height: 1080 } })

const SHORT = [
  'Long wait',
  'No ramp',
  'Kind staff',
  'Bus late',
  'Lost form',
  'Free tea',
  'Call back',
  'Too loud',
]
const MEDIUM = [
  'Forms are long',
  'Nobody calls back',
  'Staff know us',
  'Bus is late',
  'Quiet room helps',
  'Letters confuse me',
]

function grid(s: BoardStructure): GridStructure {
  if (s.type !== 'grid') throw new Error('the Service Journey Map is a grid')
  return s
}

/** Nothing of ours covers tldraw's watermark (its centre hits the watermark itself). */
async function watermarkUncovered(page: Page): Promise<boolean> {
  const wm = page.locator('.tl-watermark_SEE-LICENSE').first()
  await expect(wm).toBeVisible()
  const b = (await wm.boundingBox())!
  return page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.tl-watermark_SEE-LICENSE') !== null,
    [b.x + b.width / 2, b.y + b.height / 2],
  )
}

async function seedJourneyMap(
  page: Page,
  serve: { url: string; call: (m: string, a?: unknown) => Promise<unknown> },
  title: string,
) {
  await serve.call('sessions.create', { title, templateId: 'service-journey-map' })
  await openBoard(page, serve.url, title)
  return grid(await readStructure(page))
}

async function enterWall(page: Page): Promise<void> {
  await page.getByTestId('status-connection').click()
  await page.keyboard.press('F5')
  await expect(page.getByTestId('wall')).toBeVisible()
  await expect(page.locator('.side-bar')).toBeHidden()
  await expect(page.locator('.tlui-layout')).toBeHidden()
}

test.describe('readable at a distance (1920×1080, whole structure fitted on the wall)', () => {
  test('Service Journey Map, 6 cards in each of 10 cells: every card’s text ≥ 16 px on screen, no overlap', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    const g = await seedJourneyMap(page, serve, 'Readable wall')
    const seeds: Seed[] = []
    for (let i = 0; i < 5; i++) for (let j = 0; j < 2; j++) seeds.push(...cellCards(g, i, j, 6, 3, SHORT))
    expect(seeds).toHaveLength(60)
    await hook(page, (h, s) => h.seedCards(s), seeds)
    await expect(page.locator('.tl-shapes .copro-card')).toHaveCount(60)
    await waitForFlow(page)

    await enterWall(page)
    // the whole structure is in view
    const view = await hook(page, (h) => h.viewport())
    expect(view.x).toBeLessThanOrEqual(g.x)
    expect(view.y).toBeLessThanOrEqual(g.y)
    expect(view.x + view.w).toBeGreaterThanOrEqual(g.x + g.laneHeaderWidth + 5 * g.stages[0]!.width)
    expect(view.y + view.h).toBeGreaterThanOrEqual(
      g.y + g.headerHeight + g.lanes.reduce((a, l) => a + l.height, 0),
    )

    const { z, drawn } = await measureCards(page)
    expect(drawn).toHaveLength(60)
    for (const c of drawn) {
      expect(c.shown, c.text).toBe(true)
      expect(c.fontSize * z, `${c.text}: ${c.fontSize} px × ${z}`).toBeGreaterThanOrEqual(16)
      expect(c.minLine, c.text).toBeGreaterThanOrEqual(16)
      expect(c.clipped || c.more, c.text).toBe(false)
      expect(c.inChrome, c.text).toBe(true)
    }
    console.log(`smallest text on the wall: ${Math.min(...drawn.map((c) => c.fontSize * z)).toFixed(2)} px`)
    expect(overlaps(drawn.map((c) => c.box))).toBe(0)
    expect(await watermarkUncovered(page)).toBe(true)
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })

  test('a 150-card board: every card’s text ≥ 12 px on screen; far zoom keeps text while ≥ 9 px', async ({
    page,
    serve,
  }) => {
    const g = await seedJourneyMap(page, serve, 'Busy wall')
    const seeds: Seed[] = []
    for (let i = 0; i < 5; i++) for (let j = 0; j < 6; j++) seeds.push(...cellCards(g, i, j, 5, 3, MEDIUM))
    expect(seeds).toHaveLength(150)
    await hook(page, (h, s) => h.seedCards(s), seeds)
    await expect(page.locator('.tl-shapes .copro-card')).toHaveCount(150)
    await waitForFlow(page)
    await enterWall(page)
    const { z, drawn } = await measureCards(page)
    expect(drawn).toHaveLength(150)
    for (const c of drawn) {
      expect(c.shown, c.text).toBe(true)
      expect(c.fontSize * z, `${c.text}: ${c.fontSize} px × ${z}`).toBeGreaterThanOrEqual(12)
      expect(c.clipped || c.more, c.text).toBe(false)
      expect(c.inChrome, c.text).toBe(true)
    }
    console.log(`smallest text on the wall: ${Math.min(...drawn.map((c) => c.fontSize * z)).toFixed(2)} px`)
    expect(overlaps(drawn.map((c) => c.box))).toBe(0)

    // zoomed further out by hand: a card's text shows exactly while it is ≥ 9 px on screen
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('wall')).toBeHidden()
    for (const zoom of [0.3, 0.2]) {
      await hook(page, (h, z) => h.setCamera({ x: 0, y: 0, z }), zoom)
      await expect
        .poll(async () => {
          const m = await measureCards(page)
          return m.drawn.every((c) => c.shown === c.fontSize * m.z >= 9)
        })
        .toBe(true)
    }
    // at 20 % nothing is readable: every card shows its kind, large
    const far = await measureCards(page)
    expect(far.drawn.every((c) => !c.shown)).toBe(true)
  })

  test('a long text is never cut silently: ellipsis, a “more” mark, the full text on hover and on focus', async ({
    page,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Long text' })
    await openBoard(page, serve.url, 'Long text')
    const long =
      'The letter said to ring the office between nine and ten, but the line was always busy, so by the time ' +
      'anyone answered the appointment had gone to someone else and we had to start again from the beginning.'
    const id = await addCard(page, 'pain', long)
    await selectNone(page)
    const card = page.locator('.tl-shapes .copro-card').filter({ hasText: 'The letter said' })
    await expect(card.getByTestId('card-more')).toBeVisible()
    await expect(card).toHaveAttribute('title', long)
    // cut after the lines that fit (the line clamp draws the ellipsis)
    const cut = await card.locator('.copro-card__text').evaluate((el) => ({
      clamp: getComputedStyle(el).webkitLineClamp,
      overflowing: el.scrollHeight > el.clientHeight,
    }))
    expect(Number(cut.clamp)).toBeGreaterThan(0)
    expect(cut.overflowing).toBe(true)
    // focus (selected with Tab): the whole text scrolls in the card, the mark goes
    await canvas(page).focus()
    await page.keyboard.press('Tab')
    await expect.poll(() => hook(page, (h) => h.selection())).toEqual([id])
    await expect(card).toHaveAttribute('data-focused', 'true')
    await expect(card.getByTestId('card-more')).toBeHidden()
    const scroll = await card.locator('.copro-card__text').evaluate((el) => ({
      overflow: getComputedStyle(el).overflowY,
      clamp: getComputedStyle(el).webkitLineClamp,
    }))
    expect(scroll.overflow).toBe('auto')
  })
})

test.describe('wall mode', () => {
  test('F5: the board fitted beside the activity, its prompt and a large timer; run from the keyboard; results when a round closes', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Wall run', templateId: 'service-journey-map' })
    await openBoard(page, serve.url, 'Wall run')
    await addCard(page, 'idea', 'Home visits')
    await addCard(page, 'idea', 'Easier forms')
    await addActivities(page, [
      { title: 'Map the journey', minutes: 10, instructions: 'What happens at each step?' },
      {
        title: 'Vote on ideas',
        minutes: 5,
        instructions: 'Two dots each',
        contentNote: 'We talk about debt.',
      },
    ])
    await enterWall(page)
    const wall = page.getByTestId('wall')
    await expect(wall.getByTestId('wall-title')).toHaveText('Map the journey')
    await expect(wall.getByTestId('wall-prompt')).toHaveText('What happens at each step?')
    const timer = wall.getByTestId('wall-timer')
    await expect(timer).toHaveText('10:00')
    const tb = (await timer.boundingBox())!
    expect(tb.height).toBeGreaterThanOrEqual(0.06 * 1080)
    expect(await watermarkUncovered(page)).toBe(true)

    // Space starts the timer, Space again pauses it
    await page.keyboard.press('Space')
    await expect(timer).toHaveAttribute('data-status', 'running')
    await page.keyboard.press('Space')
    await expect(timer).toHaveAttribute('data-status', 'paused')
    // → next activity: title, prompt and content note follow
    await page.keyboard.press('ArrowRight')
    await expect(wall.getByTestId('wall-title')).toHaveText('Vote on ideas')
    await expect(wall.getByTestId('wall-content-note')).toContainText('We talk about debt.')

    // R: the results of the last closed round (ranked cards, role-split bars); B: back to the board
    await page.keyboard.press('Escape')
    await expect(wall).toBeHidden()
    await openRound(page, { kinds: ['Idea'], dots: 2 })
    const view = page.getByTestId('facilitation-view')
    await view.getByRole('button', { name: /^Add a dot to Idea: Easier forms/ }).click()
    await view.getByRole('button', { name: /^Add a dot to Idea: Easier forms/ }).click()
    await closeRound(page)
    await enterWall(page)
    await page.keyboard.press('r')
    const results = page.getByTestId('wall-results')
    await expect(results).toBeVisible()
    await expect(results.getByTestId('wall-result').first()).toContainText('Easier forms')
    await expect(results.getByTestId('wall-result-total').first()).toHaveText('2')
    await expect(results.locator('.wall-bar__part')).toContainText(['Facilitator 2'])
    expect(await watermarkUncovered(page)).toBe(true)
    // B: back to the board; R: the results again; Esc leaves
    await page.keyboard.press('b')
    await expect(results).toBeHidden()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('wall')).toBeHidden()
    await expect(page.locator('.side-bar')).toBeVisible()

    // an activity of the template targets a lane: the wall fits that row; S shows the whole structure
    const g = await readStructure(page)
    if (g.type !== 'grid') throw new Error('grid expected')
    const lane = g.lanes.find((l) => l.id === 'what-happens')!
    const laneTop = g.y + g.headerHeight
    await page
      .getByTestId('facilitation-view')
      .getByRole('button', { name: 'Go to Walk through the journey' })
      .click()
    await enterWall(page)
    await expect(wall.getByTestId('wall-title')).toHaveText('Walk through the journey')
    const inView = () => hook(page, (h) => h.viewport())
    const width = g.laneHeaderWidth + g.stages.reduce((a, st) => a + st.width, 0)
    const height = g.headerHeight + g.lanes.reduce((a, l) => a + l.height, 0)
    // the whole row is in view, left to right
    await expect
      .poll(async () => {
        const v = await inView()
        return v.x <= g.x && v.x + v.w >= g.x + width && v.y <= laneTop && v.y + v.h >= laneTop + lane.height
      })
      .toBe(true)
    const rowZoom = await hook(page, (h) => h.camera().z)
    await page.keyboard.press('s')
    await expect
      .poll(async () => {
        const v = await inView()
        return v.y <= g.y && v.y + v.h >= g.y + height && v.x <= g.x && v.x + v.w >= g.x + width
      })
      .toBe(true)
    // the row was shown larger than the whole structure
    expect(rowZoom).toBeGreaterThan(1.2 * (await hook(page, (h) => h.camera().z)))
    await page.keyboard.press('Escape')
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })

  test('a second window shows the wall; the laptop keeps its controls and drives it', async ({
    page,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Two screens', templateId: 'service-journey-map' })
    await openBoard(page, serve.url, 'Two screens')
    await addCard(page, 'idea', 'Buddy scheme')
    await addActivities(page, [{ title: 'Warm up', minutes: 3, instructions: 'Say hello' }])
    await openRound(page, { kinds: ['Idea'], dots: 1 })
    await page
      .getByTestId('facilitation-view')
      .getByRole('button', { name: /^Add a dot to Idea: Buddy scheme/ })
      .click()
    await page.getByTestId('status-connection').click()
    const [wallPage] = await Promise.all([
      page.context().waitForEvent('page'),
      page.keyboard.press('Shift+F5'),
    ])
    await expect(wallPage.getByTestId('wall')).toBeVisible({ timeout: 30_000 })
    await expect(wallPage.getByTestId('wall-title')).toHaveText('Warm up')
    expect(new URL(wallPage.url()).searchParams.get('token')).toBeNull()
    // the laptop still shows the workbench with its controls
    await expect(page.getByTestId('wall')).toBeHidden()
    await expect(page.locator('.side-bar')).toBeVisible()
    // the laptop starts the timer from the Facilitation view: the wall follows (through the relay)
    await page
      .getByTestId('facilitation-view')
      .getByRole('button', { name: /^Start/ })
      .first()
      .click()
    await expect(wallPage.getByTestId('wall-timer')).toHaveAttribute('data-status', 'running')
    // the laptop closes the round: the wall shows the results at once
    await closeRound(page)
    const results = wallPage.getByTestId('wall-results')
    await expect(results.getByTestId('wall-result').first()).toContainText('Buddy scheme')
    // the laptop sends the wall back to the board, and to the results again, from its palette
    await page.keyboard.press('Control+Shift+P')
    await page.getByRole('combobox', { name: 'Type a command' }).fill('Wall: back to the board')
    await page.keyboard.press('Enter')
    await expect(results).toBeHidden()
    await page.keyboard.press('Control+Shift+P')
    await page.getByRole('combobox', { name: 'Type a command' }).fill('Wall: show the voting results')
    await page.keyboard.press('Enter')
    await expect(results).toBeVisible()
    expect(await watermarkUncovered(wallPage)).toBe(true)
    // the wall window is a screen, not one more facilitator: the laptop counts nobody else…
    await expect(page.getByTestId('status-participants')).toHaveText('Only you here')
    // …until it leaves wall mode and is an ordinary window of the facilitator again
    await wallPage.keyboard.press('Escape')
    await expect(wallPage.getByTestId('wall')).toBeHidden()
    await expect(page.getByTestId('status-participants')).toHaveText('You and 1 other')
    await wallPage.close()
  })
})
