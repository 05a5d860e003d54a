import { Suspense, useEffect, useMemo, useRef } from 'react'
import { activeBoards } from '../../workbench/activeBoard'
import type { BoardConnection } from '../../../shared/api'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import { loadIdentity } from './identity'
import { LoadedBoard } from '../../board/loadBoard'
import { closeMessage } from '../../board/sync/closeMessage'

/** Mounts the canvas (src/renderer/board) for one session and feeds its status to the status bar. */
export function BoardHost({ connection, active }: { connection: BoardConnection; active: boolean }) {
  const { store } = useServices()
  const licenseKey = useWorkbench(store, (s) => s.settings.licenseKey)
  const identity = useMemo(() => loadIdentity(), [])
  const unregister = useRef<(() => void) | null>(null)
  useEffect(() => () => unregister.current?.(), [])
  useEffect(() => {
    if (active) activeBoards.setActive(connection.sessionId)
  }, [active, connection.sessionId])
  return (
    <Suspense fallback={<p className="editor-message">Loading the canvas…</p>}>
      <div className="board-host" data-testid="board-host">
        <LoadedBoard
          sessionId={connection.sessionId}
          syncUrl={connection.syncUrl}
          token={connection.token}
          identity={{ ...identity, sessionRole: connection.sessionRole }}
          licenseKey={licenseKey || import.meta.env.VITE_TLDRAW_LICENSE_KEY || undefined}
          onReady={(api) => {
            unregister.current?.()
            unregister.current = activeBoards.register({ ...api, sessionId: connection.sessionId, identity })
          }}
          onStatus={(s) => {
            if (!active) return
            store.set({
              board: {
                connection: s.connection,
                peers: s.peers,
                message:
                  (s.lastClose ? closeMessage(s.lastClose.code) : null) ??
                  s.schemaError ??
                  (s.invalidRecords ? `${s.invalidRecords} item(s) could not be shown` : null),
              },
            })
          }}
        />
      </div>
    </Suspense>
  )
}
