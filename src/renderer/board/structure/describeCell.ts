import type { BoardStructure, CellRef } from '../../../shared/model/structure'

/** A cell in words: "Arriving × How it feels", "Ideas" (zone) or "Not in a cell". */
export function describeCell(structure: BoardStructure | null, ref: CellRef): string {
  if (!structure || ref.type === 'unplaced') return 'Not in a cell'
  if (ref.type === 'zone') {
    if (structure.type !== 'zones') return 'Not in a cell'
    return structure.zones.find((z) => z.id === ref.zoneId)?.label ?? 'Not in a cell'
  }
  if (structure.type !== 'grid') return 'Not in a cell'
  const stage = structure.stages.find((s) => s.id === ref.stageId)?.label
  const lane = structure.lanes.find((l) => l.id === ref.laneId)?.label
  return stage && lane ? `${stage} × ${lane}` : 'Not in a cell'
}
