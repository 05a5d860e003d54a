import type { Page } from '@playwright/test'
import { clickSession, expect, type ServeHandle } from './fixtures'
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

export function readStructure(page: Page): Promise<BoardStructure> {
  return page.evaluate(() => (window as any).__coproBoard.doc.getMap('workshop').get('structure'))
}

/** Adds a card and moves its centre to (cx, cy) through the editor; returns its bounds. */
export function addCardAt(page: Page, cx: number, cy: number, text: string): Promise<CardBox> {
  return page.evaluate(
    ([cx, cy, text]) => {
      const b = (window as any).__coproBoard
      const id = b.addCard('idea', text)
      const s = b.editor.getShape(id)
      b.editor.updateShape({ id, type: 'card', x: cx - s.props.w / 2, y: cy - s.props.h / 2 })
      const t = b.editor.getShape(id)
      return { id, x: t.x, y: t.y, w: t.props.w, h: t.props.h }
    },
    [cx, cy, text] as const,
  )
}

export function cardBoxes(page: Page, ids: string[]): Promise<CardBox[]> {
  return page.evaluate((ids) => {
    const e = (window as any).__coproBoard.editor
    return ids.map((id) => {
      const s = e.getShape(id)
      return { id, x: s.x, y: s.y, w: s.props.w, h: s.props.h }
    })
  }, ids)
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
