import type * as Y from 'yjs'
import type { Editor, TLShapeId, TLShapePartial } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import {
  freeUnplacedOverlaps,
  settleArrivals,
  tidyBoard,
  tidyCell,
  type Arrival,
  type FlowCard,
  type FlowMove,
  type FlowPlan,
} from '../../../core/common/structure/placement'
import { canEditStructure } from '../../../core/common/permissions'
import { isStructureLocked } from '../../../core/common/facilitation/locks'
import type { SessionRole } from '../../../shared/model/roles'
import type { CellRef } from '../../../shared/model/structure'
import { writeStructure } from '../../../core/common/session/write'
import { flushStore } from '../sync/flushStore'
import { currentStructure } from './useStructure'
import { cardsForEdit, STRUCTURE_EDIT_ORIGIN, type StructureUndo } from './editStructure'

/**
 * The canvas side of the card flow (src/core/common/structure/flow.ts, ADR 0030): applies flow plans
 * through the editor, settles every card that arrives in a cell, and Tidy.
 *
 * How cards arrive and who settles them:
 *  - made here (composer, `c`, outline, guest canvas, paste, duplicate): created in their cell's next
 *    slot, then settled on the next frame as part of the same undo step;
 *  - dragged here: when the drag ends, each dragged card takes the slot of its (new) cell nearest to
 *    where it was dropped, as part of the drag's undo step;
 *  - made by someone else (a guest's phone writes straight into the document): the facilitator's and
 *    co-facilitators' boards settle them, kept out of their undo history. Two facilitators compute
 *    the same plan from the same document, so their writes agree.
 * Lanes grow only for people who may change the structure (the growth is then an undoable structure
 * change). A participant's board moves only the cards that arrive (never other people's cards); when
 * their cell must re-flow, a facilitator's board does it as the card arrives there.
 */

export interface ArrangeContext {
  role(): SessionRole | null
  readonly structureUndo: StructureUndo
}

/** Whether this person's board may grow lanes. */
function mayGrow(editor: Editor, doc: Y.Doc, ctx: ArrangeContext): boolean {
  return !editor.getIsReadonly() && canEditStructure(ctx.role(), isStructureLocked(doc))
}

/**
 * Applies a flow plan: the grown structure first (as an undoable structure change), then the card
 * moves in one change. `history: 'record'` joins the current undo step; 'ignore' stays out of it.
 */
export function applyFlowPlan(
  editor: Editor,
  doc: Y.Doc,
  plan: FlowPlan,
  ctx: ArrangeContext,
  history: 'record' | 'ignore',
): number {
  const updates: TLShapePartial[] = []
  for (const m of plan.moves) {
    const shape = editor.getShape(m.id as TLShapeId)
    if (!shape || shape.type !== CARD_SHAPE_TYPE) continue
    updates.push({ id: shape.id, type: shape.type, x: m.x, y: m.y, props: { w: m.w, h: m.h } })
  }
  if (plan.structure) {
    const before = currentStructure(doc)
    if (before) {
      const moved = new Set(plan.moves.map((m) => m.id))
      ctx.structureUndo.push({
        before,
        after: plan.structure,
        from: cardsForEdit(editor).filter((c) => moved.has(c.id)),
        to: plan.moves,
      })
    }
  }
  if (updates.length > 0) editor.run(() => editor.updateShapes(updates), { history, ignoreShapeLock: true })
  if (plan.structure) {
    flushStore(editor.store)
    writeStructure(doc, plan.structure, STRUCTURE_EDIT_ORIGIN)
  }
  return updates.length
}

const flowCards = (editor: Editor): FlowCard[] => cardsForEdit(editor)

/** Settles cards that have just arrived in their cells now (see the module comment). */
export function settleNow(
  editor: Editor,
  doc: Y.Doc,
  arrivals: readonly Arrival[],
  ctx: ArrangeContext,
  history: 'record' | 'ignore' = 'record',
): number {
  if (editor.getIsReadonly()) return 0
  const planned = settleArrivals(currentStructure(doc), flowCards(editor), arrivals, {
    canGrow: mayGrow(editor, doc, ctx),
  })
  // Only those who run the session move other people's cards; a participant's board places the
  // arriving cards themselves, and a facilitator's board settles the rest of the cell when they arrive.
  const arriving = new Set(arrivals.map((a) => a.id))
  const settled = canEditStructure(ctx.role(), false)
    ? planned
    : { moves: planned.moves.filter((m) => arriving.has(m.id)), structure: null }
  // revealed private cards outside the cells were placed where each device saw a free place
  const revealed = arrivals.filter((a) => {
    const meta = editor.getShape(a.id as TLShapeId)?.meta as { private?: unknown } | undefined
    return a.at === undefined && meta?.private === false
  })
  const freed = freeUnplacedOverlaps(
    currentStructure(doc),
    flowCards(editor),
    revealed.map((a) => a.id),
  )
  const plan = freed.length > 0 ? { ...settled, moves: [...settled.moves, ...freed] } : settled
  if (plan.moves.length === 0 && !plan.structure) return 0
  return applyFlowPlan(editor, doc, plan, ctx, history)
}

/**
 * Tidy: the cards of one cell (or of every cell) re-flow into their slots in reading order, as one
 * undo step. The structure stays as it is (full cells shrink their cards), so one Ctrl+Z undoes it.
 * Returns how many cards moved.
 */
export function tidy(editor: Editor, doc: Y.Doc, cell: CellRef | null, ctx: ArrangeContext): number {
  if (editor.getIsReadonly()) return 0
  const structure = currentStructure(doc)
  const cards = flowCards(editor)
  const plan = cell
    ? tidyCell(structure, cards, cell, { canGrow: false })
    : tidyBoard(structure, cards, { canGrow: false })
  if (plan.moves.length === 0) return 0
  editor.markHistoryStoppingPoint(cell ? 'tidy cell' : 'tidy board')
  return applyFlowPlan(editor, doc, plan, ctx, 'record')
}

/**
 * Settles arriving cards on this board for as long as it is mounted (see the module comment).
 * Returns a function that stops it.
 */
export function installArranger(editor: Editor, doc: Y.Doc, ctx: ArrangeContext): () => void {
  const local = new Map<string, Arrival>()
  const remote = new Map<string, Arrival>()
  let applying = false
  const isCard = (r: { typeName: string; type?: string }) =>
    r.typeName === 'shape' && r.type === CARD_SHAPE_TYPE
  const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (applying || !isCard(shape)) return
    if (source === 'user') local.set(shape.id, { id: shape.id })
    else remote.set(shape.id, { id: shape.id })
  })
  const offChange = editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
    if (applying || source !== 'user' || !isCard(next)) return
    if (prev.x === next.x && prev.y === next.y) return
    // only drags: keyboard nudges, structure edits and flows move cards without a pointer
    if (!editor.isIn('select.translating')) return
    const p = next.props as { w: number; h: number }
    local.set(next.id, { id: next.id, at: { x: next.x + p.w / 2, y: next.y + p.h / 2 } })
  })
  const flush = (arrivals: Map<string, Arrival>, history: 'record' | 'ignore') => {
    const list = [...arrivals.values()].filter((a) => editor.getShape(a.id as TLShapeId))
    arrivals.clear()
    if (list.length === 0) return
    applying = true
    try {
      settleNow(editor, doc, list, ctx, history)
    } finally {
      applying = false
    }
  }
  const onTick = () => {
    if (local.size === 0 && remote.size === 0) return
    if (editor.isIn('select.translating') || editor.isIn('select.pointing_shape')) return
    flush(local, 'record')
    // other people's cards: settled by those who run the session
    if (remote.size > 0) {
      if (canEditStructure(ctx.role(), false)) flush(remote, 'ignore')
      else remote.clear()
    }
  }
  editor.on('tick', onTick)
  return () => {
    editor.off('tick', onTick)
    offCreate()
    offChange()
  }
}

export type { FlowMove }
