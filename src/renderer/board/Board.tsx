import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import {
  Tldraw,
  createShapeId,
  createTLStore,
  defaultShapeUtils,
  type Editor,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import 'tldraw/tldraw.css'
import { CARD_DEFAULT_SIZE, type CardKind } from '../../shared/model/cards'
import type { PresenceState } from '../../shared/model/participant'
import type { CoproRole, SessionRole } from '../../shared/model/roles'
import { CARD_SHAPE_TYPE } from '../../core/common/board/docSchema'
import { CardShapeUtil } from './shapes/CardShapeUtil'
import { cardRenderGate } from './shapes/cardRenderGate'
import { initialBoardRecords } from './shapes/boardSchema'
import type { CardShape } from './shapes/cardSchema'
import { bindStoreToDoc, type Binding } from './sync/binding'
import { PresenceSync, readPeers } from './sync/presence'
import { adjacentInReadingOrder, placeNewCard, type OrderBox } from './readingOrder'
import { Composer } from './Composer'
import { FacilitationLayer } from './facilitation/FacilitationLayer'
import { shouldSyncRecord } from '../../core/common/facilitation/privateCards'
import { createCardOps, type CardOps } from './a11y/cardOps'
import { attachBoardA11y } from './a11y/boardA11y'
import { AnnouncerOutsideWorkbench } from './a11y/AnnouncerOutsideWorkbench'
import { boardComponents } from './canvas/boardComponents'
import {
  editBoardStructure,
  moveCards,
  structureUndoDepth,
  undoStructureEdit,
  type UndoStructureResult,
} from './structure/editStructure'
import { zoomToStructure } from './structure/camera'
import { canEditStructure } from './structure/permissions'
import { currentStructure } from './structure/useStructure'
import type { CardMove, StructureEdit, StructureEditResult } from '../../core/common/board/structureEdits'
import { exportBoardImage, type ImageExportOptions, type ImageFormat } from './export/exportImage'
import { isStructureLocked } from '../../core/common/facilitation/state'

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

export interface BoardProps {
  sessionId: string
  /** ws://host:port/sync */
  syncUrl: string
  token: string
  identity: BoardIdentity
  licenseKey?: string
  onStatus?(s: BoardStatus): void
  onReady?(api: BoardApi): void
  readOnly?: boolean
  /** Records for which this returns false stay on this device (e.g. private cards before reveal). */
  shouldSync?(record: TLRecord): boolean
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
  /** Selects the next/previous card in reading order (also Tab / Shift+Tab); returns its id. */
  focusNextCard(dir: 1 | -1): string | null
  /** Card shape ids in reading order. */
  getCardIdsInReadingOrder(): string[]
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

const SHAPE_UTILS = [CardShapeUtil]
const ASSET_URLS = getAssetUrlsByImport((url) => url)

interface Connection {
  doc: Y.Doc
  provider: WebsocketProvider
  store: TLStore
}

const isTypingTarget = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement &&
  (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)

/**
 * The live board: one Y.Doc per session synced through the relay with y-websocket, bound to a tldraw
 * store, with presence, a card composer and keyboard navigation. See src/renderer/board/README.md.
 */
export function Board(props: BoardProps) {
  const { sessionId, syncUrl, token, readOnly = false } = props
  const propsRef = useRef(props)
  propsRef.current = props

  const [conn, setConn] = useState<Connection | null>(null)
  const connRef = useRef<Connection | null>(null)
  const [ready, setReady] = useState(false)
  const [status, setStatus] = useState<BoardStatus>({
    connection: 'connecting',
    synced: false,
    peers: 0,
    schemaError: null,
    invalidRecords: 0,
    lastClose: null,
  })
  const statusRef = useRef(status)
  const [composer, setComposer] = useState<{ kind: CardKind } | null>(null)
  const editorRef = useRef<Editor | null>(null)
  const presenceRef = useRef<PresenceSync | null>(null)
  const bindingRef = useRef<Binding | null>(null)

  const patchStatus = useCallback((patch: Partial<BoardStatus>) => {
    const next = { ...statusRef.current, ...patch }
    if (JSON.stringify(next) === JSON.stringify(statusRef.current)) return
    statusRef.current = next
    setStatus(next)
    propsRef.current.onStatus?.(next)
  }, [])

  // --- connection and binding ---------------------------------------------------------------------
  useEffect(() => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(syncUrl, sessionId, doc, { params: { token }, disableBc: true })
    const store = createTLStore({ shapeUtils: [...defaultShapeUtils, CardShapeUtil] })
    let everConnected = false
    let binding: Binding | null = null
    performance.mark('copro:board:connect')
    connRef.current = { doc, provider, store }
    setConn(connRef.current)
    setReady(false)

    // tldraw hands store changes to listeners on the next animation frame, and hidden tabs get no
    // frames: while hidden, flush every 250 ms so changes made then (API calls, facilitation) still sync.
    let hiddenFlush: ReturnType<typeof setInterval> | null = null
    const onVisibility = () => {
      if (document.hidden && hiddenFlush === null) {
        hiddenFlush = setInterval(() => store._flushHistory(), 250)
      } else if (!document.hidden && hiddenFlush !== null) {
        clearInterval(hiddenFlush)
        hiddenFlush = null
      }
    }
    document.addEventListener('visibilitychange', onVisibility)
    onVisibility()
    // closing the window: hand changes still waiting for a frame to Yjs (and so to the socket)
    const onPageHide = () => {
      if (binding) store._flushHistory()
    }
    window.addEventListener('pagehide', onPageHide)

    const onStatusEvent = ({ status: s }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (s === 'connected') everConnected = true
      patchStatus({
        connection: s === 'connected' ? 'connected' : everConnected ? 'offline' : 'connecting',
      })
    }
    const onSync = (synced: boolean) => {
      patchStatus({ synced })
      if (!synced || binding) return
      performance.mark('copro:board:synced')
      binding = bindStoreToDoc({
        store,
        doc,
        readOnly,
        seed: initialBoardRecords,
        shouldSync: (r) => shouldSyncRecord(r) && (propsRef.current.shouldSync?.(r) ?? true),
        onChange: (s) => {
          patchStatus(s)
          if (s.schemaError) editorRef.current?.updateInstanceState({ isReadonly: true })
        },
      })
      bindingRef.current = binding
      performance.mark('copro:board:bound')
      patchStatus(binding.getState())
      setReady(true)
    }
    const onClose = (e: CloseEvent | null) => {
      if (e && e.code >= 4000) patchStatus({ lastClose: { code: e.code, reason: e.reason } })
    }
    const onAwareness = () => patchStatus({ peers: readPeers(provider.awareness).length })
    provider.on('status', onStatusEvent)
    provider.on('sync', onSync)
    provider.on('connection-close', onClose)
    provider.awareness.on('change', onAwareness)
    return () => {
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', onPageHide)
      if (hiddenFlush !== null) clearInterval(hiddenFlush)
      if (connRef.current?.doc === doc) connRef.current = null
      presenceRef.current?.destroy()
      presenceRef.current = null
      // hand the last local changes (waiting for the next frame) to Yjs before disconnecting
      if (binding) store._flushHistory()
      binding?.destroy()
      bindingRef.current = null
      provider.awareness.off('change', onAwareness)
      provider.destroy()
      doc.destroy()
      editorRef.current = null
    }
  }, [sessionId, syncUrl, token, readOnly, patchStatus])

  // --- api ----------------------------------------------------------------------------------------
  const cardBoxes = useCallback((editor: Editor): OrderBox[] => {
    const boxes: OrderBox[] = []
    for (const s of editor.getCurrentPageShapes()) {
      if (s.type !== CARD_SHAPE_TYPE) continue
      const b = editor.getShapePageBounds(s)
      if (b) boxes.push({ id: s.id, x: b.x, y: b.y, w: b.w, h: b.h })
    }
    return boxes
  }, [])

  const makeApi = useCallback(
    (editor: Editor, doc: Y.Doc, presence: PresenceSync): BoardApi => {
      const addCard = (kind: CardKind, text: string, extras: CardExtras = {}): string => {
        const identity = propsRef.current.identity
        const id = createShapeId()
        const sel = editor.getSelectionPageBounds()
        const at = placeNewCard(CARD_DEFAULT_SIZE, editor.getViewportPageBounds(), sel)
        editor.markHistoryStoppingPoint('add card')
        editor.createShape<CardShape>({
          id,
          type: CARD_SHAPE_TYPE,
          x: at.x,
          y: at.y,
          props: {
            w: CARD_DEFAULT_SIZE.w,
            h: CARD_DEFAULT_SIZE.h,
            kind,
            text,
            authorId: identity.id,
            authorRole: identity.coproRole,
            authorName: identity.anonymous ? '' : identity.name,
            createdAt: Date.now(),
            owner: kind === 'action' ? (extras.owner ?? '') : '',
            due: kind === 'action' ? (extras.due ?? '') : '',
          },
        })
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
          if (!editor.getIsReadonly()) setComposer({ kind })
        },
        addCard,
        followUser: (id) => presence.follow(id),
        bringEveryoneToMe: () => presence.summonEveryone(),
        getPeers: () => presence.getPeers(),
        onPeers: (l) => presence.onPeers(l),
        undo: () => void editor.undo(),
        redo: () => void editor.redo(),
        zoomToFit: () => void editor.zoomToFit({ animation: { duration: 200 } }),
        focusNextCard,
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
        getStatus: () => statusRef.current,
        setOnline: (online) => {
          const provider = connRef.current?.provider
          if (!provider) return
          if (online) provider.connect()
          else provider.disconnect()
        },
        cards: createCardOps(editor, doc, () => propsRef.current.identity),
        editStructure: (edit) => editBoardStructure(editor, doc, edit, propsRef.current.identity.sessionRole),
        moveCards: (moves) => moveCards(editor, moves),
        zoomToStructure: () => zoomToStructure(editor, currentStructure(doc)),
        canEditStructure: () =>
          canEditStructure(
            propsRef.current.identity.sessionRole,
            connRef.current ? isStructureLocked(connRef.current.doc) : false,
          ),
        undoStructureEdit: () => undoStructureEdit(editor, doc, propsRef.current.identity.sessionRole),
        structureUndoDepth: () => structureUndoDepth(doc),
        exportImage: (format, opts) => exportBoardImage(editor, currentStructure(doc), format, opts),
        doc,
        editor,
      }
    },
    [cardBoxes],
  )

  const apiRef = useRef<BoardApi | null>(null)
  const [mountedApi, setMountedApi] = useState<BoardApi | null>(null)
  const onMount = useCallback(
    (editor: Editor) => {
      if (!conn) return
      performance.mark('copro:board:mounted')
      editorRef.current = editor
      if (readOnly || statusRef.current.schemaError) editor.updateInstanceState({ isReadonly: true })
      presenceRef.current?.destroy()
      const presence = new PresenceSync(editor, conn.provider.awareness, propsRef.current.identity)
      presenceRef.current = presence
      const api = makeApi(editor, conn.doc, presence)
      apiRef.current = api
      const w = window as unknown as { __coproBoard?: BoardApi; editor?: Editor }
      w.__coproBoard = api
      w.editor = editor
      propsRef.current.onReady?.(api)
      setMountedApi(api)
      const detachA11y = attachBoardA11y(editor)
      const stopHydrating = cardRenderGate(editor).hydrate()
      return () => {
        stopHydrating()
        detachA11y()
        setMountedApi((a) => (a === api ? null : a))
        presence.destroy()
        if (presenceRef.current === presence) presenceRef.current = null
        if (w.__coproBoard === api) delete w.__coproBoard
        if (w.editor === editor) delete w.editor
      }
    },
    [conn, readOnly, makeApi],
  )

  // --- keyboard: `c` opens the composer, Tab / Shift+Tab move between cards ---------------------------
  const onKeyCapture = useCallback((e: React.KeyboardEvent<HTMLDivElement>) => {
    const editor = editorRef.current
    const api = apiRef.current
    if (!editor || !api || isTypingTarget(e.target) || editor.getEditingShapeId() !== null) return
    if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const hasSelection = editor.getSelectedShapeIds().length > 0
      // with nothing selected, Shift+Tab leaves the canvas as usual (no keyboard trap)
      if (!hasSelection && e.shiftKey) return
      // nor with no card to go to
      if (!editor.getCurrentPageShapes().some((s) => s.type === CARD_SHAPE_TYPE)) return
      if (!e.currentTarget.querySelector('.tl-container')?.contains(e.target as Node)) return
      e.preventDefault()
      e.stopPropagation()
      if (e.type === 'keydown') api.focusNextCard(e.shiftKey ? -1 : 1)
      return
    }
    if (
      e.type === 'keydown' &&
      (e.key === 'c' || e.key === 'C') &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey &&
      !e.shiftKey
    ) {
      if (editor.getIsReadonly()) return
      e.preventDefault()
      e.stopPropagation()
      api.openComposer()
    }
  }, [])

  const submitCard = useCallback((kind: CardKind, text: string, extras?: CardExtras) => {
    apiRef.current?.addCard(kind, text, extras)
    setComposer(null)
    editorRef.current?.getContainer().focus()
  }, [])
  const closeComposer = useCallback(() => {
    setComposer(null)
    editorRef.current?.getContainer().focus()
  }, [])

  const tldraw = useMemo(
    () =>
      conn && ready ? (
        <Tldraw
          store={conn.store}
          shapeUtils={SHAPE_UTILS}
          assetUrls={ASSET_URLS}
          licenseKey={props.licenseKey || undefined}
          components={boardComponents(conn.doc)}
          onMount={onMount}
        />
      ) : null,
    [conn, ready, props.licenseKey, onMount],
  )

  return (
    <div
      className="copro-board"
      data-testid="copro-board"
      data-connection={status.connection}
      onKeyDownCapture={onKeyCapture}
      onKeyUpCapture={onKeyCapture}
    >
      {tldraw ?? (
        <div className="copro-board__loading" role="status">
          {status.connection === 'offline'
            ? 'Offline: waiting for the board to load…'
            : 'Connecting to the board…'}
        </div>
      )}
      {status.schemaError && (
        <div className="copro-board__message" role="alert" data-testid="board-schema-error">
          {status.schemaError}
        </div>
      )}
      {mountedApi && conn && (
        <FacilitationLayer
          editor={mountedApi.editor}
          doc={conn.doc}
          api={mountedApi}
          sessionId={sessionId}
          syncUrl={syncUrl}
          identity={props.identity}
        />
      )}
      {mountedApi && (
        <AnnouncerOutsideWorkbench api={mountedApi} sessionId={sessionId} identityId={props.identity.id} />
      )}
      {composer && <Composer initialKind={composer.kind} onSubmit={submitCard} onClose={closeComposer} />}
    </div>
  )
}
