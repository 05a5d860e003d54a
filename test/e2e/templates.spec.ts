import AxeBuilder from '@axe-core/playwright'
import { canvas, expect, hook, selectNone, stored, test, watchErrors } from './fixtures'
import type { CellRef } from '../../src/shared/model/structure'
import { attributeCard, cellRect } from '../../src/core/common/structure/attribution'
import { instantiateTemplate, structureOrigin, validateTemplate } from '../../src/core/common/templates'
import {
  activeLayer,
  addCardAt,
  cardBoxes,
  type CardBox,
  closeActiveTab,
  labelsOf,
  type ListedTemplate,
  openSession,
  readStructure,
  shippedTemplates,
  targetCell,
} from './templateHelpers'

test.describe('workshop templates in the workbench', () => {
  // Every shipped template, in two halves so each test stays short.
  for (const half of [0, 1] as const)
    test(`every shipped template instantiates (half ${half + 1} of 2): its structure is drawn, locked, and a card at a cell centre is attributed to that cell`, async ({
      page,
      serve,
    }) => {
      test.setTimeout(120_000)
      const errors = watchErrors(page)
      const all = await shippedTemplates(serve)
      expect(all.length).toBeGreaterThanOrEqual(11)
      const middle = Math.ceil(all.length / 2)
      const shipped = half === 0 ? all.slice(0, middle) : all.slice(middle)
      await page.goto(serve.url)
      for (const [i, entry] of shipped.entries()) {
        const title = `Shipped ${half}.${i + 1} ${entry.template.name}`
        await serve.call('sessions.create', { title, templateId: entry.template.id })
        await openSession(page, title)
        const structure = await readStructure(page)
        const layer = activeLayer(page)
        await expect(layer).toHaveAttribute('data-structure-type', structure.type)
        for (const item of labelsOf(structure)) {
          await expect(layer.locator(`[data-structure-id="${item.id}"] .copro-structure__label`)).toHaveText(
            item.label,
          )
        }
        const target = targetCell(structure)
        const r = cellRect(structure, target)!
        const card = await addCardAt(page, r.x + r.w / 2, r.y + r.h / 2, `Card in ${entry.template.id}`)
        expect(attributeCard(structure, card), entry.template.id).toEqual(target)

        if (i === 0 && half === 0) {
          // The structure is not a shape: clicking a header selects nothing, Delete removes nothing.
          await selectNone(page)
          const header = layer.locator('[data-structure-role]').first()
          const box = (await header.boundingBox())!
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
          expect(await hook(page, (h) => h.selection())).toEqual([])
          // Select everything and delete it: the cards go, the structure stays.
          await page.keyboard.press('Control+a')
          await page.keyboard.press('Delete')
          await expect.poll(() => hook(page, (h) => h.shapeCount())).toBe(0)
          await expect(layer).toBeVisible()
          expect(await readStructure(page)).toEqual(structure)
        }
        await closeActiveTab(page)
      }
      expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([])
    })

  test('the gallery is usable by keyboard and axe finds no serious or critical problems', async ({
    page,
    serve,
  }) => {
    const shipped = await shippedTemplates(serve)
    await page.goto(serve.url)
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    const gallery = page.getByTestId('template-gallery')
    await expect(gallery.getByRole('listitem')).toHaveCount(shipped.length)
    await expect(
      gallery.locator('[data-template-id="service-journey-map"]').getByRole('img', {
        name: /^Layout: \d+ stages by \d+ lanes$/,
      }),
    ).toBeVisible()
    await expect(gallery.getByRole('img', { name: /^Layout: \d+ zones$/ }).first()).toBeVisible()
    await expect(gallery.getByRole('heading', { level: 4, name: 'Service Journey Map' })).toBeVisible()

    for (const theme of ['light', 'dark', 'high-contrast']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme)
      const axe = await new AxeBuilder({ page }).include('[data-testid="templates-view"]').analyze()
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(serious.map((v) => `${theme}: ${v.id}: ${v.help}`)).toEqual([])
    }

    // Tab from the import button reaches the new session's language, then the first template; arrow
    // keys move between templates.
    await page.getByRole('button', { name: 'Import template file…' }).focus()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('template-session-language')).toBeFocused()
    await page.keyboard.press('Tab')
    const first = shipped[0]!.template
    const second = shipped[1]!.template
    await expect(page.getByRole('button', { name: `Use this template: ${first.name}` })).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(page.getByRole('button', { name: `Use this template: ${second.name}` })).toBeFocused()
    await page.keyboard.press('End')
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(page.locator('.tab.active')).toContainText(second.name)
    await expect(activeLayer(page)).toBeVisible()
    await expect.poll(async () => (await stored(page)).meta?.templateId).toBe(second.id)
  })

  test('a hostile template file is refused with its problems listed (file, JSON path, message)', async ({
    page,
    serve,
  }) => {
    await page.goto(serve.url)
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    await page.getByTestId('template-import-input').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        '{"formatVersion":1,"id":"Bad Id","name":"<img src=x onerror=alert(1)>","__proto__":{"x":1}}',
      ),
    })
    const problems = page.getByTestId('template-import-problems')
    await expect(problems).toContainText('bad.json')
    await expect(problems.locator('li').first()).toContainText('$')
    await expect(page.locator('img[src="x"]')).toHaveCount(0)

    // A valid file is kept as a custom template and appears in the gallery.
    const shipped = await shippedTemplates(serve)
    const copy = { ...(shipped[0]!.template as object), id: 'imported-copy', name: 'Imported copy' }
    await page.getByTestId('template-import-input').setInputFiles({
      name: 'imported-copy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(copy, null, 2)),
    })
    await expect(
      page.getByTestId('template-gallery').locator('[data-template-id="imported-copy"]'),
    ).toContainText('Your template')
    await expect(problems).toHaveCount(0)
  })

  test('adding a stage before an existing one keeps cards in their cells; saving the structure as a template reproduces it', async ({
    page,
    serve,
  }) => {
    const title = 'Structure edit check'
    await serve.call('sessions.create', { title, templateId: 'service-journey-map' })
    await page.goto(serve.url)
    await openSession(page, title)
    const before = await readStructure(page)
    if (before.type !== 'grid') throw new Error('expected a grid')

    const cells: CellRef[] = [
      { type: 'cell', stageId: before.stages[0]!.id, laneId: before.lanes[0]!.id },
      { type: 'cell', stageId: before.stages[1]!.id, laneId: before.lanes[2]!.id },
      { type: 'cell', stageId: before.stages[before.stages.length - 1]!.id, laneId: before.lanes[1]!.id },
    ]
    const ids: string[] = []
    for (const [i, ref] of cells.entries()) {
      const r = cellRect(before, ref)!
      ids.push((await addCardAt(page, r.x + r.w / 2, r.y + r.h / 2, `Card ${i}`)).id)
    }
    const cardsBefore = await cardBoxes(page, ids)
    expect(cardsBefore.map((c) => attributeCard(before, c))).toEqual(cells)

    // The facilitator adds a stage before the first one from the Templates view, by keyboard.
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    await page.getByTestId('structure-add-stage').click()
    await page.getByLabel('Name of the stage').fill('Before we start')
    await page.getByLabel('Prompt (what we ask people)').fill('What happened before you came?')
    await page.getByLabel('Where').selectOption({ label: `Before “${before.stages[0]!.label}”` })
    await page.getByLabel('Name of the stage').press('Enter')

    const layer = activeLayer(page)
    await expect(layer.locator('[data-structure-id="before-we-start"]')).toContainText('Before we start')
    const after = await readStructure(page)
    if (after.type !== 'grid') throw new Error('expected a grid')
    expect(after.stages.map((s) => s.id)).toEqual(['before-we-start', ...before.stages.map((s) => s.id)])
    await expect
      .poll(async () => (await cardBoxes(page, ids)).map((c) => attributeCard(after, c)))
      .toEqual(cells)
    const cardsAfter = await cardBoxes(page, ids)
    expect(cardsAfter[0]!.x).toBeGreaterThan(cardsBefore[0]!.x) // they really moved right

    // Move the new stage down and back: attribution still holds.
    await page.getByRole('button', { name: 'Move down: Before we start' }).click()
    await expect.poll(async () => ((await readStructure(page)) as any).stages[1].id).toBe('before-we-start')
    const moved = await readStructure(page)
    expect((await cardBoxes(page, ids)).map((c) => attributeCard(moved, c))).toEqual(cells)

    // Save board structure as template, then instantiate it again.
    await page.getByText('Save board structure as template').click()
    const form = page.getByTestId('save-structure-form')
    await form.getByLabel('Template name').fill('My journey')
    await expect(form.getByLabel('Template id')).toHaveValue('my-journey')
    await form.getByLabel('What it is for (plain words)').fill('Our journey map with a stage for before.')
    await form.getByRole('button', { name: 'Save as template' }).click()
    await expect(
      page.getByTestId('template-gallery').locator('[data-template-id="my-journey"]'),
    ).toBeVisible()

    const list = await serve.call<{ templates: ListedTemplate[] }>('templates.list')
    const saved = list.templates.find((t) => t.template.id === 'my-journey')!
    const valid = validateTemplate(saved.template)
    if (!valid.ok) throw new Error(JSON.stringify(valid.problems))
    expect(instantiateTemplate(valid.template, { origin: structureOrigin(moved) }).structure).toEqual(moved)

    // And through the gallery: a new session from it draws the same structure.
    await page.getByRole('button', { name: 'Use this template: My journey' }).click()
    await expect(page.locator('.tab.active')).toContainText('My journey')
    await expect(activeLayer(page).locator('[data-structure-id="before-we-start"]')).toBeVisible()
    expect(await readStructure(page)).toEqual(moved)
  })

  test('rename, remove and easy-read from the Board structure section, by keyboard', async ({
    page,
    serve,
  }) => {
    const title = 'Rename remove check'
    await serve.call('sessions.create', { title, templateId: 'service-journey-map' })
    await page.goto(serve.url)
    await openSession(page, title)
    const s0 = await readStructure(page)
    if (s0.type !== 'grid') throw new Error('expected a grid')
    const [stageA, stageB] = [s0.stages[0]!, s0.stages[1]!]
    const lane = s0.lanes[0]!
    const rB = cellRect(s0, { type: 'cell', stageId: stageB.id, laneId: lane.id })!
    const rA = cellRect(s0, { type: 'cell', stageId: stageA.id, laneId: lane.id })!
    const firstB = await addCardAt(page, rB.x + rB.w / 2, rB.y + rB.h / 2, 'In stage B')
    const inA = await addCardAt(page, rA.x + rA.w / 2, rA.y + rA.h / 2, 'In stage A')
    // the second card is written in the cell under the pointer (stage B) before it is dragged to A,
    // so stage B's card shrank to share its cell for a moment (the card flow, ADR 0030)
    const [inB] = (await cardBoxes(page, [firstB.id])) as [CardBox]
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    const layer = activeLayer(page)

    // Rename: Edit opens a form with the name focused; Enter saves; focus returns to Edit.
    await page.getByRole('button', { name: `Edit: ${stageB.label}` }).focus()
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Name of the stage')).toBeFocused()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Renamed stage')
    await page.keyboard.press('Enter')
    await expect(layer.locator(`[data-structure-id="${stageB.id}"] .copro-structure__label`)).toHaveText(
      'Renamed stage',
    )
    await expect(page.getByRole('button', { name: 'Edit: Renamed stage' })).toBeFocused()

    // Easy-read prompts on the board.
    const prompt = layer.locator(`[data-structure-id="${stageA.id}"] .copro-structure__prompt`)
    await expect(prompt).toHaveText(stageA.prompt)
    await page.getByLabel('Show easy-read text').check()
    await expect(prompt).toHaveText(stageA.easyRead)
    await page.getByLabel('Show easy-read text').uncheck()
    await expect(prompt).toHaveText(stageA.prompt)

    // Resize: a wider first stage pushes the next stage's cards right, and every card keeps its cell.
    await page.getByRole('button', { name: `Edit: ${stageA.label}` }).click()
    await page.getByLabel('Width (board units)').fill(String(stageA.width + 220))
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect
      .poll(async () => ((await readStructure(page)) as any).stages[0].width)
      .toBe(stageA.width + 220)
    await expect.poll(async () => (await cardBoxes(page, [inB.id]))[0]!.x).toBe(inB.x + 220)
    const sr = await readStructure(page)
    expect((await cardBoxes(page, [inB.id, inA.id])).map((c) => attributeCard(sr, c))).toEqual([
      { type: 'cell', stageId: stageB.id, laneId: lane.id },
      { type: 'cell', stageId: stageA.id, laneId: lane.id },
    ])
    await page.getByRole('button', { name: 'Undo last structure change' }).click()
    await expect.poll(async () => ((await readStructure(page)) as any).stages[0].width).toBe(stageA.width)

    // Remove: its card goes beside the board (unplaced, nothing deleted); other cards stay in their cells.
    await page.getByRole('button', { name: 'Remove: Renamed stage' }).click()
    await expect(layer.locator(`[data-structure-id="${stageB.id}"]`)).toHaveCount(0)
    const s1 = await readStructure(page)
    await expect
      .poll(async () => (await cardBoxes(page, [inB.id, inA.id])).map((c) => attributeCard(s1, c)))
      .toEqual([{ type: 'unplaced' }, { type: 'cell', stageId: stageA.id, laneId: lane.id }])
    const [moved] = await cardBoxes(page, [inB.id])
    const right = cellRect(s1, {
      type: 'cell',
      stageId: s0.stages[s0.stages.length - 1]!.id,
      laneId: lane.id,
    })!
    expect(moved!.x).toBeGreaterThanOrEqual(right.x + right.w)
    await expect(page.getByTestId('announcer')).toContainText('moved beside the board')

    // Undo brings the stage back and its card into it.
    await page.getByRole('button', { name: 'Undo last structure change' }).click()
    await expect(layer.locator(`[data-structure-id="${stageB.id}"]`)).toHaveCount(1)
    const s2 = await readStructure(page)
    expect(s2).toEqual({
      ...s0,
      stages: s0.stages.map((x) => (x.id === stageB.id ? { ...x, label: 'Renamed stage' } : x)),
    })
    await expect
      .poll(async () => (await cardBoxes(page, [inB.id, inA.id])).map((c) => attributeCard(s2, c)))
      .toEqual([
        { type: 'cell', stageId: stageB.id, laneId: lane.id },
        { type: 'cell', stageId: stageA.id, laneId: lane.id },
      ])
    expect((await cardBoxes(page, [inB.id]))[0]).toEqual(inB)

    // The structure layer and the Board structure section pass axe too.
    const axe = await new AxeBuilder({ page }).include('[data-testid="templates-view"]').analyze()
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  })

  test('moving a zone from the Board structure section carries its cards', async ({ page, serve }) => {
    const zonesTemplate = (await shippedTemplates(serve)).find(
      (t) => (t.template as any).structure.type === 'zones',
    )!
    const title = 'Zone move check'
    await serve.call('sessions.create', { title, templateId: zonesTemplate.template.id })
    await page.goto(serve.url)
    await openSession(page, title)
    const s0 = await readStructure(page)
    if (s0.type !== 'zones') throw new Error('expected zones')
    const zone = s0.zones[0]!
    const card = await addCardAt(page, zone.x + zone.w / 2, zone.y + zone.h / 2, 'In the zone')
    const left = Math.max(...s0.zones.map((z) => z.x + z.w)) + 400
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    await page.getByRole('button', { name: `Edit: ${zone.label}` }).click()
    await page.getByLabel('Left edge (board units)').fill(String(left))
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(async () => (await cardBoxes(page, [card.id]))[0]!.x).toBe(card.x + (left - zone.x))
    const s1 = await readStructure(page)
    expect(attributeCard(s1, (await cardBoxes(page, [card.id]))[0]!)).toEqual({
      type: 'zone',
      zoneId: zone.id,
    })
  })

  test('dragging a card highlights the cell it will land in', async ({ page, serve }) => {
    const title = 'Drag highlight check'
    await serve.call('sessions.create', { title, templateId: 'service-journey-map' })
    await page.goto(serve.url)
    await openSession(page, title)
    const structure = await readStructure(page)
    if (structure.type !== 'grid') throw new Error('expected a grid')
    const from = cellRect(structure, {
      type: 'cell',
      stageId: structure.stages[0]!.id,
      laneId: structure.lanes[0]!.id,
    })!
    const card = await addCardAt(page, from.x + from.w / 2, from.y + from.h / 2, 'Drag me')
    const toRef: CellRef = { type: 'cell', stageId: structure.stages[1]!.id, laneId: structure.lanes[0]!.id }
    const to = cellRect(structure, toRef)!
    // both cells in view, 40 px in from the edges
    const box = (await canvas(page).boundingBox())!
    const bounds = { x: from.x, y: from.y, w: to.x + to.w - from.x, h: from.h }
    const z = Math.min((box.width - 80) / bounds.w, (box.height - 80) / bounds.h)
    await hook(page, (h, a) => h.setCamera({ x: a.w / 2 / a.z - a.cx, y: a.h / 2 / a.z - a.cy, z: a.z }), {
      cx: bounds.x + bounds.w / 2,
      cy: bounds.y + bounds.h / 2,
      z,
      w: box.width,
      h: box.height,
    })
    const pagePoint = (x: number, y: number) => hook(page, (h, p) => h.pageToScreen(p), { x, y })
    const a = await pagePoint(card.x + card.w / 2, card.y + card.h / 2)
    const b = await pagePoint(to.x + to.w / 2, to.y + to.h / 2)
    await page.mouse.move(a.x, a.y)
    await page.mouse.down()
    await page.mouse.move(b.x, b.y, { steps: 8 })
    const target = page.getByTestId('structure-drop-target')
    await expect(target).toHaveCount(1)
    await expect(target).toContainText(`${structure.stages[1]!.label} · ${structure.lanes[0]!.label}`)
    await page.mouse.up()
    await expect(target).toHaveCount(0)
    const [after] = await cardBoxes(page, [card.id])
    expect(attributeCard(structure, after!)).toEqual(toRef)
  })
})
