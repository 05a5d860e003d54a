import type { CardKind } from '../../shared/model/cardKinds'
import type { BoardStructure, CellRef, StructureItem } from '../../shared/model/structure'
import type { Agenda } from '../../core/common/facilitation/schema'
import { currentActivity } from '../../core/common/facilitation/agenda'

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

/** A cell's name in plain words: "Stage · Lane", or the zone's label. */
export function cellLabel(structure: BoardStructure | null, cell: CellRef | null): string | null {
  if (!structure || !cell) return null
  if (cell.type === 'zone' && structure.type === 'zones') {
    return structure.zones.find((z) => z.id === cell.zoneId)?.label ?? null
  }
  if (cell.type === 'cell' && structure.type === 'grid') {
    const stage = structure.stages.find((s) => s.id === cell.stageId)
    const lane = structure.lanes.find((l) => l.id === cell.laneId)
    if (!stage || !lane) return null
    return structure.lanes.length > 1 ? `${stage.label} · ${lane.label}` : stage.label
  }
  return null
}
