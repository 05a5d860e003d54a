import type { Page } from '@playwright/test'
import {
  addCard,
  cards,
  clickSession,
  dragCardTo,
  expect,
  hook,
  openBoard,
  openPerson as newPerson,
  selectCard,
  stored,
  storedCards,
  test,
  watchErrors,
} from './fixtures'

/** The outline view and the canvas stay in sync both ways, through the real `copro serve`. */

/** Every card on the canvas as { id, text, kind, x, y }. */
const canvasCards = async (page: Page) =>
  (await cards(page)).map((c) => ({ id: c.id, text: c.text, kind: c.kind, x: c.x, y: c.y }))

const structureOf = async (page: Page) => (await stored(page)).workshop.structure

/** The cell a card is in, by the shared attribution rule, computed from the stored structure. */
async function cellOf(page: Page, text: string): Promise<string | null> {
  const s = (await cards(page)).find((c) => c.text === text)
  if (!s) return null
  const st = await structureOf(page)
  const cx = s.x + s.w / 2
  const cy = s.y + s.h / 2
  let x = st.x + st.laneHeaderWidth
  let stage = null
  for (const g of st.stages) {
    if (cx >= x && cx < x + g.width) stage = g.id
    x += g.width
  }
  let y = st.y + st.headerHeight
  let lane = null
  for (const l of st.lanes) {
    if (cy >= y && cy < y + l.height) lane = l.id
    y += l.height
  }
  return stage && lane ? `cell:${stage}/${lane}` : 'unplaced'
}

/** Drags the card so its top-left corner is at (x, y) on the page. */
async function dragCardTopLeft(page: Page, text: string, x: number, y: number): Promise<void> {
  const c = (await cards(page)).find((c) => c.text === text)!
  await dragCardTo(page, c.id, x + c.w / 2, y + c.h / 2)
}

test.describe('outline view', () => {
  test('cards added, edited, moved and deleted in the outline change the canvas, and back', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await serve.call('sessions.create', { title: 'Outline sync', templateId: 'service-journey-map' })
    await openBoard(page, serve.url, 'Outline sync')

    // canvas → outline: a card placed in a cell on the canvas appears in that cell of the table
    const st = await structureOf(page)
    const sx = st.x + st.laneHeaderWidth + st.stages[0].width + 20 // stage 2
    const sy = st.y + st.headerHeight + st.lanes[0].height + st.lanes[1].height + 20 // lane 3
    await addCard(page, 'pain', 'Forms are too long')
    await dragCardTopLeft(page, 'Forms are too long', sx, sy)
    await page.keyboard.press('Control+Alt+O')
    const outline = page.getByTestId('outline')
    await expect(outline).toBeVisible()
    await expect(page.getByRole('tab', { name: /Outline: Outline sync/ })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    const table = outline.getByRole('table')
    await expect(table.getByRole('columnheader', { name: /Getting in touch/ })).toBeVisible()
    await expect(table.getByRole('rowheader', { name: /What is hard/ })).toBeVisible()
    const cellB = outline.locator('[data-cell="cell:getting-in-touch/what-is-hard"]')
    await expect(cellB.getByText('Forms are too long')).toBeVisible()
    await expect(cellB.locator('.outline-card')).toContainText('Pain')

    // outline → canvas: add into a chosen cell
    const add = outline.getByTestId('outline-add')
    await add.getByLabel('Kind').selectOption('idea')
    await add.getByLabel('Where').selectOption('cell:first-meeting/ideas')
    await add.getByLabel('Text').fill('A text message reminder')
    await add.getByRole('button', { name: 'Add card' }).click()
    await expect(
      outline.locator('[data-cell="cell:first-meeting/ideas"]').getByText('A text message reminder'),
    ).toBeVisible()
    await expect.poll(() => cellOf(page, 'A text message reminder')).toBe('cell:first-meeting/ideas')
    expect((await canvasCards(page)).find((c) => c.text === 'A text message reminder')?.kind).toBe('idea')

    // edit in the outline → the canvas card changes
    const card = outline.locator('.outline-card', { hasText: 'A text message reminder' })
    await card.getByRole('button', { name: /^Edit/ }).click()
    await card.getByLabel('Text').fill('A text reminder the day before')
    await card.getByLabel('Kind').selectOption('action')
    await card.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(
        async () => (await canvasCards(page)).find((c) => c.text === 'A text reminder the day before')?.kind,
      )
      .toBe('action')
    // focus returns to the card's Edit button
    await expect(
      outline
        .locator('.outline-card', { hasText: 'A text reminder the day before' })
        .getByRole('button', { name: /^Edit/ }),
    ).toBeFocused()

    // move in the outline → the canvas card moves to a free spot in that cell
    const edited = outline.locator('.outline-card', { hasText: 'A text reminder the day before' })
    await edited.getByRole('button', { name: /^Move/ }).click()
    await edited.getByLabel('Move to').selectOption('cell:getting-in-touch/what-is-hard')
    await edited.getByRole('button', { name: 'Move', exact: true }).click()
    await expect
      .poll(() => cellOf(page, 'A text reminder the day before'))
      .toBe('cell:getting-in-touch/what-is-hard')
    await expect(cellB.locator('.outline-card')).toHaveCount(2)
    const [a, b] = (await canvasCards(page)).filter((c) => c.text !== '')
    // the moved card does not cover the card already there
    expect(Math.abs(a!.x - b!.x) >= 200 || Math.abs(a!.y - b!.y) >= 140).toBe(true)

    // move on the canvas → the outline follows
    const boardTab = page.getByRole('tab', { name: 'Outline sync', exact: true })
    const outlineTab = page.getByRole('tab', { name: /Outline: Outline sync/ })
    await boardTab.click()
    await dragCardTopLeft(
      page,
      'Forms are too long',
      st.x + st.laneHeaderWidth + 20,
      st.y + st.headerHeight + 20,
    )
    await outlineTab.click()
    await expect(
      outline.locator('[data-cell="cell:finding-out/what-happens"]').getByText('Forms are too long'),
    ).toBeVisible()
    await expect(cellB.getByText('Forms are too long')).toHaveCount(0)

    // edit on the canvas → the outline follows (first scroll the card into view, as a person would:
    // the drag above left the camera wherever it needed to show both ends of the move)
    await boardTab.click()
    // the board measures its canvas again once its tab is shown (a hidden tab has no size)
    const canvasBox = (await page.locator('[role="tabpanel"]:not([hidden]) .tl-container').boundingBox())!
    await expect
      .poll(() => hook(page, (h) => h.viewportScreen()))
      .toEqual({ w: Math.round(canvasBox.width), h: Math.round(canvasBox.height) })
    const forms = (await cards(page)).find((c) => c.text === 'Forms are too long')!
    await hook(page, (h, c) => h.centerOn({ x: c.x + c.w / 2, y: c.y + c.h / 2 }), forms)
    await page.getByTestId('card-shape').filter({ hasText: 'Forms are too long' }).dblclick()
    await expect(page.locator('.copro-card[data-editing] textarea')).toBeFocused()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('Forms are far too long')
    await page.keyboard.press('Escape')
    await expect.poll(() => hook(page, (h) => h.editing())).toBeNull()
    await outlineTab.click()
    await expect(outline.getByText('Forms are far too long')).toBeVisible()

    // delete in the outline → gone from the canvas; undo brings it back
    const del = outline.locator('.outline-card', { hasText: 'Forms are far too long' })
    await del.getByRole('button', { name: /^Delete/ }).click()
    await del.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect
      .poll(async () => (await canvasCards(page)).map((c) => c.text))
      .not.toContain('Forms are far too long')
    // gone from the board's cells; the outline lists it under "Recently deleted" until it comes back
    const trash = outline.getByTestId('outline-trash')
    await expect(table.getByText('Forms are far too long')).toHaveCount(0)
    await expect(trash.getByRole('button', { name: 'Restore Forms are far too long' })).toBeVisible()
    await outline.getByRole('button', { name: 'Undo' }).click()
    await expect(table.getByText('Forms are far too long')).toBeVisible()
    await expect(trash.getByRole('button', { name: 'Restore Forms are far too long' })).toHaveCount(0)

    // delete on the canvas → gone from the outline's cells
    await boardTab.click()
    await selectCard(page, 'Forms are far too long')
    await page.keyboard.press('Delete')
    await outlineTab.click()
    await expect(table.getByText('Forms are far too long')).toHaveCount(0)
    await expect(trash.getByRole('button', { name: 'Restore Forms are far too long' })).toBeVisible()

    // the document has what the outline shows (the canvas synced it)
    const inDoc = (await storedCards(page)).map((r) => r.props.text)
    expect(inDoc).toEqual(['A text reminder the day before'])

    // "Show on canvas" switches to the board and selects the card there
    await outline
      .locator('.outline-card', { hasText: 'A text reminder the day before' })
      .getByRole('button', { name: /^Show on canvas/ })
      .click()
    await expect(page.getByRole('tab', { name: 'Outline sync', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await expect
      .poll(async () => {
        const selected = await hook(page, (h) => h.selection())
        return (await cards(page)).filter((c) => selected.includes(c.id)).map((c) => c.text)
      })
      .toEqual(['A text reminder the day before'])
    expect(errors).toEqual([])
  })

  test('easy read shows the easy-read prompts', async ({ page, serve }) => {
    await serve.call('sessions.create', { title: 'Easy read', templateId: 'service-journey-map' })
    await openBoard(page, serve.url, 'Easy read')
    const easy = (await structureOf(page)).stages[0].easyRead as string
    const standard = (await structureOf(page)).stages[0].prompt as string
    await page.keyboard.press('Control+Alt+O')
    const head = page.getByTestId('outline').getByRole('columnheader').first()
    await expect(head).toContainText(standard)
    await page.getByTestId('outline').getByRole('checkbox', { name: 'Easy read' }).check()
    await expect(head).toContainText(easy)
    await page.reload()
    await clickSession(page, 'Easy read')
    await page.keyboard.press('Control+Alt+O')
    await expect(page.getByTestId('outline').getByRole('columnheader').first()).toContainText(easy)
  })

  test('two people: new cards in my cell are announced (throttled), and calm mode hides their cursor', async ({
    browser,
    serve,
  }) => {
    await serve.call('sessions.create', { title: 'Two outlines', templateId: 'service-journey-map' })
    const a = await newPerson(browser, serve.url, 'Two outlines')
    const b = await newPerson(browser, serve.url, 'Two outlines')

    // A works in the outline, in the cell "Finding out / What happens"
    await a.keyboard.press('Control+Alt+O')
    const here = a.getByTestId('outline').locator('[data-cell="cell:finding-out/what-happens"]')
    await here.getByRole('button', { name: /^Add a card here/ }).focus()

    // B adds two cards there and one elsewhere from B's outline, while offline so that they reach A
    // together (as quick adds would)
    await b.keyboard.press('Control+Alt+O')
    await hook(b, (h) => h.setOnline(false))
    await expect.poll(() => hook(b, (h) => h.status().connection)).toBe('offline')
    const addB = b.getByTestId('outline').getByTestId('outline-add')
    for (const [kind, where, text] of [
      ['pain', 'cell:finding-out/what-happens', 'Nobody told me about it'],
      ['gain', 'cell:finding-out/what-happens', 'A friend told me'],
      ['idea', 'cell:moving-on/ideas', 'Elsewhere'],
    ] as const) {
      await addB.getByLabel('Kind').selectOption(kind)
      await addB.getByLabel('Where').selectOption(where)
      await addB.getByLabel('Text').fill(text)
      await addB.getByRole('button', { name: 'Add card' }).click()
      await expect(b.getByTestId('outline').getByText(text)).toBeVisible()
    }
    await hook(b, (h) => h.setOnline(true))
    await expect(here.getByText('A friend told me')).toBeVisible()
    await expect(a.getByTestId('announcer')).toHaveText('2 new cards in Finding out · What happens')
    // B's card shows its author's role in A's outline
    await expect(here.locator('.outline-card', { hasText: 'A friend told me' })).toContainText('Facilitator')

    // calm mode: B's cursor is hidden on A's canvas
    await a.getByRole('tab', { name: 'Two outlines', exact: true }).click()
    await b.getByRole('tab', { name: 'Two outlines', exact: true }).click()
    const box = (await b.locator('.tl-container').boundingBox())!
    await b.mouse.move(box.x + 300, box.y + 300)
    await b.mouse.move(box.x + 340, box.y + 320, { steps: 4 })
    const cursor = a.locator('.tl-collaborator__cursor').first()
    await expect(cursor).toBeVisible()
    await a.keyboard.press('Control+Shift+P')
    await a.keyboard.type('calm mode')
    await a.keyboard.press('Enter')
    await expect(a.locator('html')).toHaveAttribute('data-a11y-calm', 'on')
    await expect(cursor).toBeHidden()
  })
})
