import { addCard, canvas, dragCardTo, expect, hook, test } from './fixtures'
import type { CellRef } from '../../src/shared/model/structure'
import { attributeCard, cellRect } from '../../src/core/common/structure/attribution'
import { cardBoxes, openSession, readStructure } from './templateHelpers'

test.describe('the card flow (ADR 0030)', () => {
  test('c writes into the cell under the pointer, in reading order; a dropped card snaps into a slot; Tidy is one undo step', async ({
    page,
    serve,
  }) => {
    const title = 'Card flow check'
    await serve.call('sessions.create', { title, templateId: 'service-journey-map' })
    await page.goto(serve.url)
    await openSession(page, title)
    const structure = await readStructure(page)
    if (structure.type !== 'grid') throw new Error('expected a grid')
    const ref: CellRef = { type: 'cell', stageId: structure.stages[1]!.id, laneId: structure.lanes[1]!.id }
    const r = cellRect(structure, ref)!
    // the cell in view, the pointer on its middle
    const box = (await canvas(page).boundingBox())!
    await hook(page, (h, a) => h.setCamera({ x: a.w / 2 - a.cx, y: a.h / 2 - a.cy, z: 1 }), {
      cx: r.x + r.w / 2,
      cy: r.y + r.h / 2,
      w: box.width,
      h: box.height,
    })
    const mid = await hook(page, (h, p) => h.pageToScreen(p), { x: r.x + r.w / 2, y: r.y + r.h / 2 })
    const ids: string[] = []
    for (const text of ['First', 'Second', 'Third']) {
      await page.mouse.move(mid.x, mid.y)
      ids.push(await addCard(page, 'idea', text))
    }
    const placed = await cardBoxes(page, ids)
    // all three in the cell, the same size, in one row from the top-left corner, not overlapping
    expect(placed.map((c) => attributeCard(structure, c))).toEqual([ref, ref, ref])
    expect(new Set(placed.map((c) => `${c.w}×${c.h}`)).size).toBe(1)
    expect(placed[0]!.x).toBeCloseTo(r.x + 12, 0)
    expect(placed[0]!.y).toBeCloseTo(r.y + 12, 0)
    expect(placed[1]!.y).toBeCloseTo(placed[0]!.y, 0)
    expect(placed[1]!.x).toBeGreaterThan(placed[0]!.x + placed[0]!.w)

    // drag the first card into the next stage: it lands in a slot of that cell, inside it
    const toRef: CellRef = { type: 'cell', stageId: structure.stages[2]!.id, laneId: structure.lanes[1]!.id }
    const to = cellRect(structure, toRef)!
    await dragCardTo(page, ids[0]!, to.x + to.w / 2, to.y + to.h / 2)
    const [dropped] = await cardBoxes(page, [ids[0]!])
    expect(attributeCard(structure, dropped!)).toEqual(toRef)
    expect(dropped!.x).toBeGreaterThanOrEqual(to.x)
    expect(dropped!.x + dropped!.w).toBeLessThanOrEqual(to.x + to.w)

    // the two left behind leave a gap; Tidy the board closes it, and one undo brings the gap back
    const before = await cardBoxes(page, [ids[1]!, ids[2]!])
    await canvas(page).focus()
    await page.keyboard.press('Control+Alt+Shift+T')
    await expect.poll(async () => (await cardBoxes(page, [ids[1]!]))[0]!.x).toBeCloseTo(r.x + 12, 0)
    await canvas(page).focus()
    await page.keyboard.press('Control+z')
    await expect.poll(() => cardBoxes(page, [ids[1]!, ids[2]!])).toEqual(before)
  })
})
