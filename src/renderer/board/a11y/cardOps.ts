import type { CardPhoto } from '../../../core/common/photos/photo'
import type * as Y from 'yjs'
import type { Editor, TLShapeId } from 'tldraw'
import {
  CARD_DEFAULT_SIZE,
  CARD_SHAPE_TYPE,
  normaliseCardFields,
  type CardAuthor,
  type CardKind,
  type ScribedFor,
} from '../../../core/common/cards/card'
import type { CellRef } from '../../../shared/model/structure'
import { cardBounds, selectCards, type CardRecord } from '../../../core/common/cards/cardRecord'
import { readStructure } from '../../../core/common/session/read'
import type { CardShape } from '../shapes/cardSchema'
import { createCard } from '../shapes/newCard'
import type { SessionRole } from '../../../shared/model/roles'
import { spotInCell } from '../../../core/common/structure/placement'
import { settleNow, type ArrangeContext } from '../structure/arrange'

/** Who adds cards through these operations (the Board's identity). */
export type { CardAuthor }

export interface CardPatch {
  kind?: CardKind
  text?: string
  owner?: string
  due?: string
}

/**
 * Card operations without the canvas, for the outline view and other keyboard / screen-reader paths.
 * Every change goes through the tldraw editor (so it is undoable and syncs to the document like a
 * change made on the canvas); reads come from the editor's store, which holds exactly what this person
 * sees, private cards included.
 */
export interface CardOps {
  /** Every valid card on the current page. */
  list(): CardRecord[]
  /** One card, or null when there is no valid card with this id. */
  get(id: string): CardRecord | null
  /** Calls back (at most once per animation frame) after cards change, locally or remotely. */
  subscribe(listener: () => void): () => void
  /** Calls back with the ids of cards that other people added (remote changes only). */
  onRemoteAdded(listener: (ids: string[]) => void): () => void
  /**
   * Adds a card in the next free slot of a cell (null or unplaced: below the structure). Returns its
   * id, or null if read-only.
   */
  add(
    kind: CardKind,
    text: string,
    cell: CellRef | null,
    /** author: for cards written on someone's behalf (imported rows); default this person. */
    extras?: {
      owner?: string
      due?: string
      scribedFor?: ScribedFor | null
      author?: CardAuthor
      /** A photo card's image (the text is its caption). */
      photo?: CardPhoto
    },
  ): string | null
  update(id: string, patch: CardPatch): boolean
  /** Moves a card to the next free slot of another cell (taking that cell's card size). */
  moveToCell(id: string, cell: CellRef): boolean
  remove(id: string): boolean
  /**
   * Puts a deleted card back as it was (same id, place and author), as its own undo step; false when a
   * card with that id is on the board already or the board is read-only. The relay then takes it out of
   * the trash and logs it as restored.
   */
  restore(record: CardRecord): boolean
  /** Selects the card on the canvas, brings it into view and puts keyboard focus on the canvas. */
  reveal(id: string): boolean
  /** The centre of this person's view of the canvas, in page coordinates. */
  viewportCentre(): { x: number; y: number } | null
  readOnly(): boolean
}

export function createCardOps(
  editor: Editor,
  doc: Y.Doc,
  getAuthor: () => CardAuthor & { readonly sessionRole?: SessionRole },
  arrange?: ArrangeContext,
): CardOps {
  const cardShape = (id: string): CardShape | null => {
    const s = editor.getShape(id as TLShapeId)
    return s && s.type === CARD_SHAPE_TYPE ? (s as CardShape) : null
  }
  // tldraw records are immutable: each version is validated once
  const parsed = new WeakMap<object, CardRecord | null>()
  const asCard = (shape: object): CardRecord | null => {
    let c = parsed.get(shape)
    if (c === undefined) {
      c = selectCards([shape]).cards[0] ?? null
      parsed.set(shape, c)
    }
    return c
  }
  const list = (): CardRecord[] => {
    const out: CardRecord[] = []
    for (const s of editor.getCurrentPageShapes()) {
      if (s.type !== CARD_SHAPE_TYPE) continue
      const c = asCard(s)
      if (c) out.push(c)
    }
    return out
  }

  /** The next slot of `cell` (its box), or a free spot of this size below the structure when unplaced. */
  const spotFor = (cell: CellRef | null, size: { w: number; h: number }, exceptId?: string) => {
    const occupied = list()
      .filter((c) => c.id !== exceptId)
      .map(cardBounds)
    const vp = editor.getViewportPageBounds()
    return spotInCell(readStructure(doc), cell, size, occupied, { x: vp.x, y: vp.y, w: vp.w, h: vp.h })
  }

  const writable = () => !editor.getIsReadonly()
  /** A participant changes only their own cards (the relay's rule; board/canvas/ownership.ts). */
  const mayChange = (shape: CardShape) => {
    const me = getAuthor()
    return me.sessionRole !== 'participant' || shape.props.authorId === me.id
  }

  return {
    list,
    get(id) {
      const s = editor.getShape(id as TLShapeId)
      return s && s.type === CARD_SHAPE_TYPE ? asCard(s) : null
    },
    subscribe(listener) {
      let frame: number | null = null
      const off = editor.store.listen(
        () => {
          if (frame !== null) return
          frame = requestAnimationFrame(() => {
            frame = null
            listener()
          })
        },
        { scope: 'document' },
      )
      return () => {
        off()
        if (frame !== null) cancelAnimationFrame(frame)
      }
    },
    onRemoteAdded(listener) {
      return editor.store.listen(
        (entry) => {
          const ids = Object.values(entry.changes.added)
            .filter((r) => r.typeName === 'shape' && (r as { type?: string }).type === CARD_SHAPE_TYPE)
            .map((r) => r.id)
          if (ids.length > 0) listener(ids)
        },
        { scope: 'document', source: 'remote' },
      )
    },
    add(kind, text, cell, extras = {}) {
      if (!writable()) return null
      const { author: onBehalf, ...fields } = extras
      // an imported row's author writes as that person; otherwise this person (who may scribe for someone)
      const author = onBehalf ? { ...onBehalf, sessionRole: getAuthor().sessionRole } : getAuthor()
      const size = { w: CARD_DEFAULT_SIZE.w, h: CARD_DEFAULT_SIZE.h }
      const id = createCard(editor, spotFor(cell, size), kind, text, author, fields)
      // a full cell re-flows (cards shrink together, or its lane grows) in the same undo step
      if (arrange) settleNow(editor, doc, [{ id }], arrange)
      return id
    },
    update(id, patch) {
      const shape = cardShape(id)
      if (!shape || !writable() || !mayChange(shape)) return false
      const props = normaliseCardFields({
        kind: patch.kind ?? shape.props.kind,
        text: patch.text ?? shape.props.text,
        owner: patch.owner ?? shape.props.owner,
        due: patch.due ?? shape.props.due,
      })
      editor.markHistoryStoppingPoint('edit card')
      editor.updateShape<CardShape>({ id: shape.id, type: CARD_SHAPE_TYPE, props })
      return true
    },
    moveToCell(id, cell) {
      const shape = cardShape(id)
      if (!shape || !writable() || shape.isLocked || !mayChange(shape)) return false
      const at = spotFor(cell, { w: shape.props.w, h: shape.props.h }, id)
      editor.markHistoryStoppingPoint('move card')
      editor.updateShape<CardShape>({
        id: shape.id,
        type: CARD_SHAPE_TYPE,
        x: at.x,
        y: at.y,
        props: { w: at.w, h: at.h },
      })
      if (arrange) settleNow(editor, doc, [{ id }], arrange)
      return true
    },
    remove(id) {
      const shape = cardShape(id)
      if (!shape || !writable() || shape.isLocked || !mayChange(shape)) return false
      editor.markHistoryStoppingPoint('delete card')
      editor.deleteShape(shape.id)
      return true
    },
    restore(record) {
      if (!writable() || editor.getShape(record.id as TLShapeId)) return false
      const parentId = editor.store.has(record.parentId as CardShape['parentId'])
        ? (record.parentId as CardShape['parentId'])
        : editor.getCurrentPageId()
      editor.markHistoryStoppingPoint('restore card')
      editor.createShape<CardShape>({
        id: record.id as TLShapeId,
        type: CARD_SHAPE_TYPE,
        x: record.x,
        y: record.y,
        rotation: record.rotation,
        parentId,
        props: record.props,
        meta: record.meta as CardShape['meta'],
      })
      return true
    },
    reveal(id) {
      const shape = cardShape(id)
      if (!shape) return false
      editor.select(shape.id)
      editor.getContainer().focus()
      const b = editor.getShapePageBounds(shape.id)
      if (b) editor.centerOnPoint(b.center, { animation: { duration: editor.options.animationMediumMs } })
      return true
    },
    viewportCentre() {
      const vp = editor.getViewportPageBounds()
      return vp.w > 0 && vp.h > 0 ? { x: vp.x + vp.w / 2, y: vp.y + vp.h / 2 } : null
    },
    readOnly: () => !writable(),
  }
}
