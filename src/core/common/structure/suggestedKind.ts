import type { CardKind } from '../../../shared/model/cardKinds'
import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import { resolveCell } from './cellLabel'

/** The kind the composer starts with when the structure suggests none. */
export const FALLBACK_KIND: CardKind = 'idea'

/**
 * The kind the structure suggests for a new card in a cell, or null when it suggests none: a zone's
 * `suggestedKind`; in a grid cell the lane's, else the stage's (lanes usually say what kind of thing
 * goes in the row — "What is hard" — while stages are steps in time).
 */
export function suggestedKindFor(structure: BoardStructure | null, cell: CellRef | null): CardKind | null {
  const c = resolveCell(structure, cell)
  if (!c) return null
  if (c.type === 'zone') return c.zone.suggestedKind ?? null
  return c.lane.suggestedKind ?? c.stage.suggestedKind ?? null
}
