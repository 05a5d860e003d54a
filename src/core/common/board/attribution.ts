import type { BoardStructure, CellRef, GridStructure } from '../../../shared/model/structure'
import type { CardBounds } from './records'

export interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

const UNPLACED: CellRef = { type: 'unplaced' }

/**
 * The one function that decides where a card belongs: the cell (stage × lane) or zone that contains
 * the card's centre. Borders are half-open: a centre exactly on the line between two cells belongs to
 * the later one (right/lower), so every point belongs to at most one cell. The canvas highlight and
 * every export call this.
 */
export function attributeCard(structure: BoardStructure | null | undefined, bounds: CardBounds): CellRef {
  if (!structure) return UNPLACED
  const cx = bounds.x + bounds.w / 2
  const cy = bounds.y + bounds.h / 2
  if (!Number.isFinite(cx) || !Number.isFinite(cy)) return UNPLACED
  if (structure.type === 'grid') return attributeInGrid(structure, cx, cy)
  for (let i = structure.zones.length - 1; i >= 0; i--) {
    const z = structure.zones[i]!
    if (contains({ x: z.x, y: z.y, w: z.w, h: z.h }, cx, cy)) return { type: 'zone', zoneId: z.id }
  }
  return UNPLACED
}

function attributeInGrid(g: GridStructure, cx: number, cy: number): CellRef {
  const stageIndex = findBand(
    g.stages.map((s) => s.width),
    g.x + g.laneHeaderWidth,
    cx,
  )
  const laneIndex = findBand(
    g.lanes.map((l) => l.height),
    g.y + g.headerHeight,
    cy,
  )
  if (stageIndex < 0 || laneIndex < 0) return UNPLACED
  return { type: 'cell', stageId: g.stages[stageIndex]!.id, laneId: g.lanes[laneIndex]!.id }
}

/** Index of the band [start_i, start_i + size_i) containing v, or -1. */
function findBand(sizes: readonly number[], origin: number, v: number): number {
  let start = origin
  for (let i = 0; i < sizes.length; i++) {
    const end = start + sizes[i]!
    if (v >= start && v < end) return i
    start = end
  }
  return -1
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h
}

/** The rectangle of one grid cell, or null when the ids are unknown. */
export function gridCellRect(g: GridStructure, stageId: string, laneId: string): Rect | null {
  let x = g.x + g.laneHeaderWidth
  let found = false
  let w = 0
  for (const s of g.stages) {
    if (s.id === stageId) {
      w = s.width
      found = true
      break
    }
    x += s.width
  }
  if (!found) return null
  let y = g.y + g.headerHeight
  let h = 0
  found = false
  for (const l of g.lanes) {
    if (l.id === laneId) {
      h = l.height
      found = true
      break
    }
    y += l.height
  }
  return found ? { x, y, w, h } : null
}

/** The rectangle of any cell reference (grid cell or zone), or null. */
export function cellRect(structure: BoardStructure | null | undefined, ref: CellRef): Rect | null {
  if (!structure || ref.type === 'unplaced') return null
  if (ref.type === 'cell')
    return structure.type === 'grid' ? gridCellRect(structure, ref.stageId, ref.laneId) : null
  if (structure.type !== 'zones') return null
  const z = structure.zones.find((zone) => zone.id === ref.zoneId)
  return z ? { x: z.x, y: z.y, w: z.w, h: z.h } : null
}

/** The whole area the structure covers (headers included). */
export function structureBounds(structure: BoardStructure): Rect {
  if (structure.type === 'grid') {
    const w = structure.laneHeaderWidth + structure.stages.reduce((a, s) => a + s.width, 0)
    const h = structure.headerHeight + structure.lanes.reduce((a, l) => a + l.height, 0)
    return { x: structure.x, y: structure.y, w, h }
  }
  const xs = structure.zones.map((z) => z.x)
  const ys = structure.zones.map((z) => z.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  const r = Math.max(...structure.zones.map((z) => z.x + z.w))
  const b = Math.max(...structure.zones.map((z) => z.y + z.h))
  return { x, y, w: r - x, h: b - y }
}
