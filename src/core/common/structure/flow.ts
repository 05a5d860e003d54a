import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import { cellKey, cellRect, createAttributor, findBandIndex, gridLaneEdges, type Rect } from './attribution'
import {
  CARD_FLOW,
  cellLayout,
  inner,
  inReadingOrder,
  nearestSlot,
  sameBox,
  slotBox,
  slotCount,
  type FlowCard,
} from './slots'

/**
 * The card flow (ADR 0030): how a cell arranges its cards. Part of the placement rule; callers
 * import it through placement.ts, its one entry point.
 */

type Box = Rect

export { CARD_FLOW, cellLayout, inReadingOrder, slotBox, type CellLayout, type FlowCard } from './slots'

/** Where a card goes: its new box (size included). */
export interface FlowMove {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** What a flow changes: card moves, and the structure when a lane had to grow (else null). */
export interface FlowPlan {
  readonly moves: FlowMove[]
  readonly structure: BoardStructure | null
}

export interface FlowOptions {
  /** Whether lanes may grow (the person may change the structure). Default true. */
  readonly canGrow?: boolean
}

/** An arrival: a card (already on the board, in `cards`) that has just come into its cell. */
export interface Arrival {
  readonly id: string
  /** Where it was dropped (a drag): it takes the slot nearest this point. Else the next free slot. */
  readonly at?: { x: number; y: number }
}

interface CellWork {
  readonly ref: CellRef
  readonly members: FlowCard[]
  readonly arrivals: Map<string, Arrival>
  /** Re-flow everything (Tidy, a resized cell) rather than filling free slots. */
  readonly reflow: boolean
}

/**
 * The heart of the flow: lays out the cells in `work` (each from its own cards) and grows lanes that
 * must grow. Cards elsewhere only move when a lane above them grows.
 */
function flowCells(
  structure: BoardStructure,
  cards: readonly FlowCard[],
  work: readonly CellWork[],
  opts: FlowOptions,
): FlowPlan {
  const canGrow = (opts.canGrow ?? true) && structure.type === 'grid'
  // 1. how much each lane must grow
  let grown: BoardStructure = structure
  if (canGrow && structure.type === 'grid') {
    const need = new Map<string, number>()
    for (const w of work) {
      if (w.ref.type !== 'cell') continue
      const rect = cellRect(structure, w.ref)
      if (!rect) continue
      const h = grownHeight(rect, w.members.length)
      if (h > rect.h) need.set(w.ref.laneId, Math.max(need.get(w.ref.laneId) ?? 0, h))
    }
    if (need.size > 0) {
      grown = {
        ...structure,
        lanes: structure.lanes.map((l) => {
          const h = need.get(l.id)
          return h !== undefined && h > l.height ? { ...l, height: h } : l
        }),
      }
    }
  }
  const moves = new Map<string, FlowMove>()
  // 2. cards below a grown lane move down with it (a card keeps its offset in its band)
  if (grown !== structure && structure.type === 'grid' && grown.type === 'grid') {
    const oldEdges = gridLaneEdges(structure)
    const newEdges = gridLaneEdges(grown)
    const last = oldEdges.length - 1
    for (const c of cards) {
      const cy = c.y + c.h / 2
      if (!Number.isFinite(cy) || cy < oldEdges[0]!) continue
      const i = cy >= oldEdges[last]! ? last : findBandIndex(oldEdges, cy)
      const dy = newEdges[i]! - oldEdges[i]!
      if (dy !== 0) moves.set(c.id, { id: c.id, x: c.x, y: c.y + dy, w: c.w, h: c.h })
    }
  }
  // 3. each cell's slots, in the (grown) structure
  for (const w of work) {
    const rect = cellRect(grown, w.ref)
    if (!rect || w.members.length === 0) continue
    const n = w.members.length
    const layout = cellLayout(rect, n, false)
    const slots = slotCount(layout, n)
    const settled = w.members.filter((c) => !w.arrivals.has(c.id))
    const where = (c: FlowCard): Box => {
      const m = moves.get(c.id)
      return m ?? c
    }
    const assigned = new Map<string, number>()
    if (!w.reflow) {
      // fill free slots when every settled card already sits in its own slot
      const taken = new Map<number, string>()
      let inFlow = true
      for (const c of settled) {
        const b = where(c)
        const i = nearestSlot(layout, slots, { x: b.x + b.w / 2, y: b.y + b.h / 2 })
        if (i < 0 || taken.has(i) || !sameBox(b, slotBox(layout, i))) {
          inFlow = false
          break
        }
        taken.set(i, c.id)
      }
      if (inFlow) {
        const free = new Set<number>()
        for (let i = 0; i < slots; i++) if (!taken.has(i)) free.add(i)
        for (const [i, id] of taken) assigned.set(id, i)
        for (const a of w.arrivals.values()) {
          const i = a.at ? nearestSlot(layout, slots, a.at, free) : Math.min(...free)
          free.delete(i)
          assigned.set(a.id, i)
        }
      }
    }
    if (assigned.size === 0) {
      // re-flow: settled cards keep their reading order; a dropped card goes where it was dropped,
      // other arrivals at the end
      const order = inReadingOrder(settled.map(where).map((b, k) => ({ ...b, id: settled[k]!.id })))
      const ids = order.map((c) => c.id)
      const dropped: Arrival[] = []
      for (const a of w.arrivals.values()) {
        if (a.at) dropped.push(a)
        else ids.push(a.id)
      }
      for (const a of dropped) {
        const i = nearestSlot(layout, n, a.at!)
        ids.splice(Math.min(Math.max(i, 0), ids.length), 0, a.id)
      }
      ids.forEach((id, i) => assigned.set(id, i))
    }
    for (const c of w.members) {
      const slot = slotBox(layout, assigned.get(c.id)!)
      if (c.x !== slot.x || c.y !== slot.y || c.w !== slot.w || c.h !== slot.h)
        moves.set(c.id, { id: c.id, ...slot })
      else moves.delete(c.id)
    }
  }
  return { moves: [...moves.values()], structure: grown === structure ? null : grown }
}

/**
 * The height a cell must grow to for `count` cards at no less than minWidth (its own height when they
 * fit). A taller cell can have a larger padding, so a narrower inside (see inner): repeat until the
 * layout fits in the grown cell, as a later Tidy would see it.
 */
function grownHeight(rect: Box, count: number): number {
  let h = rect.h
  for (let k = 0; k < 4 && h < CARD_FLOW.maxLaneHeight; k++) {
    const r = { ...rect, h }
    const layout = cellLayout(r, count, true)
    if (layout.needInnerHeight <= inner(r).h + 1e-6) break
    h = Math.min(CARD_FLOW.maxLaneHeight, Math.ceil(layout.needInnerHeight + 2 * CARD_FLOW.padding))
  }
  return h
}

/** Groups placed cards by cell. */
function byCell(structure: BoardStructure, cards: readonly FlowCard[]) {
  const attribute = createAttributor(structure)
  const cells = new Map<string, { ref: CellRef; members: FlowCard[] }>()
  const cellOf = new Map<string, string>()
  for (const c of cards) {
    const ref = attribute(c)
    if (ref.type === 'unplaced') continue
    const key = cellKey(ref)
    let entry = cells.get(key)
    if (!entry) cells.set(key, (entry = { ref, members: [] }))
    entry.members.push(c)
    cellOf.set(c.id, key)
  }
  return { cells, cellOf }
}

/**
 * Settles cards that have just arrived (new cards, pasted ones, dropped ones — each already on the
 * board at a point in its cell): each takes a free slot of its cell (a dropped one the slot nearest
 * where it was dropped), or, when its cell is not in flow or must shrink, the cell re-flows with the
 * arrivals last (a dropped card at its drop point). Cards outside any cell are left alone.
 */
export function settleArrivals(
  structure: BoardStructure | null,
  cards: readonly FlowCard[],
  arrivals: readonly Arrival[],
  opts: FlowOptions = {},
): FlowPlan {
  if (!structure || arrivals.length === 0) return { moves: [], structure: null }
  const { cells, cellOf } = byCell(structure, cards)
  const work = new Map<string, CellWork>()
  for (const a of arrivals) {
    const key = cellOf.get(a.id)
    if (!key) continue
    let w = work.get(key)
    if (!w) {
      const cell = cells.get(key)!
      work.set(key, (w = { ref: cell.ref, members: cell.members, arrivals: new Map(), reflow: false }))
    }
    w.arrivals.set(a.id, a)
  }
  return flowCells(structure, cards, [...work.values()], opts)
}

/** Tidy one cell: its cards re-flow into its slots in reading order (one plan; apply as one step). */
export function tidyCell(
  structure: BoardStructure | null,
  cards: readonly FlowCard[],
  cell: CellRef,
  opts: FlowOptions = {},
): FlowPlan {
  if (!structure) return { moves: [], structure: null }
  const { cells } = byCell(structure, cards)
  const entry = cells.get(cellKey(cell))
  if (!entry) return { moves: [], structure: null }
  return flowCells(structure, cards, [{ ...entry, arrivals: new Map(), reflow: true }], opts)
}

/** Tidy the whole board: every cell's cards re-flow into its slots. */
export function tidyBoard(
  structure: BoardStructure | null,
  cards: readonly FlowCard[],
  opts: FlowOptions = {},
): FlowPlan {
  if (!structure) return { moves: [], structure: null }
  const { cells } = byCell(structure, cards)
  const work = [...cells.values()].map((c) => ({ ...c, arrivals: new Map<string, Arrival>(), reflow: true }))
  return flowCells(structure, cards, work, opts)
}

/**
 * After a structure edit: the cells whose size changed re-flow (cards of a resized stage or lane
 * take the new cell's slots); the lanes do not grow, since the facilitator just chose their size.
 * `cards` are the cards after the edit's own moves.
 */
export function reflowAfterEdit(
  before: BoardStructure,
  after: BoardStructure,
  cards: readonly FlowCard[],
): FlowPlan {
  const { cells } = byCell(after, cards)
  const work: CellWork[] = []
  for (const c of cells.values()) {
    const old = cellRect(before, c.ref)
    const now = cellRect(after, c.ref)
    if (!now) continue
    if (old && old.w === now.w && old.h === now.h) continue
    work.push({ ...c, arrivals: new Map(), reflow: true })
  }
  return flowCells(after, cards, work, { canGrow: false })
}

/**
 * The box the next card in `cell` takes, given the boxes of the cards already in it (for clients
 * that write a card straight into the document, e.g. the participant screen). Lanes do not grow
 * here: a full cell's next slot is in the shrunken layout, and the facilitator's board settles the
 * cell (lanes grow, cards resize) when the card arrives. Null for an unknown cell.
 */
export function nextSlot(
  structure: BoardStructure | null,
  cell: CellRef,
  cardsInCell: readonly Box[],
): Box | null {
  const rect = cellRect(structure, cell)
  if (!rect) return null
  const n = cardsInCell.length + 1
  const layout = cellLayout(rect, n, false)
  const slots = slotCount(layout, n)
  const taken = new Set<number>()
  for (const b of cardsInCell) {
    const i = nearestSlot(layout, slots, { x: b.x + b.w / 2, y: b.y + b.h / 2 })
    if (i >= 0 && sameBox(b, slotBox(layout, i))) taken.add(i)
  }
  for (let i = 0; i < slots; i++) if (!taken.has(i)) return slotBox(layout, i)
  return slotBox(layout, n - 1)
}
