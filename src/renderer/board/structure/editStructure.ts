import type * as Y from 'yjs'
import type { Editor, TLShapeId, TLShapePartial } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/board/docSchema'
import {
  applyStructureEdit,
  type CardMove,
  type EditCard,
  type StructureEdit,
  type StructureEditResult,
} from '../../../core/common/board/structureEdits'
import type { SessionRole } from '../../../shared/model/roles'
import { canEditStructure } from './permissions'
import { readStructure, writeStructure } from '../../../core/common/board/workshopState'

/** The origin of structure writes made from this canvas (observers can tell them apart). */
export const STRUCTURE_EDIT_ORIGIN = { source: 'copro-structure-edit' }

/** Every card on the page, with the bounds attribution uses (record x, y and props w, h). */
export function cardsForEdit(editor: Editor): EditCard[] {
  const cards: EditCard[] = []
  for (const s of editor.getCurrentPageShapes()) {
    if (s.type !== CARD_SHAPE_TYPE) continue
    const p = s.props as { w: number; h: number }
    cards.push({ id: s.id, x: s.x, y: s.y, w: p.w, h: p.h })
  }
  return cards
}

/**
 * Moves cards to new top-left positions through the editor, as one change. Locked cards move too
 * (the structure decides where they belong). Unknown ids are ignored. Returns how many moved.
 *
 * The moves are kept out of the undo history: undoing them alone would put cards back into the
 * old structure's coordinates while the new structure stays, i.e. into the wrong cells.
 */
export function moveCards(editor: Editor, moves: readonly CardMove[]): number {
  const updates: TLShapePartial[] = []
  for (const m of moves) {
    if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) continue
    const shape = editor.getShape(m.id as TLShapeId)
    if (!shape || shape.type !== CARD_SHAPE_TYPE) continue
    updates.push({ id: shape.id, type: shape.type, x: m.x, y: m.y })
  }
  if (updates.length === 0) return 0
  editor.run(() => editor.updateShapes(updates), { history: 'ignore', ignoreShapeLock: true })
  return updates.length
}

/**
 * Applies a facilitator's structure edit to the live board: the new structure goes into the doc's
 * `workshop` map and the cards move so that each stays in its cell (src/core/common/board/structureEdits).
 * The card moves are flushed to the doc immediately before the structure is written, so peers
 * receive both back to back and never draw the new structure around unmoved cards for a frame.
 */
export function editBoardStructure(
  editor: Editor,
  doc: Y.Doc,
  edit: StructureEdit,
  role: SessionRole,
): StructureEditResult {
  if (!canEditStructure(role)) return { ok: false, message: 'only facilitators can change the structure' }
  if (editor.getIsReadonly()) return { ok: false, message: 'this board is read-only' }
  const structure = readStructure(doc)
  if (!structure) return { ok: false, message: 'this board has no structure' }
  const result = applyStructureEdit(structure, cardsForEdit(editor), edit)
  if (!result.ok) return result
  moveCards(editor, result.moves)
  flushStore(editor)
  writeStructure(doc, result.structure, STRUCTURE_EDIT_ORIGIN)
  return result
}

/** Hands pending store changes to listeners (the Yjs binding) now instead of on the next frame. */
function flushStore(editor: Editor): void {
  const store = editor.store as unknown as { _flushHistory?: () => void }
  if (typeof store._flushHistory === 'function') store._flushHistory()
}
