import type * as Y from 'yjs'
import type { Editor } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import { CARD_DEFAULT_SIZE } from '../../core/common/cards/card'
import { type CardKind } from '../../shared/model/cardKinds'
import type { PresenceState } from '../../shared/model/participant'
import type { CoproRole, SessionRole } from '../../shared/model/roles'
import { CARD_SHAPE_TYPE } from '../../core/common/cards/card'
import { createCard } from './shapes/newCard'
import type { CardMove, StructureEdit, StructureEditResult } from '../../core/common/structure/edits'
import { isStructureLocked } from '../../core/common/facilitation/locks'
import type { CardShape } from './shapes/cardSchema'
import type { PresenceSync } from './sync/presence'
import { adjacentInReadingOrder, placeNewCard, type OrderBox } from './readingOrder'
import { createCardOps, type CardOps } from './a11y/cardOps'
import {
  editBoardStructure,
  moveCards,
  undoStructureEdit,
  type StructureUndo,
  type UndoStructureResult,
} from './structure/editStructure'
import { zoomToStructure } from './structure/camera'
import { canEditStructure } from '../../core/common/permissions'
import { currentStructure } from './structure/useStructure'
import { exportBoardImage, type ImageExportOptions, type ImageFormat } from './export/exportImage'

export interface BoardIdentity {
  id: string
  name: string
  anonymous: boolean
  coproRole: CoproRole
  sessionRole: SessionRole
}

export interface BoardStatus {
  connection: 'connecting' | 'connected' | 'offline'
  synced: boolean
  peers: number
  schemaError: string | null
  invalidRecords: number
  /** The last close the relay sent (e.g. a refused token: 4400–4499 stop reconnecting). */
  lastClose: { code: number; reason: string } | null
}

export interface CardExtras {
  owner?: string
  due?: string
}

export interface BoardApi {
  /** Opens the card composer (also the `c` key on the canvas). */
  openComposer(kind?: CardKind): void
  /** Adds a card beside the selection or at the viewport centre; returns its shape id. */
  addCard(kind: CardKind, text: string, extras?: CardExtras): string
  followUser(participantId: string | null): boolean
  /** Facilitator / co-facilitator only: moves everyone's view to this one. Returns false otherwise. */
  bringEveryoneToMe(): boolean
  getPeers(): PresenceState[]
  onPeers(listener: (peers: PresenceState[]) => void): () => void
  undo(): void
  redo(): void
  zoomToFit(): void
  /**
   * Measures the canvas again. A board in a hidden tab has no size; call this as its tab is shown, so
   * the first click or camera move after switching tabs lands where the person sees it.
   */
  remeasure(): void
  /** Selects the next/previous card in reading order (also Tab / Shift+Tab); returns its id. */
  focusNextCard(dir: 1 | -1): string | null
  /** Card shape ids in reading order. */
  getCardIdsInReadingOrder(): string[]
  /** Ids of the cards selected on the canvas (e.g. to group them as a theme). */
  getSelectedCardIds(): string[]
  getStatus(): BoardStatus
  /** Drops (false) or restores (true) the relay connection; editing continues offline either way. */
  setOnline(online: boolean): void
  /** Card operations without the canvas (outline view, keyboard and screen-reader paths). */
  cards: CardOps
  /** Facilitators: edits the board structure and moves cards so they stay in their cells. */
  editStructure(edit: StructureEdit): StructureEditResult
  /** Moves cards to new top-left positions in one change (kept out of undo; see structure/editStructure). */
  moveCards(moves: readonly CardMove[]): number
  /** Fits the board structure (stages and lanes, or zones) into view; false when there is none. */
  zoomToStructure(): boolean
  /** Whether this person (by the role their connection grants) may change the board structure. */
  canEditStructure(): boolean
  /** Undoes this person's last structure edit (structure and the cards it moved). */
  undoStructureEdit(): UndoStructureResult
  /** How many structure edits made here can be undone. */
  structureUndoDepth(): number
  /** A PNG or SVG picture of the whole board or one stage, lane or zone, structure labels included. */
  exportImage(format: ImageFormat, opts?: ImageExportOptions): Promise<Blob>
  doc: Y.Doc
  editor: Editor
}

/** What the API reads of the Board component that made it (always the current values). */
export interface BoardApiContext {
  identity(): BoardIdentity
  status(): BoardStatus
  /** The relay connection, if the board still has one. */
  provider(): WebsocketProvider | null
  openComposer(kind: CardKind): void
  /** Where this person's structure edits are kept for undo (the session's, so a remount keeps them). */
  structureUndo: StructureUndo
}

function cardBoxes(editor: Editor): OrderBox[] {
  const boxes: OrderBox[] = []
  for (const s of editor.getCurrentPageShapes()) {
    if (s.type !== CARD_SHAPE_TYPE) continue
    const b = editor.getShapePageBounds(s)
    if (b) boxes.push({ id: s.id, x: b.x, y: b.y, w: b.w, h: b.h })
  }
  return boxes
}

/** The API of a mounted board (see BoardApi), over its editor, document and presence. */
export function createBoardApi(
  editor: Editor,
  doc: Y.Doc,
  presence: PresenceSync,
  ctx: BoardApiContext,
): BoardApi {
  const addCard = (kind: CardKind, text: string, extras: CardExtras = {}): string => {
    const sel = editor.getSelectionPageBounds()
    const at = placeNewCard(CARD_DEFAULT_SIZE, editor.getViewportPageBounds(), sel)
    const id = createCard(editor, at, kind, text, ctx.identity(), extras)
    editor.select(id)
    return id
  }
  const focusNextCard = (dir: 1 | -1): string | null => {
    const only = editor.getOnlySelectedShape()
    const current = only && only.type === CARD_SHAPE_TYPE ? only.id : null
    const next = adjacentInReadingOrder(cardBoxes(editor), current, dir)
    if (!next) return null
    editor.select(next as CardShape['id'])
    const bounds = editor.getShapePageBounds(next as CardShape['id'])
    if (bounds && !editor.getViewportPageBounds().contains(bounds)) {
      editor.centerOnPoint(bounds.center, { animation: { duration: 200 } })
    }
    return next
  }
  return {
    openComposer: (kind = 'idea') => {
      if (!editor.getIsReadonly()) ctx.openComposer(kind)
    },
    addCard,
    followUser: (id) => presence.follow(id),
    bringEveryoneToMe: () => presence.summonEveryone(),
    getPeers: () => presence.getPeers(),
    onPeers: (l) => presence.onPeers(l),
    undo: () => void editor.undo(),
    redo: () => void editor.redo(),
    zoomToFit: () => void editor.zoomToFit({ animation: { duration: 200 } }),
    remeasure: () => editor.updateViewportScreenBounds(editor.getContainer()),
    focusNextCard,
    getSelectedCardIds: () =>
      editor
        .getSelectedShapes()
        .filter((s) => s.type === CARD_SHAPE_TYPE)
        .map((s) => s.id),
    getCardIdsInReadingOrder: () => {
      const boxes = cardBoxes(editor)
      const order: string[] = []
      let cur: string | null = null
      for (let i = 0; i < boxes.length; i++) {
        cur = adjacentInReadingOrder(boxes, cur, 1)
        if (cur) order.push(cur)
      }
      return order
    },
    getStatus: () => ctx.status(),
    setOnline: (online) => {
      const provider = ctx.provider()
      if (!provider) return
      if (online) provider.connect()
      else provider.disconnect()
    },
    cards: createCardOps(editor, doc, ctx.identity),
    editStructure: (edit) =>
      editBoardStructure(editor, doc, edit, ctx.identity().sessionRole, ctx.structureUndo),
    moveCards: (moves) => moveCards(editor, moves),
    zoomToStructure: () => zoomToStructure(editor, currentStructure(doc)),
    canEditStructure: () => canEditStructure(ctx.identity().sessionRole, isStructureLocked(doc)),
    undoStructureEdit: () => undoStructureEdit(editor, doc, ctx.identity().sessionRole, ctx.structureUndo),
    structureUndoDepth: () => ctx.structureUndo.depth,
    exportImage: (format, opts) => exportBoardImage(editor, currentStructure(doc), format, opts),
    doc,
    editor,
  }
}
