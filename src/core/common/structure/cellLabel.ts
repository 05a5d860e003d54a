import type { BoardStructure, CellRef, GridLane, GridStage, Zone } from '../../../shared/model/structure'

/**
 * A cell's name in words — ONE wording everywhere a cell is named: the canvas drop target, the templates
 * view, the outline and its "move to" list, screen-reader announcements and the guest's phone ("your card
 * goes to …"): "Arriving · How it feels" for a grid cell (stage · lane), the zone's own label ("Ideas"),
 * or "Not in a cell". Exports word cells from the export model (export/formats/common.ts), which already
 * holds the labels.
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

export function gridCellLabel(stage: string, lane: string): string {
  return `${stage} · ${lane}`
}

export function zoneLabel(zone: string): string {
  return zone
}

/** A cell in words: "Arriving · How it feels", "Ideas" (a zone) or "Not in a cell". */
export function cellName(
  structure: BoardStructure | null,
  ref: CellRef | null,
  /** "Not in a cell" in the reader's language (the renderer passes t('outline.unplaced')). */
  unplaced: string = UNPLACED_LABEL,
): string {
  const c = resolveCell(structure, ref)
  if (!c) return unplaced
  return c.type === 'zone' ? zoneLabel(c.zone.label) : gridCellLabel(c.stage.label, c.lane.label)
}

/** The same words for a guest's phone, or null when the reference names no cell (nothing to say). */
export function guestCellLabel(structure: BoardStructure | null, cell: CellRef | null): string | null {
  return resolveCell(structure, cell) ? cellName(structure, cell) : null
}
