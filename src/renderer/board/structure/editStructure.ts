import type * as Y from 'yjs'
import type { Editor, TLShapeId, TLShapePartial } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import { reflowAfterEdit } from '../../../core/common/structure/placement'
import {
  applyMoves,
  applyStructureEdit,
  type CardMove,
  type EditCard,
  type StructureEdit,
  type StructureEditResult,
} from '../../../core/common/structure/edits'
import type { SessionRole } from '../../../shared/model/roles'
import type { BoardStructure } from '../../../shared/model/structure'
import { canEditStructure } from '../../../core/common/permissions'
import { flushStore } from '../sync/flushStore'
import { readStructure } from '../../../core/common/session/read'
import { writeStructure } from '../../../core/common/session/write'
import { isStructureLocked } from '../../../core/common/facilitation/locks'

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
    const size =
      m.w !== undefined && m.h !== undefined && m.w > 0 && m.h > 0 ? { props: { w: m.w, h: m.h } } : {}
    updates.push({ id: shape.id, type: shape.type, x: m.x, y: m.y, ...size })
  }
  if (updates.length === 0) return 0
  editor.run(() => editor.updateShapes(updates), { history: 'ignore', ignoreShapeLock: true })
  return updates.length
}

/**
 * Applies a facilitator's structure edit to the live board: the new structure goes into the doc's
 * `workshop` map and the cards move so that each stays in its cell (src/core/common/structure/edits).
 * The card moves are flushed to the doc immediately before the structure is written, so peers
 * receive both back to back and never draw the new structure around unmoved cards for a frame.
 */
const STRUCTURE_REFUSAL = 'only facilitators can change the structure (or it is locked)'

export function editBoardStructure(
  editor: Editor,
  doc: Y.Doc,
  edit: StructureEdit,
  role: SessionRole,
  undo: StructureUndo,
): StructureEditResult {
  if (!canEditStructure(role, isStructureLocked(doc))) return { ok: false, message: STRUCTURE_REFUSAL }
  if (editor.getIsReadonly()) return { ok: false, message: 'this board is read-only' }
  const structure = readStructure(doc)
  if (!structure) return { ok: false, message: 'this board has no structure' }
  const cards = cardsForEdit(editor)
  const edited = applyStructureEdit(structure, cards, edit)
  if (!edited.ok) return edited
  const result = withReflow(structure, cards, edited)
  const movedIds = new Set(result.moves.map((m) => m.id))
  undo.push({
    before: structure,
    after: result.structure,
    from: cards.filter((c) => movedIds.has(c.id)).map((c) => ({ id: c.id, x: c.x, y: c.y, w: c.w, h: c.h })),
    to: result.moves,
  })
  moveCards(editor, result.moves)
  flushStore(editor.store)
  writeStructure(doc, result.structure, STRUCTURE_EDIT_ORIGIN)
  return result
}

/** The edit's card moves, then the cells it resized re-flow (the card flow, ADR 0030). */
function withReflow(
  before: BoardStructure,
  cards: readonly EditCard[],
  edited: Extract<StructureEditResult, { ok: true }>,
): Extract<StructureEditResult, { ok: true }> {
  const moved = applyMoves(cards, edited.moves)
  const reflow = reflowAfterEdit(before, edited.structure, moved)
  if (reflow.moves.length === 0) return edited
  const byId = new Map<string, CardMove>(edited.moves.map((m) => [m.id, m]))
  for (const m of reflow.moves) byId.set(m.id, m)
  return { ...edited, moves: [...byId.values()] }
}

// ---------------------------------------------------------------------------------------------
// Undo for structure edits (tldraw's undo does not cover the structure, which lives outside it)

interface UndoEntry {
  readonly before: BoardStructure
  readonly after: BoardStructure
  /** Positions of the moved cards before the edit … */
  readonly from: readonly CardMove[]
  /** … and where the edit put them. */
  readonly to: readonly CardMove[]
}

const MAX_UNDO = 20

/**
 * This person's structure edits that can be undone, newest last (at most 20). One per open session
 * (BoardSession.structureUndo), handed to the Board; never shared between sessions.
 */
export class StructureUndo {
  private readonly stack: UndoEntry[] = []

  push(entry: UndoEntry): void {
    this.stack.push(entry)
    if (this.stack.length > MAX_UNDO) this.stack.shift()
  }

  /** How many structure edits made here can be undone. */
  get depth(): number {
    return this.stack.length
  }

  peek(): UndoEntry | undefined {
    return this.stack[this.stack.length - 1]
  }

  pop(): void {
    this.stack.pop()
  }

  clear(): void {
    this.stack.length = 0
  }
}

export type UndoStructureResult = { ok: true; restored: number } | { ok: false; message: string }

/**
 * Undoes this person's last structure edit: the structure goes back, and the cards the edit moved go
 * back to where they were, unless someone has moved them since (those stay where they are now).
 * Refused when the structure has changed since (e.g. another facilitator edited it).
 */
export function undoStructureEdit(
  editor: Editor,
  doc: Y.Doc,
  role: SessionRole,
  undo: StructureUndo,
): UndoStructureResult {
  if (!canEditStructure(role, isStructureLocked(doc))) return { ok: false, message: STRUCTURE_REFUSAL }
  if (editor.getIsReadonly()) return { ok: false, message: 'this board is read-only' }
  const entry = undo.peek()
  if (!entry) return { ok: false, message: 'there is no structure change to undo' }
  if (JSON.stringify(readStructure(doc)) !== JSON.stringify(entry.after)) {
    undo.clear()
    return { ok: false, message: 'the structure has changed since, so the last change cannot be undone' }
  }
  undo.pop()
  const to = new Map(entry.to.map((m) => [m.id, m]))
  const back: CardMove[] = []
  for (const m of entry.from) {
    const now = editor.getShape(m.id as TLShapeId)
    const placed = to.get(m.id)
    if (now && placed && now.x === placed.x && now.y === placed.y) back.push(m)
  }
  const restored = moveCards(editor, back)
  flushStore(editor.store)
  writeStructure(doc, entry.before, STRUCTURE_EDIT_ORIGIN)
  return { ok: true, restored }
}
