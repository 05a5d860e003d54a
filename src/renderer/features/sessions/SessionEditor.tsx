import { useEffect, useState } from 'react'
import type { BoardConnection } from '../../../shared/api'
import { BoardHost } from './BoardHost'
import { useServices } from '../../workbench/context'
import { useT } from '../../device/i18n'

/** One session's editor tab: asks the server how to join the board, then hosts the canvas. */
export function SessionEditor({ sessionId, active }: { sessionId: string; active: boolean }) {
  const { host } = useServices()
  const t = useT()
  const [conn, setConn] = useState<BoardConnection | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    host.call('board.connect', { id: sessionId }).then((r) => {
      if (!live) return
      if (r.ok) setConn(r.value)
      else setError(r.error.message)
    })
    return () => {
      live = false
    }
  }, [host, sessionId])
  if (error)
    return (
      <p role="alert" className="editor-message">
        {error}
      </p>
    )
  if (!conn) return <p className="editor-message">{t('sessions.board.opening')}</p>
  return <BoardHost connection={conn} active={active} />
}
