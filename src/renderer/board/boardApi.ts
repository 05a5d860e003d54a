import type * as Y from 'yjs'
import type { Editor } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import { CARD_DEFAULT_SIZE, type ScribedFor } from '../../core/common/cards/card'
import { type CardKind } from '../../shared/model/cardKinds'
import type { PresenceState } from '../../shared/model/participant'
import type { CoproRole, SessionRole } from '../../shared/model/roles'
import { CARD_SHAPE_TYPE } from '../../core/common/cards/card'
import { createCard } from './shapes/newCard'
import type { CardMove, StructureEdit, StructureEditResult } from '../../core/common/structure/edits'
import { isStructureLocked } from '../../core/common/facilitation/locks'
import type { CardShape } from './shapes/cardSchema'
import type { PresenceSync } from './sync/presence'
import { adjacentInReadingOrder, type OrderBox } from './readingOrder'
import { nearestCell, spotInCell } from '../../core/common/structure/placement'
import { attributeCard, createAttributor } from '../../core/common/structure/attribution'
import type { CellRef } from '../../shared/model/structure'
import { settleNow, tidy, type ArrangeContext } from './structure/arrange'
import { createCardOps, type CardOps } from './a11y/cardOps'
import {
  editBoardStructure,
  moveCards,
  undoStructureEdit,
  type StructureUndo,
  type UndoStructureResult,
} from './structure/editStructure'
import {
  bringCardIntoView,
  fitInto,
  zoomToContent,
  zoomToStructure,
  type ScreenInsets,
} from './structure/camera'
import type { Rect } from '../../core/common/structure/attribution'
import { canEditStructure } from '../../core/common/permissions'
import { currentStructure } from './structure/useStructure'
import { createLinkOps, type LinkOps } from './links/linkOps'
import { boardImageUrl, uploadBoardPhoto } from './sync/assetStore'
import type { AssetEndpoint } from '../device/assetEndpoint'
import type { CardPhoto } from '../../core/common/photos/photo'
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
  /** Changes made on this device that were too large to share, so were undone (sync/binding.ts). */
  tooLarge: number
}

export interface CardExtras {
  owner?: string
  due?: string
  /** Facilitators: write the card for this participant or role ("scribed for …"). */
  scribedFor?: ScribedFor | null
  /** The cell the card goes to (default: see BoardApi.addCard). */
  cell?: CellRef | null
}

/** Where and how the composer opens: the kind (else the one the cell suggests), the cell, starting text. */
export interface ComposerRequest {
  kind?: CardKind
  /** The cell the card goes to; when left out, the cell under the pointer, the selection or the view. */
  cell?: CellRef
  text?: string
}

export interface BoardApi {
  /**
   * Opens the card composer (also `c`, double-click on empty space and the toolbar's Card button) for a
   * cell: the one named, else the one under the pointer, the selected card's or the one in the middle
   * of the view. It starts with the kind given, else the kind the cell suggests.
   */
  openComposer(kind?: CardKind, request?: Omit<ComposerRequest, 'kind'>): void
  /** The cell a card made now would go to (see openComposer). */
  composerTarget(): CellRef
  /**
   * Adds a card in the next free slot of a cell and returns its shape id. The cell: `extras.cell`;
   * else the cell the pointer was on when the composer opened (or now); else the selected card's
   * cell; else the cell in (or nearest to) the middle of the view; on a board without structure, a
   * free spot in the view.
   */
  addCard(kind: CardKind, text: string, extras?: CardExtras): string
  /** Tidy: re-flows the cards of one cell (or of every cell) into their slots, as one undo step. */
  tidy(cell?: CellRef | null): number
  /** The selected card's cell, else the cell under the pointer (null: neither). */
  cellHere(): CellRef | null
  followUser(participantId: string | null): boolean
  /** Facilitator / co-facilitator only: moves everyone's view to this one. Returns false otherwise. */
  bringEveryoneToMe(): boolean
  getPeers(): PresenceState[]
  onPeers(listener: (peers: PresenceState[]) => void): () => void
  /** A wall window: publishes no presence of its own (sync/presence.ts setQuiet). */
  setQuietPresence(quiet: boolean): void
  undo(): void
  redo(): void
  zoomToFit(): void
  /** Shift+1: fits the structure into view, or every shape when the board has no structure. */
  fitStructureOrContent(): void
  /** Fits page bounds into the part of the view not covered by `insets` (screen px), at once. */
  fitInto(bounds: Rect, insets: ScreenInsets): void
  /** Notes the camera as it is now; the function returned puts it back (the wall, on leaving). */
  holdCamera(): () => void
  /** Shift+2: fits the selection into view; false when nothing is selected. */
  zoomToSelection(): boolean
  /**
   * Measures the canvas again. A board in a hidden tab has no size; call this as its tab is shown, so
   * the first click or camera move after switching tabs lands where the person sees it.
   */
  remeasure(): void
  /**
   * Selects the next/previous card in reading order (also Tab / Shift+Tab); returns its id. Past the
   * last (first) card it wraps round, or with `wrap` false selects nothing and returns null.
   */
  focusNextCard(dir: 1 | -1, wrap?: boolean): string | null
  /** Card shape ids in reading order. */
  getCardIdsInReadingOrder(): string[]
  /** Ids of the cards selected on the canvas (e.g. to group them as a theme). */
  getSelectedCardIds(): string[]
  getStatus(): BoardStatus
  /** Drops (false) or restores (true) the relay connection; editing continues offline either way. */
  setOnline(online: boolean): void
  /** Card operations without the canvas (outline view, keyboard and screen-reader paths). */
  cards: CardOps
  /** Links between cards (arrows joining two cards, with a kind; ADR 0035). */
  links: LinkOps
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
  /** The relay connection, if the board still has one (moderation messages ride on it). */
  provider(): WebsocketProvider | null
  /** Where this board shows a photo card's image (its asset id) or a picture's stored src; null: nowhere. */
  imageUrl(ref: { photoId: string } | { src: string }): string | null
  /** Shrinks a photo (≤ 2,000 px) and stores it in this board's asset store, for a photo card. */
  uploadPhoto(file: Blob): Promise<CardPhoto>
  /** The asset store of the server this board syncs with (a publication mirrors it, share/assetMirror.ts). */
  readonly assets: AssetEndpoint
  doc: Y.Doc
  editor: Editor
}

/** What the API reads of the Board component that made it (always the current values). */
export interface BoardApiContext {
  identity(): BoardIdentity
  status(): BoardStatus
  /** The relay connection, if the board still has one. */
  provider(): WebsocketProvider | null
  openComposer(request: ComposerRequest & { cell: CellRef }): void
  /** Where this person's structure edits are kept for undo (the session's, so a remount keeps them). */
  structureUndo: StructureUndo
  /** The asset store of the server this board syncs with (its images and photos). */
  assets: AssetEndpoint
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
  const arrange: ArrangeContext = {
    role: () => ctx.identity().sessionRole,
    get structureUndo() {
      return ctx.structureUndo
    },
  }
  const cellAt = (p: { x: number; y: number } | null | undefined): CellRef | null => {
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return null
    const ref = createAttributor(currentStructure(doc))({ x: p.x, y: p.y, w: 0, h: 0 })
    return ref.type === 'unplaced' ? null : ref
  }
  const cellUnderPointer = (): CellRef | null => {
    const p = editor.inputs.currentPagePoint
    const vp = editor.getViewportPageBounds()
    // a pointer that never came onto the canvas (keyboard use) is not pointing anywhere
    if (!editor.inputs.currentScreenPoint.x && !editor.inputs.currentScreenPoint.y) return null
    return vp.containsPoint(p) ? cellAt(p) : null
  }
  // where the pointer was when the composer opened (the composer then covers the canvas)
  let composerCell: CellRef | null = null
  const selectedCell = (): CellRef | null => {
    const selected = editor.getOnlySelectedShape()
    return selected && selected.type === CARD_SHAPE_TYPE
      ? cellAt(editor.getShapePageBounds(selected)?.center)
      : null
  }
  const addCard = (kind: CardKind, text: string, extras: CardExtras = {}): string => {
    const { cell: asked, ...fields } = extras
    const vp = editor.getViewportPageBounds()
    const cell =
      asked ??
      composerCell ??
      cellUnderPointer() ??
      selectedCell() ??
      nearestCell(currentStructure(doc), vp.center)
    composerCell = null
    const occupied = cardBoxes(editor)
    const at = spotInCell(currentStructure(doc), cell, CARD_DEFAULT_SIZE, occupied, {
      x: vp.x,
      y: vp.y,
      w: vp.w,
      h: vp.h,
    })
    const id = createCard(editor, at, kind, text, ctx.identity(), fields)
    settleNow(editor, doc, [{ id }], arrange)
    editor.select(id)
    return id
  }
  const focusNextCard = (dir: 1 | -1, wrap = true): string | null => {
    const only = editor.getOnlySelectedShape()
    const current = only && only.type === CARD_SHAPE_TYPE ? only.id : null
    const next = adjacentInReadingOrder(cardBoxes(editor), current, dir, wrap)
    if (!next) {
      if (!wrap) editor.selectNone()
      return null
    }
    editor.select(next as CardShape['id'])
    bringCardIntoView(editor, next as CardShape['id'])
    return next
  }
  const composerTarget = (): CellRef => {
    const structure = currentStructure(doc)
    const at = (p: { x: number; y: number }) => attributeCard(structure, { x: p.x, y: p.y, w: 0, h: 0 })
    if (editor.getInstanceState().isHoveringCanvas) {
      const pointer = at(editor.inputs.currentPagePoint)
      if (pointer.type !== 'unplaced') return pointer
    }
    const sel = editor.getSelectionPageBounds()
    if (sel) {
      const c = at(sel.center)
      if (c.type !== 'unplaced') return c
    }
    return at(editor.getViewportPageBounds().center)
  }
  return {
    openComposer: (kind, request = {}) => {
      if (editor.getIsReadonly()) return
      ctx.openComposer({ ...request, ...(kind ? { kind } : {}), cell: request.cell ?? composerTarget() })
    },
    composerTarget,
    addCard,
    provider: () => ctx.provider(),
    tidy: (cell = null) => tidy(editor, doc, cell, arrange),
    cellHere: () => selectedCell() ?? cellUnderPointer(),
    followUser: (id) => presence.follow(id),
    bringEveryoneToMe: () => presence.summonEveryone(),
    getPeers: () => presence.getPeers(),
    onPeers: (l) => presence.onPeers(l),
    setQuietPresence: (quiet) => presence.setQuiet(quiet),
    undo: () => void editor.undo(),
    redo: () => void editor.redo(),
    zoomToFit: () => void editor.zoomToFit({ animation: { duration: 200 } }),
    fitStructureOrContent: () => {
      if (!zoomToStructure(editor, currentStructure(doc))) zoomToContent(editor)
    },
    fitInto: (bounds, insets) => fitInto(editor, bounds, insets),
    holdCamera: () => {
      const held = editor.getCamera()
      return () => {
        editor.updateViewportScreenBounds(editor.getContainer())
        editor.setCamera({ x: held.x, y: held.y, z: held.z }, { force: true })
      }
    },
    zoomToSelection: () => {
      if (editor.getSelectedShapeIds().length === 0) return false
      editor.zoomToSelection({ animation: { duration: 200 } })
      return true
    },
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
    cards: createCardOps(editor, doc, ctx.identity, arrange),
    links: createLinkOps(editor),
    editStructure: (edit) =>
      editBoardStructure(editor, doc, edit, ctx.identity().sessionRole, ctx.structureUndo),
    moveCards: (moves) => moveCards(editor, moves),
    zoomToStructure: () => zoomToStructure(editor, currentStructure(doc)),
    canEditStructure: () => canEditStructure(ctx.identity().sessionRole, isStructureLocked(doc)),
    undoStructureEdit: () => undoStructureEdit(editor, doc, ctx.identity().sessionRole, ctx.structureUndo),
    structureUndoDepth: () => ctx.structureUndo.depth,
    exportImage: (format, opts) => exportBoardImage(editor, currentStructure(doc), format, opts),
    imageUrl: (ref) => boardImageUrl(editor, ref),
    uploadPhoto: (file) => uploadBoardPhoto(editor, file),
    assets: ctx.assets,
    doc,
    editor,
  }
}
