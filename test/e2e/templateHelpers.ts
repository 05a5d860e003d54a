import type { Page } from '@playwright/test'
import { addCard, cards, clickSession, dragCardTo, expect, hook, type ServeHandle } from './fixtures'
import type { BoardStructure, CellRef } from '../../src/shared/model/structure'

/** Helpers for the workshop-template e2e tests (templates.spec.ts). */

export interface ListedTemplate {
  source: string
  template: { id: string; name: string }
}

export type CardBox = { id: string; x: number; y: number; w: number; h: number }

/** The structure layer of the board in the visible editor tab (hidden tabs keep their boards). */
export const activeLayer = (page: Page) =>
  page.locator('[role="tabpanel"]:not([hidden]) [data-testid="structure-layer"]')

export async function openSession(page: Page, title: string): Promise<void> {
  const sessions = page.getByRole('button', { name: 'Sessions', exact: true })
  if ((await page.locator('#side-bar-title').textContent()) !== 'Sessions') await sessions.click()
  await clickSession(page, title)
  await expect(activeLayer(page)).toBeVisible()
}

export async function closeActiveTab(page: Page): Promise<void> {
  await page.locator('.tab.active .tab-close').click()
  await expect(page.locator('.tl-container')).toHaveCount(0)
}

export async function readStructure(page: Page): Promise<BoardStructure> {
  const stored = await hook(page, (h) => h.stored())
  return (stored.workshop as { structure: BoardStructure }).structure
}

/**
 * Adds a card with the composer and drags it with the mouse so its centre is at page point (cx, cy)
 * (the view is moved there first, as a person would scroll); returns its bounds.
 */
export async function addCardAt(page: Page, cx: number, cy: number, text: string): Promise<CardBox> {
  const id = await addCard(page, 'idea', text)
  await dragCardTo(page, id, cx, cy)
  return settledBox(page, id)
}

/**
 * A card's box once it has stopped moving: a dropped card slides into its slot in the cell, and on a
 * busy machine the slide can still be under way when the drop is seen.
 */
export async function settledBox(page: Page, id: string): Promise<CardBox> {
  let last = ''
  let box: CardBox | undefined
  await expect
    .poll(
      async () => {
        box = (await cardBoxes(page, [id]))[0]!
        const at = `${box.x},${box.y}`
        const still = at === last
        last = at
        return still
      },
      { intervals: [250] },
    )
    .toBe(true)
  return box!
}

export async function cardBoxes(page: Page, ids: string[]): Promise<CardBox[]> {
  const all = await cards(page)
  return ids.map((id) => {
    const c = all.find((c) => c.id === id)!
    return { id, x: c.x, y: c.y, w: c.w, h: c.h }
  })
}

/** A cell of the structure to aim at: the middle stage × the last lane, or the last zone. */
export function targetCell(s: BoardStructure): CellRef {
  if (s.type === 'grid')
    return {
      type: 'cell',
      stageId: s.stages[Math.floor(s.stages.length / 2)]!.id,
      laneId: s.lanes[s.lanes.length - 1]!.id,
    }
  return { type: 'zone', zoneId: s.zones[s.zones.length - 1]!.id }
}

export function labelsOf(s: BoardStructure): { id: string; label: string }[] {
  return s.type === 'grid' ? [...s.stages, ...s.lanes] : s.zones
}

export async function shippedTemplates(serve: ServeHandle): Promise<ListedTemplate[]> {
  const list = await serve.call<{ templates: ListedTemplate[] }>('templates.list')
  return list.templates.filter((t) => t.source === 'shipped')
}
