import { BoardStructure, type ZoneStructure } from '../../../../shared/model/structure'
import type { CardMove, EditCard } from './holding'
import { editGrid, planGridMoves } from './grid'
import { StructureEdit, type StructureEditResult } from './schema'
import { editZones, planZoneMoves } from './zones'

export { HOLDING_GAP, HOLDING_STACK_GAP, type CardMove, type EditCard } from './holding'
export { StructureEdit, type ParsedEdit, type StructureEditResult } from './schema'

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
 *
 * This module is the entry point; the edit schema is in schema.ts, grid edits in grid.ts, zone edits
 * in zones.ts, and the card placement they share (holding area) in holding.ts.
 */

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

/** Applies moves to a list of cards (for callers and tests that keep cards as plain values). */
export function applyMoves<T extends EditCard>(cards: readonly T[], moves: readonly CardMove[]): T[] {
  const byId = new Map(moves.map((m) => [m.id, m]))
  return cards.map((c) => {
    const m = byId.get(c.id)
    return m ? { ...c, x: m.x, y: m.y } : c
  })
}
