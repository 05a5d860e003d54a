import type { BoardStructure, CellRef, GridLane, GridStage, Zone } from '../../../shared/model/structure'

/**
 * A cell's name in words. One lookup (resolveCell) and, side by side, the wordings the app uses today,
 * each tested where it is shown:
 *   describeCell      "Arriving × How it feels", "Ideas" or "Not in a cell" — the canvas drop target and
 *                     the templates view
 *   cellAnnouncement  "Stage ‘Arriving’ / Lane ‘How it feels’", "Zone ‘Ideas’" or "Not in a cell" —
 *                     the outline and screen-reader announcements
 *   guestCellLabel    "Arriving · How it feels" (just "Arriving" on a one-lane grid), "Ideas" or null —
 *                     the guest's phone ("your card goes to …")
 * Exports word cells from the export model (export/formats/common.ts), which already holds the labels.
 */
export const UNPLACED_LABEL = 'Not in a cell'

export type ResolvedCell =
  | { readonly type: 'cell'; readonly stage: GridStage; readonly lane: GridLane }
  | { readonly type: 'zone'; readonly zone: Zone }

/** The stage and lane (or zone) a reference names, or null when it is unplaced or no longer exists. */
export function resolveCell(structure: BoardStructure | null, ref: CellRef | null): ResolvedCell | null {
  if (!structure || !ref) return null
  if (ref.type === 'cell' && structure.type === 'grid') {
    const stage = structure.stages.find((s) => s.id === ref.stageId)
    const lane = structure.lanes.find((l) => l.id === ref.laneId)
    return stage && lane ? { type: 'cell', stage, lane } : null
  }
  if (ref.type === 'zone' && structure.type === 'zones') {
    const zone = structure.zones.find((z) => z.id === ref.zoneId)
    return zone ? { type: 'zone', zone } : null
  }
  return null
}

/** A cell in words: "Arriving × How it feels", "Ideas" (zone) or "Not in a cell". */
export function describeCell(structure: BoardStructure | null, ref: CellRef): string {
  const c = resolveCell(structure, ref)
  if (!c) return UNPLACED_LABEL
  return c.type === 'zone' ? c.zone.label : `${c.stage.label} × ${c.lane.label}`
}

export function gridCellLabel(stage: string, lane: string): string {
  return `Stage ‘${stage}’ / Lane ‘${lane}’`
}

export function zoneLabel(zone: string): string {
  return `Zone ‘${zone}’`
}

/** A cell in words, for announcements and the outline's "move to" list. */
export function cellAnnouncement(structure: BoardStructure | null, ref: CellRef): string {
  const c = resolveCell(structure, ref)
  if (!c) return UNPLACED_LABEL
  return c.type === 'zone' ? zoneLabel(c.zone.label) : gridCellLabel(c.stage.label, c.lane.label)
}

/** A cell's name in plain words for a guest: "Stage · Lane", or the zone's label; null when none. */
export function guestCellLabel(structure: BoardStructure | null, cell: CellRef | null): string | null {
  const c = resolveCell(structure, cell)
  if (!c) return null
  if (c.type === 'zone') return c.zone.label
  return structure?.type === 'grid' && structure.lanes.length > 1
    ? `${c.stage.label} · ${c.lane.label}`
    : c.stage.label
}
