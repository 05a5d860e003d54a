import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Tldraw, type Editor, type TLRecord } from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import 'tldraw/tldraw.css'
import type { CardKind } from '../../shared/model/cardKinds'
import type { CellRef } from '../../shared/model/structure'
import { CardShapeUtil } from './shapes/CardShapeUtil'
import { cardRenderGate } from './shapes/cardRenderGate'
import { PresenceSync } from './sync/presence'
import { useBoardConnection } from './sync/useBoardConnection'
import { BOARD_IMAGE_TYPES, MAX_BOARD_IMAGE_BYTES, boardAssetEndpoint } from './sync/assetStore'
import {
  createBoardApi,
  type BoardApi,
  type BoardIdentity,
  type BoardStatus,
  type CardExtras,
} from './boardApi'
import { LinkArrowShapeUtil } from './links/LinkArrowShapeUtil'
import { attachCanvasTheme } from './canvas/canvasTheme'
import { canvasUser } from './canvas/canvasLanguage'
import { attachCanvasCuration, boardOptions, boardUiOverrides } from './canvas/curation'
import { BoardCanvasCtx, type BoardCanvasContext } from './canvas/boardCanvasContext'
import { attributeCard } from '../../core/common/structure/attribution'
import { cellName } from '../../core/common/structure/cellLabel'
import { FALLBACK_KIND, suggestedKindFor } from '../../core/common/structure/suggestedKind'
import { currentStructure } from './structure/useStructure'
import { attachFitKeeper } from './structure/camera'
import { useCanvasKeys } from './canvasKeys'
import { Composer } from './Composer'
import { scribeOptions } from './ScribedForField'
import { isFacilitatorRole } from '../../core/common/permissions'
import { installArranger } from './structure/arrange'
import { attachBoardA11y } from './a11y/boardA11y'
import { attachCardDetail } from './shapes/zoomDetail'
import { boardComponents } from './canvas/boardComponents'
import { guardOwnership } from './canvas/ownership'
import { installTestHook } from './testHook'
import { useT } from '../device/i18n'
import { uiT } from '../device/i18n/uiT'
import type { CanvasLayer } from './canvasLayer'
import { StructureUndo } from './structure/editStructure'

export type { BoardApi, BoardIdentity, BoardStatus, CardExtras, ComposerRequest } from './boardApi'
export type { CanvasLayer, CanvasLayerProps } from './canvasLayer'

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
  /** Drawn over the canvas once the editor exists (features' canvas layers, chosen by the host). */
  layers?: readonly CanvasLayer[]
  /** Where structure edits are kept for undo (the session's); a fresh one per board if not given. */
  structureUndo?: StructureUndo
}

const SHAPE_UTILS = [CardShapeUtil, LinkArrowShapeUtil]
const ASSET_URLS = getAssetUrlsByImport((url) => url)
/** The server stores images only (sync/assetStore.ts): a dropped video is refused with tldraw's message. */
const NO_VIDEO: readonly string[] = []

/** The cell at a page point (unplaced outside the structure). */
const cellAt = (doc: Parameters<typeof currentStructure>[0], p: { x: number; y: number }): CellRef =>
  attributeCard(currentStructure(doc), { x: p.x, y: p.y, w: 0, h: 0 })

/**
 * The live board: one Y.Doc per session synced through the relay with y-websocket, bound to a tldraw
 * store, with presence, a card composer and keyboard navigation. See src/renderer/board/README.md.
 */
export function Board(props: BoardProps) {
  const { sessionId, syncUrl, token, readOnly = false } = props
  const t = useT()
  const [ownUndo] = useState(() => new StructureUndo())
  const propsRef = useRef(props)
  propsRef.current = props

  /** The open composer: its cell, the kind it starts with, where the card goes in words, any text. */
  const [composer, setComposer] = useState<{
    kind: CardKind
    cell: CellRef
    where: string
    text: string
  } | null>(null)
  const editorRef = useRef<Editor | null>(null)
  const presenceRef = useRef<PresenceSync | null>(null)
  const { conn, connRef, ready, status, statusRef } = useBoardConnection({
    sessionId,
    syncUrl,
    token,
    readOnly,
    hostRef: propsRef,
    editorRef,
    presenceRef,
  })

  const apiRef = useRef<BoardApi | null>(null)
  const [mountedApi, setMountedApi] = useState<BoardApi | null>(null)
  // tldraw's labels in this tab's language, whatever another tab chose (canvas/canvasLanguage.ts)
  const [canvas] = useState(canvasUser)
  useEffect(() => canvas.follow(), [canvas])
  const onMount = useCallback(
    (editor: Editor) => {
      if (!conn) return
      performance.mark('copro:board:mounted')
      editorRef.current = editor
      if (readOnly || statusRef.current.schemaError) editor.updateInstanceState({ isReadonly: true })
      presenceRef.current?.destroy()
      const presence = new PresenceSync(editor, conn.provider.awareness, propsRef.current.identity)
      presenceRef.current = presence
      const api = createBoardApi(editor, conn.doc, presence, {
        identity: () => propsRef.current.identity,
        status: () => statusRef.current,
        provider: () => connRef.current?.provider ?? null,
        assets: boardAssetEndpoint(propsRef.current),
        openComposer: (req) => {
          const structure = currentStructure(conn.doc)
          setComposer({
            kind: req.kind ?? suggestedKindFor(structure, req.cell) ?? FALLBACK_KIND,
            cell: req.cell,
            where: cellName(structure, req.cell, uiT('outline.unplaced')),
            text: req.text ?? '',
          })
        },
        // read at call time, so a session handed in later never remounts the editor
        get structureUndo() {
          return propsRef.current.structureUndo ?? ownUndo
        },
      })
      apiRef.current = api
      const uninstallTestHook = installTestHook(api, editor)
      propsRef.current.onReady?.(api)
      setMountedApi(api)
      const unguard = guardOwnership(editor, () => propsRef.current.identity)
      const detachA11y = attachBoardA11y(editor)
      const stopHydrating = cardRenderGate(editor).hydrate()
      const stopDetail = attachCardDetail(editor)
      const stopFitKeeper = attachFitKeeper(editor, () => currentStructure(conn.doc))
      const stopArranging = installArranger(editor, conn.doc, {
        role: () => propsRef.current.identity.sessionRole,
        get structureUndo() {
          return propsRef.current.structureUndo ?? ownUndo
        },
      })
      const stopTheme = attachCanvasTheme(editor)
      const stopCuration = attachCanvasCuration(editor, {
        composeAt: (p) => api.openComposer(undefined, { cell: cellAt(conn.doc, p) }),
        composeText: (text, p) =>
          api.openComposer(undefined, { text, ...(p ? { cell: cellAt(conn.doc, p) } : {}) }),
      })
      return () => {
        stopArranging()
        stopCuration()
        stopTheme()
        stopDetail()
        stopFitKeeper()
        stopHydrating()
        detachA11y()
        unguard()
        setMountedApi((a) => (a === api ? null : a))
        presence.destroy()
        if (presenceRef.current === presence) presenceRef.current = null
        uninstallTestHook()
      }
    },
    [conn, connRef, statusRef, readOnly, ownUndo],
  )

  const onKeyCapture = useCanvasKeys(editorRef, apiRef)

  const submitCard = useCallback((kind: CardKind, text: string, cell: CellRef, extras?: CardExtras) => {
    const api = apiRef.current
    if (api) {
      // a cell: the card goes to its next free place there; no cell: beside the selection or in view
      const id =
        cell.type === 'unplaced' ? api.addCard(kind, text, extras) : api.cards.add(kind, text, cell, extras)
      if (id) api.editor.select(id as never)
    }
    setComposer(null)
    editorRef.current?.getContainer().focus()
  }, [])
  const closeComposer = useCallback(() => {
    setComposer(null)
    editorRef.current?.getContainer().focus()
  }, [])

  const canvasCtx = useMemo<BoardCanvasContext>(
    () => ({ openComposer: (kind) => apiRef.current?.openComposer(kind), api: () => apiRef.current }),
    [],
  )
  const tldraw = useMemo(
    () =>
      conn && ready ? (
        <BoardCanvasCtx.Provider value={canvasCtx}>
          <Tldraw
            user={canvas.user}
            store={conn.store}
            shapeUtils={SHAPE_UTILS}
            assetUrls={ASSET_URLS}
            acceptedImageMimeTypes={BOARD_IMAGE_TYPES}
            acceptedVideoMimeTypes={NO_VIDEO}
            maxAssetSize={MAX_BOARD_IMAGE_BYTES}
            licenseKey={props.licenseKey || undefined}
            components={boardComponents(conn.doc)}
            overrides={boardUiOverrides}
            options={boardOptions}
            onMount={onMount}
          />
        </BoardCanvasCtx.Provider>
      ) : null,
    [conn, ready, props.licenseKey, onMount, canvasCtx, canvas.user],
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
          {status.connection === 'offline' ? t('board.loading.offline') : t('board.loading.connecting')}
        </div>
      )}
      {status.schemaError && (
        <div className="copro-board__message" role="alert" data-testid="board-schema-error">
          {status.schemaError}
        </div>
      )}
      {mountedApi &&
        conn &&
        props.layers?.map((Layer, i) => (
          <Layer
            key={i}
            editor={mountedApi.editor}
            doc={conn.doc}
            api={mountedApi}
            sessionId={sessionId}
            syncUrl={syncUrl}
            identity={props.identity}
          />
        ))}
      {composer && (
        <Composer
          initialKind={composer.kind}
          initialText={composer.text}
          where={composer.where}
          onSubmit={(kind, text, extras) => submitCard(kind, text, composer.cell, extras)}
          onClose={closeComposer}
          scribeOptions={
            conn && isFacilitatorRole(props.identity.sessionRole) ? scribeOptions(conn.doc) : undefined
          }
        />
      )}
    </div>
  )
}
