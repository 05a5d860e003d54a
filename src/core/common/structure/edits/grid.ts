import {
  STRUCTURE_LIMITS,
  type BoardStructure,
  type CellRef,
  type GridStructure,
} from '../../../../shared/model/structure'
import {
  createAttributor,
  findBandIndex,
  gridLaneEdges,
  gridStageEdges,
  sameCell,
  structureBounds,
  type Rect,
} from '../attribution'
import {
  centreIn,
  isFiniteCard,
  isInsideRect,
  movesFrom,
  placeInHolding,
  scaleOffset,
  type CardMove,
  type EditCard,
} from './holding'
import type { ParsedEdit } from './schema'
import { itemTextPatch } from './itemText'

/**
 * Structure edits on a grid (stages and lanes) and the card moves that keep each card in its cell
 * (the rule is described in structureEdits.ts, the entry point).
 */

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

export function editGrid(g: GridStructure, e: ParsedEdit): GridStructure | string {
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
      const patch = itemTextPatch(e)
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

export function planGridMoves(
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
