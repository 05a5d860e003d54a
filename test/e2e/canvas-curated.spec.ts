import {
  addCard,
  canvas,
  cardId,
  cards,
  expect,
  hook,
  openBoard,
  stored,
  test,
  watchErrors,
  type ServeHandle,
} from './fixtures'
import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

/**
 * The curated canvas (ADR 0034, issue 14 items 4, 5, 8; issue 17 item 2): the toolbar offers select,
 * move view, link cards and a Card button with the seven kinds; `c` and double-click open the composer
 * for a cell with the kind the lane suggests; nothing that is not workshop data can be made; an arrow
 * is a link with a kind, or it is removed.
 */

const open = async (page: Page, serve: ServeHandle, title: string) => {
  await serve.call('sessions.create', { title, templateId: 'service-journey-map' })
  await openBoard(page, serve.url, title)
  await expect(canvas(page)).toBeVisible()
  await expect(page.getByTestId('status-connection')).toHaveText(/Connected/)
}

/** The client (mouse) point of a page point on the board. */
const screen = (page: Page, p: { x: number; y: number }) => hook(page, (h, a) => h.pageToScreen(a), p)

/** The arrows in the stored document (the last entry of each key wins, as in KeyedRecords). */
const links = async (page: Page) => {
  const recs = ((await stored(page)).tl_records ?? []) as Array<{ key: string; val?: Record<string, any> }>
  const last = new Map(recs.map((e) => [e.key, e.val]))
  return [...last.values()].filter(
    (r): r is Record<string, any> => r?.typeName === 'shape' && r.type === 'arrow',
  )
}

test.describe('the curated canvas', () => {
  test('offers only select, move view, link and card; tldraw menus and non-data tools are gone', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await open(page, serve, 'Curated tools')
    const toolbar = page.getByRole('toolbar', { name: 'Canvas tools' })
    await expect(toolbar.getByRole('button')).toHaveText(['Select', 'Move view', 'Link cards', 'Card'])
    await expect(page.locator('.tlui-page-menu__trigger, .tlui-main-menu, .tlui-style-panel')).toHaveCount(0)
    // the keys of removed tools make nothing (r: rectangle, n: note, d: draw, t: text, f: frame)
    const box = (await canvas(page).boundingBox())!
    for (const key of ['r', 'n', 'd', 't', 'f']) {
      await canvas(page).focus()
      await page.keyboard.press(key)
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 4 })
      await page.mouse.up()
      await page.keyboard.press('Escape')
    }
    await expect.poll(() => hook(page, (h) => h.shapeCount())).toBe(0)
    // the card menu: seven kinds, each with a bundled SVG icon and its label
    await page.getByTestId('tool-card').click()
    const menu = page.getByRole('menu', { name: 'New card of kind' })
    await expect(menu.getByRole('menuitem')).toHaveText([
      /Pain/,
      /Gain/,
      /Contribution/,
      /Idea/,
      /Question/,
      /Action/,
      /Quote/,
    ])
    await expect(menu.locator('svg[data-kind-icon]')).toHaveCount(7)
    await expect(menu.getByRole('menuitem').first()).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter') // Gain
    const composer = page.getByTestId('card-composer')
    await expect(composer).toBeVisible()
    await expect(page.getByTestId('composer-kind-gain')).toBeChecked()
    await expect(page.getByTestId('composer-where')).toContainText('Goes to:')
    await page.keyboard.press('Escape')
    // the "Made with tldraw" mark is still there
    await expect(page.locator('.tl-watermark_SEE-LICENSE')).toBeVisible()
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })

  test('double-click in a cell opens the composer for that cell, with the kind its lane suggests', async ({
    page,
    serve,
  }) => {
    await open(page, serve, 'Double click')
    const s = (await stored(page)).workshop.structure
    // "Finding out" × "What is hard": the lane suggests Pain
    const lane = s.lanes.findIndex((l: { id: string }) => l.id === 'what-is-hard')
    const y =
      s.y + s.headerHeight + s.lanes.slice(0, lane).reduce((n: number, l: any) => n + l.height, 0) + 40
    const x = s.x + s.laneHeaderWidth + 40
    await hook(page, (h, a) => h.centerOn(a), { x: x + 100, y: y + 60 })
    const p = await screen(page, { x, y })
    await page.mouse.dblclick(p.x, p.y)
    await expect(page.getByTestId('card-composer')).toBeVisible()
    await expect(page.getByTestId('composer-kind-pain')).toBeChecked()
    await expect(page.getByTestId('composer-where')).toHaveText(
      `Goes to: ${s.stages[0].label} · ${s.lanes[lane].label}`,
    )
    await page.getByTestId('composer-text').fill('Nobody tells you what happens next')
    await page.keyboard.press('Enter')
    const id = await cardId(page, 'Nobody tells you what happens next')
    const card = (await cards(page)).find((c) => c.id === id)!
    expect(card.kind).toBe('pain')
    // it went to that cell
    const cx = card.x + card.w / 2
    const cy = card.y + card.h / 2
    expect(cx).toBeGreaterThan(s.x + s.laneHeaderWidth)
    expect(cx).toBeLessThan(s.x + s.laneHeaderWidth + s.stages[0].width)
    expect(cy).toBeGreaterThan(y - 40)
    expect(cy).toBeLessThan(y - 40 + s.lanes[lane].height)
  })

  test('pasted text opens the composer with it, for a card (not a loose text shape)', async ({
    page,
    serve,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await open(page, serve, 'Paste')
    await page.evaluate(() => navigator.clipboard.writeText('Pasted from the survey'))
    await canvas(page).focus()
    await page.keyboard.press('Control+v')
    await expect(page.getByTestId('card-composer')).toBeVisible()
    await expect(page.getByTestId('composer-text')).toHaveValue('Pasted from the survey')
    await page.getByTestId('composer-add').click()
    await cardId(page, 'Pasted from the survey')
    await expect.poll(() => hook(page, (h) => h.shapeCount())).toBe(1)
  })

  test('an arrow between two cards is a link with a kind; an arrow to nowhere is removed', async ({
    page,
    serve,
  }) => {
    const errors = watchErrors(page)
    await open(page, serve, 'Links')
    const pain = await addCard(page, 'pain', 'The letter is hard to read')
    const action = await addCard(page, 'action', 'Rewrite the letter with people')
    const all = await cards(page)
    const a = all.find((c) => c.id === action)!
    const p = all.find((c) => c.id === pain)!
    await hook(page, (h, m) => h.centerOn(m), { x: (a.x + p.x) / 2 + 100, y: (a.y + p.y) / 2 + 70 })
    const from = await screen(page, { x: a.x + a.w / 2, y: a.y + a.h / 2 })
    const to = await screen(page, { x: p.x + p.w / 2, y: p.y + p.h / 2 })
    await page.getByTestId('tool-arrow').click()
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 8 })
    await page.mouse.up()
    await expect
      .poll(async () => (await links(page)).map((l) => [l.meta.linkKind, l.props.text]))
      .toEqual([['addresses', 'addresses']])
    // change its kind on the canvas: select the link (click its middle), choose the kind in the toolbar
    await page.getByTestId('tool-select').click()
    await page.mouse.click((from.x + to.x) / 2, (from.y + to.y) / 2)
    await expect(page.getByTestId('link-kind')).toBeVisible()
    await page.getByTestId('link-kind-relates').check()
    await expect.poll(async () => (await links(page))[0]?.meta.linkKind).toBe('relates')

    // an arrow from a card to empty space is not kept
    await page.getByTestId('tool-arrow').click()
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(from.x, from.y - 260, { steps: 8 })
    await page.mouse.up()
    await expect.poll(async () => (await links(page)).length).toBe(1)

    // deleting a card takes its links with it; one undo brings both back
    await page.getByTestId('tool-select').click()
    await page.mouse.click(to.x, to.y)
    await page.keyboard.press('Delete')
    await expect.poll(async () => (await cards(page)).length).toBe(1)
    await expect.poll(async () => (await links(page)).length).toBe(0)
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await cards(page)).length).toBe(2)
    await expect.poll(async () => (await links(page)).length).toBe(1)
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
  })

  test('the outline links two cards, changes the link kind and removes it', async ({ page, serve }) => {
    await open(page, serve, 'Outline links')
    await addCard(page, 'pain', 'Forms are too long')
    await addCard(page, 'action', 'Shorten the form together')
    await page.keyboard.press('Control+Alt+O')
    const outline = page.getByTestId('outline')
    await expect(outline).toBeVisible()
    await outline.getByRole('button', { name: /Link to another card: Action card “Shorten the form/ }).click()
    const form = outline.getByRole('form', { name: 'Link to another card' })
    await form.getByLabel('Card to link to').selectOption({ label: 'Pain: Forms are too long' })
    await expect(form.getByLabel('This card (kind of link)')).toHaveValue('addresses')
    await form.getByRole('button', { name: 'Link' }).click()
    await expect.poll(async () => (await links(page)).map((l) => l.meta.linkKind)).toEqual(['addresses'])
    const kind = outline.getByLabel('Kind of link with Pain: Forms are too long')
    await expect(kind).toHaveValue('addresses')
    await kind.selectOption('relates')
    await expect.poll(async () => (await links(page)).map((l) => l.meta.linkKind)).toEqual(['relates'])
    await outline
      .getByRole('button', { name: 'Remove the link with Pain: Forms are too long' })
      .first()
      .click()
    await expect.poll(async () => (await links(page)).length).toBe(0)
  })

  test('Tab leaves the canvas after the last card, and announcements name no internal keys', async ({
    page,
    serve,
  }) => {
    await open(page, serve, 'Keyboard')
    await addCard(page, 'idea', 'First idea')
    await addCard(page, 'quote', 'A second card')
    await canvas(page).focus()
    await hook(page, () => undefined)
    const seen: string[] = []
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      seen.push(
        await page.evaluate(() => {
          const el = document.activeElement
          return el?.closest('.tl-canvas') || el?.classList.contains('tl-container') ? 'canvas' : 'out'
        }),
      )
    }
    expect(seen).toContain('out')
    const live = await page.locator('[role="status"]').allTextContents()
    expect(live.join(' ')).not.toMatch(/tool\.|a11y\.|shape\./)
  })

  test('themes reach the canvas (tldraw dark mode, card palette) and axe finds nothing serious on it', async ({
    page,
    serve,
  }) => {
    await open(page, serve, 'Themes')
    await addCard(page, 'pain', 'Too many forms')
    await addCard(page, 'contribution', 'I can help with forms')
    const card = page.getByTestId('card-shape').filter({ hasText: 'Too many forms' })
    const found: string[] = []
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
      await expect(page.locator('.tl-container').first()).toHaveClass(
        theme === 'light' ? /tl-theme__light/ : /tl-theme__dark/,
      )
      const bg = await card.evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(bg).toBe(
        { light: 'rgb(255, 214, 214)', dark: 'rgb(107, 36, 36)', 'high-contrast': 'rgb(0, 0, 0)' }[theme],
      )
      await page.getByTestId('tool-card').click()
      await expect(page.getByTestId('card-kind-menu')).toBeVisible()
      const results = await new AxeBuilder({ page }).include('.copro-board').analyze()
      found.push(
        ...results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      )
      await page.keyboard.press('Escape')
    }
    expect(found).toEqual([])
  })
})
