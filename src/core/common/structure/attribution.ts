import type { BoardStructure, CellRef, GridStructure, ZoneStructure } from '../../../shared/model/structure'
import type { CardBounds } from '../cards/cardRecord'

export interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

const UNPLACED: CellRef = { type: 'unplaced' }

/**
 * Cell attribution: the one rule that decides where a card belongs. The canvas highlight and every
 * export call these functions, so they never disagree.
 *
 * The rule:
 *  - a card belongs where its centre (x + w/2, y + h/2) is; rotation is ignored;
 *  - grid: the stage whose column holds the centre × the lane whose row holds it. Headers (the stage
 *    header row on top, the lane header column on the left) belong to no cell;
 *  - zones: the topmost (last-listed) zone that holds the centre;
 *  - borders are half-open: a band covers [start, start + size), so a centre exactly on the line
 *    between two cells belongs to the later one (right / lower), and a centre exactly on the grid's
 *    right or bottom outer edge is unplaced. Every point belongs to at most one cell;
 *  - band edges are running sums from the grid's corner (corner + header, then + each size in order),
 *    computed the same way here and in gridCellRect, so a cell's rectangle and its attribution agree
 *    to the last bit;
 *  - no structure, or a non-finite centre: unplaced.
 */
export function attributeCard(structure: BoardStructure | null | undefined, bounds: CardBounds): CellRef {
  if (!structure) return UNPLACED
  return createAttributor(structure)(bounds)
}

/**
 * A reusable attributor for one structure: band edges are computed once and looked up by binary
 * search, for attributing many cards (exports, the canvas on every drag frame).
 */
export function createAttributor(
  structure: BoardStructure | null | undefined,
): (bounds: CardBounds) => CellRef {
  if (!structure) return () => UNPLACED
  if (structure.type === 'zones') return (b) => attributeInZones(structure, b)
  const stageEdges = gridStageEdges(structure)
  const laneEdges = gridLaneEdges(structure)
  const stageIds = structure.stages.map((s) => s.id)
  const laneIds = structure.lanes.map((l) => l.id)
  return (b) => {
    const c = centreOf(b)
    if (!c) return UNPLACED
    const si = findBandIndex(stageEdges, c.x)
    const li = findBandIndex(laneEdges, c.y)
    if (si < 0 || li < 0) return UNPLACED
    return { type: 'cell', stageId: stageIds[si]!, laneId: laneIds[li]! }
  }
}

/** Attributes many cards at once. */
export function attributeCards<T extends CardBounds & { readonly id: string }>(
  structure: BoardStructure | null | undefined,
  cards: Iterable<T>,
): Map<string, CellRef> {
  const attribute = createAttributor(structure)
  const out = new Map<string, CellRef>()
  for (const card of cards) out.set(card.id, attribute(card))
  return out
}

function centreOf(b: CardBounds): { x: number; y: number } | null {
  const x = b.x + b.w / 2
  const y = b.y + b.h / 2
  return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null
}

function attributeInZones(structure: ZoneStructure, b: CardBounds): CellRef {
  const c = centreOf(b)
  if (!c) return UNPLACED
  for (let i = structure.zones.length - 1; i >= 0; i--) {
    const z = structure.zones[i]!
    if (contains(z, c.x, c.y)) return { type: 'zone', zoneId: z.id }
  }
  return UNPLACED
}

/**
 * Stage column edges: [left of stage 0, right of stage 0 = left of stage 1, …, right of the last].
 * Length = stages + 1.
 */
export function gridStageEdges(g: GridStructure): number[] {
  return runningEdges(
    g.x + g.laneHeaderWidth,
    g.stages.map((s) => s.width),
  )
}

/** Lane row edges: [top of lane 0, …, bottom of the last lane]. Length = lanes + 1. */
export function gridLaneEdges(g: GridStructure): number[] {
  return runningEdges(
    g.y + g.headerHeight,
    g.lanes.map((l) => l.height),
  )
}

function runningEdges(origin: number, sizes: readonly number[]): number[] {
  const edges = [origin]
  let at = origin
  for (const size of sizes) {
    at = at + size
    edges.push(at)
  }
  return edges
}

/** Index i with edges[i] <= v < edges[i + 1], or -1 (edges ascending). */
export function findBandIndex(edges: readonly number[], v: number): number {
  const n = edges.length - 1
  if (n < 1 || !(v >= edges[0]!) || !(v < edges[n]!)) return -1
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (edges[mid]! <= v) lo = mid
    else hi = mid - 1
  }
  return lo
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h
}

/** The rectangle of one grid cell, or null when the ids are unknown. */
export function gridCellRect(g: GridStructure, stageId: string, laneId: string): Rect | null {
  const si = g.stages.findIndex((s) => s.id === stageId)
  const li = g.lanes.findIndex((l) => l.id === laneId)
  if (si < 0 || li < 0) return null
  const xs = gridStageEdges(g)
  const ys = gridLaneEdges(g)
  return { x: xs[si]!, y: ys[li]!, w: g.stages[si]!.width, h: g.lanes[li]!.height }
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

/** Whether two references name the same place. */
export function sameCell(a: CellRef, b: CellRef): boolean {
  if (a.type === 'unplaced' || b.type === 'unplaced') return a.type === b.type
  if (a.type === 'cell') return b.type === 'cell' && a.stageId === b.stageId && a.laneId === b.laneId
  return b.type === 'zone' && a.zoneId === b.zoneId
}

/** A stable string key for a reference: `cell:<stage>/<lane>`, `zone:<id>` or `unplaced`. */
export function cellKey(ref: CellRef): string {
  if (ref.type === 'cell') return `cell:${ref.stageId}/${ref.laneId}`
  if (ref.type === 'zone') return `zone:${ref.zoneId}`
  return 'unplaced'
}
