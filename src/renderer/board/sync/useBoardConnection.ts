import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { createTLStore, defaultShapeUtils, type Editor, type TLRecord, type TLStore } from 'tldraw'
import { boardAssetStore } from './assetStore'
import { shouldSyncRecord } from '../../../core/common/facilitation/privateCards'
import type { BoardStatus } from '../boardApi'
import { CardShapeUtil } from '../shapes/CardShapeUtil'
import { initialBoardRecords } from '../shapes/boardSchema'
import { bindStoreToDoc, type Binding } from './binding'
import { closeMessage, PERMISSION_DENIED_CLOSE } from './closeMessage'
import { readPeers, type PresenceSync } from './presence'
import { flushStore } from './flushStore'

export interface Connection {
  doc: Y.Doc
  provider: WebsocketProvider
  store: TLStore
}

export interface BoardConnectionOptions {
  sessionId: string
  /** ws://host:port/sync */
  syncUrl: string
  token: string
  readOnly: boolean
  /** Read when needed: the host's extra rule for records kept on this device, and its status listener. */
  hostRef: RefObject<{ shouldSync?(record: TLRecord): boolean; onStatus?(s: BoardStatus): void }>
  /** The mounted editor (turned read-only on a schema error; cleared when the connection ends). */
  editorRef: RefObject<Editor | null>
  /** Presence of the mounted editor, destroyed with the connection. */
  presenceRef: RefObject<PresenceSync | null>
}

export interface BoardConnectionState {
  conn: Connection | null
  /** The current connection, for callbacks (null once it has ended). */
  connRef: RefObject<Connection | null>
  /** True once the first sync has arrived and the store is bound to the document. */
  ready: boolean
  status: BoardStatus
  statusRef: RefObject<BoardStatus>
}

const INITIAL_STATUS: BoardStatus = {
  connection: 'connecting',
  synced: false,
  peers: 0,
  schemaError: null,
  invalidRecords: 0,
  lastClose: null,
  tooLarge: 0,
}

/**
 * One session's Y.Doc synced through the relay with y-websocket, and a tldraw store bound to it after
 * the first sync (sync/binding.ts), with the connection status the board and its host show.
 */
export function useBoardConnection(opts: BoardConnectionOptions): BoardConnectionState {
  const { sessionId, syncUrl, token, readOnly, hostRef, editorRef, presenceRef } = opts
  const [conn, setConn] = useState<Connection | null>(null)
  const connRef = useRef<Connection | null>(null)
  const [ready, setReady] = useState(false)
  const [status, setStatus] = useState<BoardStatus>(INITIAL_STATUS)
  const statusRef = useRef(status)
  // Bumped when the relay refused a change of this device (4430): the board starts again from a fresh
  // copy, since this copy holds a change the relay will never have.
  const [generation, setGeneration] = useState(0)

  const patchStatus = useCallback(
    (patch: Partial<BoardStatus>) => {
      const next = { ...statusRef.current, ...patch }
      if (JSON.stringify(next) === JSON.stringify(statusRef.current)) return
      statusRef.current = next
      setStatus(next)
      hostRef.current.onStatus?.(next)
    },
    [hostRef],
  )

  useEffect(() => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(syncUrl, sessionId, doc, { params: { token }, disableBc: true })
    const store = createTLStore({
      shapeUtils: [...defaultShapeUtils, CardShapeUtil],
      // images go to the server as assets, not into the document as base64 (assetStore.ts)
      assets: boardAssetStore({ syncUrl, sessionId, token }),
    })
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
        hiddenFlush = setInterval(() => flushStore(store), 250)
      } else if (!document.hidden && hiddenFlush !== null) {
        clearInterval(hiddenFlush)
        hiddenFlush = null
      }
    }
    document.addEventListener('visibilitychange', onVisibility)
    onVisibility()
    // closing the window: hand changes still waiting for a frame to Yjs (and so to the socket)
    const onPageHide = () => {
      if (binding) flushStore(store)
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
        shouldSync: (r) => shouldSyncRecord(r) && (hostRef.current.shouldSync?.(r) ?? true),
        onChange: (s) => {
          patchStatus(s)
          if (s.schemaError) editorRef.current?.updateInstanceState({ isReadonly: true })
        },
      })
      performance.mark('copro:board:bound')
      patchStatus(binding.getState())
      setReady(true)
    }
    const onClose = (e: CloseEvent | null) => {
      if (e && e.code >= 4000) patchStatus({ lastClose: { code: e.code, reason: e.reason } })
      if (e?.code === PERMISSION_DENIED_CLOSE) {
        setGeneration((g) => g + 1)
        return
      }
      // a permanent close (e.g. 4421, trashed): no reconnect will come, so nothing typed now could be saved
      if (e && closeMessage(e.code) !== null) editorRef.current?.updateInstanceState({ isReadonly: true })
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
      if (binding) flushStore(store)
      binding?.destroy()
      provider.awareness.off('change', onAwareness)
      provider.destroy()
      doc.destroy()
      editorRef.current = null
    }
  }, [sessionId, syncUrl, token, readOnly, patchStatus, hostRef, editorRef, presenceRef, generation])

  return { conn, connRef, ready, status, statusRef }
}
