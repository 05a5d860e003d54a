import fc from 'fast-check'
import { expect } from 'vitest'
import { cellRect, createAttributor } from '../../../src/core/common/structure/attribution'
import type { FlowCard, FlowPlan } from '../../../src/core/common/structure/placement'
import type {
  BoardStructure,
  CellRef,
  GridStructure,
  ZoneStructure,
} from '../../../src/shared/model/structure'
import { dyadic } from './structureArbitraries'

/** Shared by the card flow's tests (flow.property.test.ts). */
export const item = (id: string) => ({ id, label: id.toUpperCase(), prompt: '', easyRead: '', kinds: [] })

/** Small grids (1–4 × 1–4) with cells from 60 to 900 units: the flow is the same at any size. */
export const gridArb: fc.Arbitrary<GridStructure> = fc
  .record({
    x: dyadic(-2000, 2000),
    y: dyadic(-2000, 2000),
    widths: fc.array(dyadic(60, 900), { minLength: 1, maxLength: 4 }),
    heights: fc.array(dyadic(60, 900), { minLength: 1, maxLength: 4 }),
  })
  .map(({ x, y, widths, heights }) => ({
    type: 'grid' as const,
    x,
    y,
    headerHeight: 120,
    laneHeaderWidth: 200,
    stages: widths.map((width, i) => ({ ...item(`s${i}`), width })),
    lanes: heights.map((height, i) => ({ ...item(`l${i}`), height })),
  }))

export const overlaps = (a: FlowCard, b: FlowCard) =>
  a.x < b.x + b.w - 1e-6 && b.x < a.x + a.w - 1e-6 && a.y < b.y + b.h - 1e-6 && b.y < a.y + a.h - 1e-6

export function cells(s: BoardStructure): CellRef[] {
  if (s.type === 'zones') return s.zones.map((z) => ({ type: 'zone', zoneId: z.id }))
  return s.stages.flatMap((st) =>
    s.lanes.map((l) => ({ type: 'cell' as const, stageId: st.id, laneId: l.id })),
  )
}

/** The two facts of the issue: placed cards sit inside their cell, and no two placed cards overlap. */
export function checkBoard(s: BoardStructure, cards: readonly FlowCard[]) {
  const attribute = createAttributor(s)
  const placed = cards.filter((c) => attribute(c).type !== 'unplaced')
  for (const c of placed) {
    const r = cellRect(s, attribute(c))!
    expect(c.w).toBeGreaterThan(0)
    expect(c.x).toBeGreaterThanOrEqual(r.x - 1e-6)
    expect(c.y).toBeGreaterThanOrEqual(r.y - 1e-6)
    expect(c.x + c.w).toBeLessThanOrEqual(r.x + r.w + 1e-6)
    expect(c.y + c.h).toBeLessThanOrEqual(r.y + r.h + 1e-6)
  }
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false)
}

export function apply(s: BoardStructure, cards: FlowCard[], plan: FlowPlan): [BoardStructure, FlowCard[]] {
  const byId = new Map(plan.moves.map((m) => [m.id, m]))
  return [plan.structure ?? s, cards.map((c) => byId.get(c.id) ?? c)]
}

/** Zones side by side in a row (they never overlap, so a zone's rectangle is all its own). */
export const zonesArb: fc.Arbitrary<ZoneStructure> = fc
  .array(fc.record({ w: dyadic(60, 900), h: dyadic(60, 900) }), { minLength: 1, maxLength: 4 })
  .map((sizes) => {
    let x = 0
    return {
      type: 'zones' as const,
      zones: sizes.map((r, i) => {
        const z = { ...item(`z${i}`), x, y: 0, w: r.w, h: r.h }
        x += r.w + 100
        return z
      }),
    }
  })
