import { z } from 'zod'
import { CardKind } from '../../../shared/model/cards'
import {
  BoardStructure,
  StableId,
  STRUCTURE_LIMITS,
  type CellRef,
  type GridStructure,
  type ZoneStructure,
} from '../../../shared/model/structure'
import { multiLine, singleLine } from '../templates/text'
import {
  createAttributor,
  findBandIndex,
  gridLaneEdges,
  gridStageEdges,
  sameCell,
  structureBounds,
  type Rect,
} from './attribution'
import type { CardBounds } from './records'

/**
 * Structure editing for the facilitator during a workshop (issue 5): add, rename, reorder, remove and
 * resize stages and lanes (or zones), and move the whole structure. Every edit returns the new
 * structure AND the card moves that keep each card in its cell.
 *
 * The rule (docs/formats/template.md, "Editing the structure during a workshop"):
 *  - every card keeps its attribution (same stage and lane ids, same zone, or unplaced), except
 *    cards whose stage, lane or zone is removed;
 *  - a card keeps its offset inside its cell; when the cell shrinks, offsets shrink in proportion,
 *    so cards keep their order and stay inside;
 *  - unplaced cards right of / below the grid move with the grid's right / bottom edge, so a holding
 *    area keeps its shape; unplaced cards elsewhere stay put unless the new structure would cover
 *    them, in which case they go to the holding area;
 *  - cards of a removed stage, lane or zone become unplaced and move to a holding area to the right
 *    of the structure (a column from its top; a new column when it reaches the bottom). They are
 *    listed in `displaced` so the UI can say so. Nothing is deleted.
 *  - zones: cards of a moved or resized zone move with it; a zone added or moved over other cards
 *    does not capture them (they are moved off it, to a free spot in their own zone, or to the
 *    holding area if none is free, and then listed in `displaced`).
 */

const Label = singleLine(STRUCTURE_LIMITS.labelMax)
const Prompt = multiLine(STRUCTURE_LIMITS.promptMax)
const Size = z.number().finite().min(40).max(20000)
const Coord = z.number().finite().min(-1e6).max(1e6)
const Index = z.number().int().min(0).max(1000)

const NewItem = z.object({
  id: StableId,
  label: Label,
  prompt: Prompt.default(''),
  easyRead: Prompt.default(''),
  kinds: z.array(CardKind).max(7).default([]),
})

export const StructureEdit = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addStage'), index: Index, stage: NewItem.extend({ width: Size }) }),
  z.object({ type: z.literal('addLane'), index: Index, lane: NewItem.extend({ height: Size }) }),
  z.object({ type: z.literal('addZone'), zone: NewItem.extend({ x: Coord, y: Coord, w: Size, h: Size }) }),
  z.object({ type: z.literal('rename'), id: StableId, label: Label }),
  z.object({
    type: z.literal('editText'),
    id: StableId,
    prompt: Prompt.optional(),
    easyRead: Prompt.optional(),
    kinds: z.array(CardKind).max(7).optional(),
  }),
  z.object({ type: z.literal('moveStage'), id: StableId, toIndex: Index }),
  z.object({ type: z.literal('moveLane'), id: StableId, toIndex: Index }),
  z.object({ type: z.literal('removeStage'), id: StableId }),
  z.object({ type: z.literal('removeLane'), id: StableId }),
  z.object({ type: z.literal('removeZone'), id: StableId }),
  z.object({ type: z.literal('resizeStage'), id: StableId, width: Size }),
  z.object({ type: z.literal('resizeLane'), id: StableId, height: Size }),
  z.object({
    type: z.literal('resizeHeaders'),
    headerHeight: Size.optional(),
    laneHeaderWidth: Size.optional(),
  }),
  z.object({ type: z.literal('setZoneRect'), id: StableId, x: Coord, y: Coord, w: Size, h: Size }),
  z.object({ type: z.literal('moveStructure'), dx: z.number().finite(), dy: z.number().finite() }),
])
export type StructureEdit = z.input<typeof StructureEdit>
type ParsedEdit = z.infer<typeof StructureEdit>

export interface EditCard extends CardBounds {
  readonly id: string
}

export interface CardMove {
  readonly id: string
  readonly x: number
  readonly y: number
}

export type StructureEditResult =
  | {
      readonly ok: true
      readonly structure: BoardStructure
      /** New top-left positions for the cards that must move (cards not listed stay where they are). */
      readonly moves: CardMove[]
      /** Cards that became unplaced (their stage, lane or zone was removed, or no free spot was left). */
      readonly displaced: string[]
    }
  | { readonly ok: false; readonly message: string }

/** Gap between the structure and the holding area, and between cards stacked in it. */
export const HOLDING_GAP = 80
export const HOLDING_STACK_GAP = 20

export function applyStructureEdit(
  structure: BoardStructure,
  cards: readonly EditCard[],
  edit: StructureEdit,
): StructureEditResult {
  const parsedStructure = BoardStructure.safeParse(structure)
  if (!parsedStructure.success) return { ok: false, message: 'the current board structure is not valid' }
  const parsedEdit = StructureEdit.safeParse(edit)
  if (!parsedEdit.success) {
    const issue = parsedEdit.error.issues[0]!
    return { ok: false, message: `invalid edit at ${issue.path.join('.') || 'edit'}: ${issue.message}` }
  }
  const e = parsedEdit.data
  const s = parsedStructure.data
  const next = s.type === 'grid' ? editGrid(s, e) : editZones(s, e)
  if (typeof next === 'string') return { ok: false, message: next }
  const checked = BoardStructure.safeParse(next)
  if (!checked.success) {
    const issue = checked.error.issues[0]!
    return {
      ok: false,
      message: `the edit would make the structure invalid (${issue.path.join('.')}: ${issue.message})`,
    }
  }
  const { moves, displaced } =
    s.type === 'grid' && checked.data.type === 'grid'
      ? planGridMoves(s, checked.data, cards, e)
      : planZoneMoves(s as ZoneStructure, checked.data as ZoneStructure, cards, e)
  return { ok: true, structure: checked.data, moves, displaced }
}

// ---------------------------------------------------------------------------------------------
// Structure changes

function allIds(s: BoardStructure): Set<string> {
  return new Set(
    s.type === 'grid'
      ? [...s.stages.map((x) => x.id), ...s.lanes.map((x) => x.id)]
      : s.zones.map((x) => x.id),
  )
}

function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list]
  const [item] = out.splice(from, 1)
  out.splice(to, 0, item!)
  return out
}

function editGrid(g: GridStructure, e: ParsedEdit): GridStructure | string {
  const ids = allIds(g)
  const stageAt = (id: string) => g.stages.findIndex((x) => x.id === id)
  const laneAt = (id: string) => g.lanes.findIndex((x) => x.id === id)
  const known = (id: string) => (ids.has(id) ? null : `there is no stage or lane "${id}"`)
  switch (e.type) {
    case 'addStage':
      if (ids.has(e.stage.id)) return `the id "${e.stage.id}" is already used`
      if (e.index > g.stages.length) return `a stage can be added at index 0 to ${g.stages.length}`
      if (g.stages.length >= STRUCTURE_LIMITS.maxStages)
        return `a grid holds at most ${STRUCTURE_LIMITS.maxStages} stages`
      return { ...g, stages: [...g.stages.slice(0, e.index), e.stage, ...g.stages.slice(e.index)] }
    case 'addLane':
      if (ids.has(e.lane.id)) return `the id "${e.lane.id}" is already used`
      if (e.index > g.lanes.length) return `a lane can be added at index 0 to ${g.lanes.length}`
      if (g.lanes.length >= STRUCTURE_LIMITS.maxLanes)
        return `a grid holds at most ${STRUCTURE_LIMITS.maxLanes} lanes`
      return { ...g, lanes: [...g.lanes.slice(0, e.index), e.lane, ...g.lanes.slice(e.index)] }
    case 'rename':
    case 'editText': {
      const missing = known(e.id)
      if (missing) return missing
      const patch =
        e.type === 'rename'
          ? { label: e.label }
          : {
              ...(e.prompt !== undefined ? { prompt: e.prompt } : {}),
              ...(e.easyRead !== undefined ? { easyRead: e.easyRead } : {}),
              ...(e.kinds !== undefined ? { kinds: e.kinds } : {}),
            }
      return {
        ...g,
        stages: g.stages.map((x) => (x.id === e.id ? { ...x, ...patch } : x)),
        lanes: g.lanes.map((x) => (x.id === e.id ? { ...x, ...patch } : x)),
      }
    }
    case 'moveStage': {
      const i = stageAt(e.id)
      if (i < 0) return `there is no stage "${e.id}"`
      if (e.toIndex >= g.stages.length) return `a stage can move to index 0 to ${g.stages.length - 1}`
      return { ...g, stages: moveItem(g.stages, i, e.toIndex) }
    }
    case 'moveLane': {
      const i = laneAt(e.id)
      if (i < 0) return `there is no lane "${e.id}"`
      if (e.toIndex >= g.lanes.length) return `a lane can move to index 0 to ${g.lanes.length - 1}`
      return { ...g, lanes: moveItem(g.lanes, i, e.toIndex) }
    }
    case 'removeStage':
      if (stageAt(e.id) < 0) return `there is no stage "${e.id}"`
      if (g.stages.length === 1) return 'a grid needs at least one stage'
      return { ...g, stages: g.stages.filter((x) => x.id !== e.id) }
    case 'removeLane':
      if (laneAt(e.id) < 0) return `there is no lane "${e.id}"`
      if (g.lanes.length === 1) return 'a grid needs at least one lane'
      return { ...g, lanes: g.lanes.filter((x) => x.id !== e.id) }
    case 'resizeStage':
      if (stageAt(e.id) < 0) return `there is no stage "${e.id}"`
      return { ...g, stages: g.stages.map((x) => (x.id === e.id ? { ...x, width: e.width } : x)) }
    case 'resizeLane':
      if (laneAt(e.id) < 0) return `there is no lane "${e.id}"`
      return { ...g, lanes: g.lanes.map((x) => (x.id === e.id ? { ...x, height: e.height } : x)) }
    case 'resizeHeaders':
      return {
        ...g,
        headerHeight: e.headerHeight ?? g.headerHeight,
        laneHeaderWidth: e.laneHeaderWidth ?? g.laneHeaderWidth,
      }
    case 'moveStructure':
      return { ...g, x: g.x + e.dx, y: g.y + e.dy }
    case 'addZone':
    case 'removeZone':
    case 'setZoneRect':
      return 'this board has stages and lanes, not zones'
  }
}

function editZones(s: ZoneStructure, e: ParsedEdit): ZoneStructure | string {
  const at = (id: string) => s.zones.findIndex((x) => x.id === id)
  switch (e.type) {
    case 'addZone':
      if (at(e.zone.id) >= 0) return `the id "${e.zone.id}" is already used`
      if (s.zones.length >= STRUCTURE_LIMITS.maxZones)
        return `a board holds at most ${STRUCTURE_LIMITS.maxZones} zones`
      return { ...s, zones: [...s.zones, e.zone] }
    case 'rename':
    case 'editText': {
      if (at(e.id) < 0) return `there is no zone "${e.id}"`
      const patch =
        e.type === 'rename'
          ? { label: e.label }
          : {
              ...(e.prompt !== undefined ? { prompt: e.prompt } : {}),
              ...(e.easyRead !== undefined ? { easyRead: e.easyRead } : {}),
              ...(e.kinds !== undefined ? { kinds: e.kinds } : {}),
            }
      return { ...s, zones: s.zones.map((z) => (z.id === e.id ? { ...z, ...patch } : z)) }
    }
    case 'removeZone':
      if (at(e.id) < 0) return `there is no zone "${e.id}"`
      if (s.zones.length === 1) return 'a board with zones needs at least one zone'
      return { ...s, zones: s.zones.filter((z) => z.id !== e.id) }
    case 'setZoneRect':
      if (at(e.id) < 0) return `there is no zone "${e.id}"`
      return {
        ...s,
        zones: s.zones.map((z) => (z.id === e.id ? { ...z, x: e.x, y: e.y, w: e.w, h: e.h } : z)),
      }
    case 'moveStructure':
      return { ...s, zones: s.zones.map((z) => ({ ...z, x: z.x + e.dx, y: z.y + e.dy })) }
    default:
      return 'this board has zones, not stages and lanes'
  }
}

// ---------------------------------------------------------------------------------------------
// Card moves: grids

interface Axis {
  readonly origin: number
  readonly header: number
  readonly ids: readonly string[]
  readonly sizes: readonly number[]
  /** Band edges, computed exactly as attribution does. */
  readonly edges: readonly number[]
  readonly indexById: ReadonlyMap<string, number>
}

function axis(
  origin: number,
  header: number,
  items: readonly { id: string }[],
  sizes: number[],
  edges: number[],
): Axis {
  const ids = items.map((x) => x.id)
  return { origin, header, ids, sizes, edges, indexById: new Map(ids.map((id, i) => [id, i])) }
}

function xAxis(g: GridStructure): Axis {
  return axis(
    g.x,
    g.laneHeaderWidth,
    g.stages,
    g.stages.map((s) => s.width),
    gridStageEdges(g),
  )
}

function yAxis(g: GridStructure): Axis {
  return axis(
    g.y,
    g.headerHeight,
    g.lanes,
    g.lanes.map((l) => l.height),
    gridLaneEdges(g),
  )
}

/** Offset inside a band that shrinks in proportion when the band shrinks. */
const scaleOffset = (rel: number, oldSize: number, newSize: number) =>
  newSize >= oldSize ? rel : (rel * newSize) / oldSize

/**
 * Where coordinate v (on one axis of the old grid) goes on the new grid. Bands are followed by id;
 * the header follows the origin; beyond the end follows the end (unless the whole grid moved).
 */
function mapAxis(oldA: Axis, newA: Axis, v: number): number {
  const oldEnd = oldA.edges[oldA.edges.length - 1]!
  const newEnd = newA.edges[newA.edges.length - 1]!
  if (v < oldA.origin) return v + (newA.origin - oldA.origin)
  if (v < oldA.edges[0]!) return newA.origin + scaleOffset(v - oldA.origin, oldA.header, newA.header)
  if (v >= oldEnd) return v + (newEnd - oldEnd)
  const i = findBandIndex(oldA.edges, v)
  const id = oldA.ids[i]!
  const j = newA.indexById.get(id) ?? -1
  if (j >= 0) return newA.edges[j]! + scaleOffset(v - oldA.edges[i]!, oldA.sizes[i]!, newA.sizes[j]!)
  // the band was removed: collapse onto the seam where it was
  const survivorsBefore = oldA.ids.slice(0, i).filter((x) => newA.indexById.has(x)).length
  return newA.edges[survivorsBefore]!
}

function planGridMoves(
  oldG: GridStructure,
  newG: GridStructure,
  cards: readonly EditCard[],
  e: ParsedEdit,
): { moves: CardMove[]; displaced: string[] } {
  const oldAttr = createAttributor(oldG)
  const newAttr = createAttributor(newG)
  const ox = xAxis(oldG)
  const oy = yAxis(oldG)
  const nx = xAxis(newG)
  const ny = yAxis(newG)
  const wholeGridMoved = e.type === 'moveStructure'
  const stageIds = new Set(nx.ids)
  const laneIds = new Set(ny.ids)
  const placed = new Map<string, { x: number; y: number }>()
  const toHolding: EditCard[] = []
  const displaced: string[] = []
  const oldBounds = structureBounds(oldG)

  for (const c of cards) {
    if (!isFiniteCard(c)) continue
    const before = oldAttr(c)
    if (before.type === 'cell' && (!stageIds.has(before.stageId) || !laneIds.has(before.laneId))) {
      toHolding.push(c)
      displaced.push(c.id)
      continue
    }
    const cx = c.x + c.w / 2
    const cy = c.y + c.h / 2
    // Moving the whole grid carries the cards on it (cells and headers); cards elsewhere stay put.
    const stays = wholeGridMoved && !isInsideRect(oldBounds, cx, cy)
    const ncx = stays ? cx : mapAxis(ox, nx, cx)
    const ncy = stays ? cy : mapAxis(oy, ny, cy)
    let pos = { x: c.x + (ncx - cx), y: c.y + (ncy - cy) }
    if (!sameCell(newAttr({ ...pos, w: c.w, h: c.h }), before)) {
      if (before.type === 'cell') pos = centreIn(cellRectOf(newG, before), c)
      if (!sameCell(newAttr({ ...pos, w: c.w, h: c.h }), before)) {
        toHolding.push(c)
        continue
      }
    }
    placed.set(c.id, pos)
  }
  placeInHolding(structureBounds(newG), toHolding, cards, placed)
  return { moves: movesFrom(cards, placed), displaced }
}

function cellRectOf(g: GridStructure, ref: Extract<CellRef, { type: 'cell' }>): Rect {
  const xs = gridStageEdges(g)
  const ys = gridLaneEdges(g)
  const si = g.stages.findIndex((s) => s.id === ref.stageId)
  const li = g.lanes.findIndex((l) => l.id === ref.laneId)
  return { x: xs[si]!, y: ys[li]!, w: g.stages[si]!.width, h: g.lanes[li]!.height }
}

// ---------------------------------------------------------------------------------------------
// Card moves: zones

function planZoneMoves(
  oldS: ZoneStructure,
  newS: ZoneStructure,
  cards: readonly EditCard[],
  _e: ParsedEdit,
): { moves: CardMove[]; displaced: string[] } {
  const oldAttr = createAttributor(oldS)
  const newAttr = createAttributor(newS)
  const newZones = new Map(newS.zones.map((z) => [z.id, z]))
  const oldZones = new Map(oldS.zones.map((z) => [z.id, z]))
  const placed = new Map<string, { x: number; y: number }>()
  const toHolding: EditCard[] = []
  const displaced: string[] = []

  for (const c of cards) {
    if (!isFiniteCard(c)) continue
    const before = oldAttr(c)
    let pos = { x: c.x, y: c.y }
    if (before.type === 'zone') {
      const nz = newZones.get(before.zoneId)
      if (!nz) {
        toHolding.push(c)
        displaced.push(c.id)
        continue
      }
      const oz = oldZones.get(before.zoneId)!
      const cx = c.x + c.w / 2
      const cy = c.y + c.h / 2
      const ncx = nz.x + scaleOffset(cx - oz.x, oz.w, nz.w)
      const ncy = nz.y + scaleOffset(cy - oz.y, oz.h, nz.h)
      pos = { x: c.x + (ncx - cx), y: c.y + (ncy - cy) }
    }
    if (!sameCell(newAttr({ ...pos, w: c.w, h: c.h }), before)) {
      const free = before.type === 'zone' ? freeSpotInZone(newS, before.zoneId, c, newAttr) : null
      if (!free) {
        toHolding.push(c)
        if (before.type === 'zone') displaced.push(c.id)
        continue
      }
      pos = free
    }
    placed.set(c.id, pos)
  }
  placeInHolding(structureBounds(newS), toHolding, cards, placed)
  return { moves: movesFrom(cards, placed), displaced }
}

/** A card position inside zone `zoneId` where attribution says `zoneId` (the zone may be partly covered). */
function freeSpotInZone(
  s: ZoneStructure,
  zoneId: string,
  c: EditCard,
  attr: (b: CardBounds) => CellRef,
): { x: number; y: number } | null {
  const z = s.zones.find((q) => q.id === zoneId)!
  const steps = 9
  let best: { x: number; y: number; d: number } | null = null
  const cx = c.x + c.w / 2
  const cy = c.y + c.h / 2
  for (let i = 0; i < steps; i++)
    for (let j = 0; j < steps; j++) {
      const px = z.x + ((i + 0.5) / steps) * z.w
      const py = z.y + ((j + 0.5) / steps) * z.h
      const pos = { x: px - c.w / 2, y: py - c.h / 2 }
      const ref = attr({ ...pos, w: c.w, h: c.h })
      if (ref.type !== 'zone' || ref.zoneId !== zoneId) continue
      const d = (px - cx) ** 2 + (py - cy) ** 2
      if (!best || d < best.d) best = { ...pos, d }
    }
  return best ? { x: best.x, y: best.y } : null
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function isFiniteCard(c: CardBounds): boolean {
  return [c.x, c.y, c.w, c.h].every(Number.isFinite)
}

function isInsideRect(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h
}

function centreIn(r: Rect, c: CardBounds): { x: number; y: number } {
  return { x: r.x + r.w / 2 - c.w / 2, y: r.y + r.h / 2 - c.h / 2 }
}

/**
 * Stacks cards in columns to the right of the structure and of every card already right of it,
 * starting level with the structure's top; a new column starts when a column passes its bottom.
 */
function placeInHolding(
  bounds: Rect,
  toHolding: readonly EditCard[],
  cards: readonly EditCard[],
  placed: Map<string, { x: number; y: number }>,
): void {
  if (toHolding.length === 0) return
  const right = bounds.x + bounds.w
  const bottom = bounds.y + Math.max(bounds.h, 1000)
  const moving = new Set(toHolding.map((c) => c.id))
  let x = right
  for (const c of cards) {
    if (moving.has(c.id) || !isFiniteCard(c)) continue
    const p = placed.get(c.id) ?? { x: c.x, y: c.y }
    if (p.x + c.w / 2 >= right && p.y < bottom && p.y + c.h > bounds.y) x = Math.max(x, p.x + c.w)
  }
  x += HOLDING_GAP
  let y = bounds.y
  let columnWidth = 0
  for (const c of toHolding) {
    if (y > bounds.y && y + c.h > bottom) {
      x += columnWidth + HOLDING_STACK_GAP
      y = bounds.y
      columnWidth = 0
    }
    placed.set(c.id, { x, y })
    y += c.h + HOLDING_STACK_GAP
    columnWidth = Math.max(columnWidth, c.w)
  }
}

function movesFrom(
  cards: readonly EditCard[],
  placed: ReadonlyMap<string, { x: number; y: number }>,
): CardMove[] {
  const moves: CardMove[] = []
  for (const c of cards) {
    const p = placed.get(c.id)
    if (p && (p.x !== c.x || p.y !== c.y)) moves.push({ id: c.id, x: p.x, y: p.y })
  }
  return moves
}

/** Applies moves to a list of cards (for callers and tests that keep cards as plain values). */
export function applyMoves<T extends EditCard>(cards: readonly T[], moves: readonly CardMove[]): T[] {
  const byId = new Map(moves.map((m) => [m.id, m]))
  return cards.map((c) => {
    const m = byId.get(c.id)
    return m ? { ...c, x: m.x, y: m.y } : c
  })
}
