import type { CardKind } from '../../../shared/model/cardKinds'
import type { BoardStructure, CellRef, StructureItem } from '../../../shared/model/structure'
import { currentActivity } from '../facilitation/agenda'
import type { Agenda } from '../facilitation/schema'
import {
  createAttributor,
  findBandIndex,
  gridLaneEdges,
  gridStageEdges,
  sameCell,
  structureBounds,
  type Rect,
} from './attribution'
import { nextSlot } from './flow'

export {
  CARD_FLOW,
  cellLayout,
  inReadingOrder,
  nextSlot,
  reflowAfterEdit,
  settleArrivals,
  slotBox,
  tidyBoard,
  tidyCell,
  type Arrival,
  type CellLayout,
  type FlowCard,
  type FlowMove,
  type FlowOptions,
  type FlowPlan,
} from './flow'

/**
 * The placement rule, in one place: which cell a new card goes to (targetCell, for the simple
 * composer), and where in it — the cell's flow of slots (cellLayout, nextSlot, settleArrivals,
 * tidyCell, tidyBoard, reflowAfterEdit; ADR 0030). Below the structure or on a board without one,
 * a free spot (findFreeSpot, spotInCell, placeNewCard). Pure (no tldraw), so every rule is
 * unit-tested; the canvas, card operations, composer, outline and participant screens call these.
 */

/** A box on the page. */
export type Box = Rect

export interface Size {
  readonly w: number
  readonly h: number
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/**
 * Where to put a card so it does not cover others: the first free slot, scanning a region row by row.
 * `accept` lets the caller insist on a property of the spot, e.g. that the card's centre is attributed
 * to the target cell.
 *
 * Returns the top-left corner for a card of `size` inside `region`: the first slot (rows top to bottom,
 * left to right, `gap` apart) that overlaps no box of `occupied` and passes `accept`. When none is
 * free, a slot cascading from the region's centre that passes `accept` (cards may then overlap); when
 * even that fails, the region's centre.
 */
export function findFreeSpot(
  region: Box,
  size: Size,
  occupied: readonly Box[],
  accept: (at: { x: number; y: number }) => boolean = () => true,
  gap = 16,
): { x: number; y: number } {
  const fitsX = region.w >= size.w + 2 * gap
  const fitsY = region.h >= size.h + 2 * gap
  if (fitsX && fitsY) {
    for (let y = region.y + gap; y + size.h <= region.y + region.h - gap; y += size.h + gap) {
      for (let x = region.x + gap; x + size.w <= region.x + region.w - gap; x += size.w + gap) {
        const box = { x, y, w: size.w, h: size.h }
        if (!occupied.some((o) => overlaps(o, box)) && accept({ x, y })) return { x, y }
      }
    }
  }
  const cx = region.x + region.w / 2 - size.w / 2
  const cy = region.y + region.h / 2 - size.h / 2
  for (let i = 0; i < 12; i++) {
    const at = { x: cx + (i % 4) * 12, y: cy + i * 8 }
    // the centre must stay inside the region for the card to belong to it
    const centreX = at.x + size.w / 2
    const centreY = at.y + size.h / 2
    if (centreX >= region.x + region.w || centreY >= region.y + region.h) break
    if (accept(at)) return at
  }
  return { x: cx, y: cy }
}

/**
 * Where a card goes in cell `cell` (null: unplaced), given the boxes already on the board
 * (`occupied`): in a cell, its next slot (nextSlot) — the result then carries the slot's size, which
 * callers should give the card (`size` only matters outside cells); the card's centre is always
 * attributed to the cell. Unplaced cards go to a free spot of `size` in a band below the structure,
 * or into `viewport` when there is no structure (a region of six cards when the viewport is empty).
 */
export function spotInCell(
  structure: BoardStructure | null,
  cell: CellRef | null,
  size: Size,
  occupied: readonly Box[],
  viewport: Box,
): { x: number; y: number; w: number; h: number } {
  const attribute = createAttributor(structure)
  const target: CellRef = cell ?? { type: 'unplaced' }
  if (target.type !== 'unplaced') {
    const slot = nextSlot(
      structure,
      target,
      occupied.filter((b) => sameCell(attribute(b), target)),
    )
    if (slot) return slot
  }
  const accept = (at: { x: number; y: number }) => sameCell(attribute({ ...at, ...size }), target)
  const region: Box = structure
    ? (() => {
        const b = structureBounds(structure)
        return { x: b.x, y: b.y + b.h + 40, w: Math.max(b.w, size.w * 4), h: size.h * 6 }
      })()
    : viewport.w > 0 && viewport.h > 0
      ? { x: viewport.x, y: viewport.y, w: viewport.w, h: viewport.h }
      : { x: 0, y: 0, w: size.w * 6, h: size.h * 6 }
  return { ...findFreeSpot(region, size, occupied, accept), w: size.w, h: size.h }
}

/**
 * Cards that arrive outside every cell on top of another card (private cards written on two devices,
 * each in the same free place, then revealed) each move to the first free place from where they are,
 * row by row to the right and down. Cards in cells are the flow's (settleArrivals). Returns the moves.
 */
export function freeUnplacedOverlaps(
  structure: BoardStructure | null,
  cards: readonly (Box & { readonly id: string })[],
  ids: readonly string[],
  gap = 16,
): { id: string; x: number; y: number; w: number; h: number }[] {
  const attribute = createAttributor(structure)
  const boxes = new Map(cards.map((c) => [c.id, { x: c.x, y: c.y, w: c.w, h: c.h }]))
  const moves: { id: string; x: number; y: number; w: number; h: number }[] = []
  for (const id of ids) {
    const box = boxes.get(id)
    if (!box || attribute(box).type !== 'unplaced') continue
    const others = [...boxes].filter(([other]) => other !== id).map(([, b]) => b)
    if (!others.some((o) => overlaps(o, box))) continue
    const region = { x: box.x - gap, y: box.y - gap, w: (box.w + gap) * 4 + gap, h: (box.h + gap) * 6 + gap }
    const accept = (at: { x: number; y: number }) =>
      attribute({ ...at, w: box.w, h: box.h }).type === 'unplaced'
    const at = findFreeSpot(region, box, others, accept, gap)
    const moved = { ...box, ...at }
    boxes.set(id, moved)
    moves.push({ id, ...moved })
  }
  return moves
}

/**
 * Where the composer puts a new card: to the right of the selection when there is one (its top
 * aligned), else centred in the viewport.
 */
export function placeNewCard(
  size: { w: number; h: number },
  viewport: { x: number; y: number; w: number; h: number },
  selection: { x: number; y: number; w: number; h: number } | null,
  gap = 24,
): { x: number; y: number } {
  if (selection) return { x: selection.x + selection.w + gap, y: selection.y }
  return { x: viewport.x + (viewport.w - size.w) / 2, y: viewport.y + (viewport.h - size.h) / 2 }
}

/**
 * The cell at point `p`, or else the nearest one (a grid's outermost cell in that direction, the
 * nearest zone): where a card goes when the person pointed at no cell. Null without a structure.
 */
export function nearestCell(structure: BoardStructure | null, p: { x: number; y: number }): CellRef | null {
  if (!structure || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return null
  const here = createAttributor(structure)({ x: p.x, y: p.y, w: 0, h: 0 })
  if (here.type !== 'unplaced') return here
  if (structure.type === 'grid') {
    const band = (edges: number[], v: number) =>
      v < edges[0]! ? 0 : v >= edges[edges.length - 1]! ? edges.length - 2 : findBandIndex(edges, v)
    const si = band(gridStageEdges(structure), p.x)
    const li = band(gridLaneEdges(structure), p.y)
    return { type: 'cell', stageId: structure.stages[si]!.id, laneId: structure.lanes[li]!.id }
  }
  let best: CellRef | null = null
  let bestD = Infinity
  for (const z of structure.zones) {
    const dx = Math.max(z.x - p.x, 0, p.x - (z.x + z.w))
    const dy = Math.max(z.y - p.y, 0, p.y - (z.y + z.h))
    const d = dx * dx + dy * dy
    if (d < bestD) {
      bestD = d
      best = { type: 'zone', zoneId: z.id }
    }
  }
  return best
}

/** The first item that asks for this kind of card, else the first item. */
function pick<T extends StructureItem>(items: readonly T[], kind: CardKind): T | undefined {
  return items.find((i) => i.kinds.includes(kind)) ?? items[0]
}

/**
 * Where a card from the simple composer goes: the current activity's target stage, lane or zone.
 * A stage target picks the lane that asks for this kind of card (else the first lane), and a lane
 * target the stage likewise. Null when there is no current activity, no target, or the target is no
 * longer on the board (then the card goes to the middle of the person's view).
 */
export function targetCell(agenda: Agenda, structure: BoardStructure | null, kind: CardKind): CellRef | null {
  const targetId = currentActivity(agenda)?.targetId ?? null
  if (targetId === null || structure === null) return null
  if (structure.type === 'zones') {
    return structure.zones.some((z) => z.id === targetId) ? { type: 'zone', zoneId: targetId } : null
  }
  const stage = structure.stages.find((s) => s.id === targetId)
  if (stage) {
    const lane = pick(structure.lanes, kind)
    return lane ? { type: 'cell', stageId: stage.id, laneId: lane.id } : null
  }
  const lane = structure.lanes.find((l) => l.id === targetId)
  if (lane) {
    const st = pick(structure.stages, kind)
    return st ? { type: 'cell', stageId: st.id, laneId: lane.id } : null
  }
  return null
}
