import type { BoardStructure, CellRef } from '../../shared/model/structure'

/** How the renderer names a cell in words (the outline, announcements, the "move to" list). */
export const UNPLACED_LABEL = 'Not in a cell'

export function gridCellLabel(stage: string, lane: string): string {
  return `Stage ‘${stage}’ / Lane ‘${lane}’`
}

export function zoneLabel(zone: string): string {
  return `Zone ‘${zone}’`
}

/** A cell in words, for announcements and the "move to" list. */
export function describeCellRef(structure: BoardStructure | null, ref: CellRef): string {
  if (!structure || ref.type === 'unplaced') return UNPLACED_LABEL
  if (ref.type === 'cell' && structure.type === 'grid') {
    const s = structure.stages.find((x) => x.id === ref.stageId)
    const l = structure.lanes.find((x) => x.id === ref.laneId)
    if (s && l) return gridCellLabel(s.label, l.label)
  }
  if (ref.type === 'zone' && structure.type === 'zones') {
    const z = structure.zones.find((x) => x.id === ref.zoneId)
    if (z) return zoneLabel(z.label)
  }
  return UNPLACED_LABEL
}
