import { Suspense, useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import type { BoardApi } from '../../board/boardApi'
import type { BoardConnection } from '../../../shared/api'
import { loadIdentity } from '../../session/identity'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import { LoadedBoard } from '../../board/loadBoard'
import { closeMessage, tooLargeMessage } from '../../board/sync/closeMessage'
import { closeSessionTabs } from './closeTabs'
import { useT } from '../../device/i18n'
import { uiT } from '../../device/i18n/uiT'

/** Relay close codes that end a session for everyone (docs/protocol/relay.md): closed or trashed. */
const SESSION_GONE = new Set([4420, 4421])

/**
 * Mounts the canvas (src/renderer/board) for one session, with the canvas layers the features
 * contributed; hands the board to the tab's BoardSession and feeds its status to the status bar.
 */
export function BoardHost({ connection, active }: { connection: BoardConnection; active: boolean }) {
  const { store, contributions } = useServices()
  const t = useT()
  const session = useBoardSession()
  const licenseKey = useWorkbench(store, (s) => s.settings.licenseKey)
  const identity = useMemo(() => loadIdentity(), [])
  const detach = useRef<(() => void) | null>(null)
  const board = useRef<BoardApi | null>(null)
  const gone = useRef(false)
  useEffect(() => () => detach.current?.(), [])
  // A hidden tab's canvas has no size: measure it again as the tab is shown (before paint), so the
  // first click after switching tabs lands on what the person sees.
  useLayoutEffect(() => {
    if (active) board.current?.remeasure()
  }, [active])
  return (
    <Suspense fallback={<p className="editor-message">{t('sessions.board.loading')}</p>}>
      <div className="board-host" data-testid="board-host">
        <LoadedBoard
          sessionId={connection.sessionId}
          syncUrl={connection.syncUrl}
          token={connection.token}
          identity={{ ...identity, sessionRole: connection.sessionRole }}
          licenseKey={licenseKey || import.meta.env.VITE_TLDRAW_LICENSE_KEY || undefined}
          layers={contributions.canvasLayers}
          structureUndo={session?.structureUndo}
          onReady={(api) => {
            board.current = api
            detach.current?.()
            detach.current =
              session?.attachBoard({ ...api, sessionId: connection.sessionId, identity }) ?? null
          }}
          onStatus={(s) => {
            if (s.lastClose && SESSION_GONE.has(s.lastClose.code) && !gone.current) {
              // nothing typed now could be saved: say why and close every tab of the session
              gone.current = true
              store.notify(
                'info',
                s.lastClose.code === 4421 ? uiT('sessions.board.trashed') : uiT('sessions.board.closed'),
              )
              queueMicrotask(() => closeSessionTabs(store, connection.sessionId))
              return
            }
            if (!active) return
            store.set({
              board: {
                connection: s.connection,
                peers: s.peers,
                message:
                  (s.lastClose ? closeMessage(s.lastClose.code) : null) ??
                  tooLargeMessage(s.tooLarge) ??
                  s.schemaError ??
                  (s.invalidRecords ? uiT('sessions.board.invalid', { count: s.invalidRecords }) : null),
              },
            })
          }}
        />
      </div>
    </Suspense>
  )
}
