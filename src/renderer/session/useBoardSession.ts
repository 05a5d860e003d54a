import { createContext, useContext, useSyncExternalStore } from 'react'
import type { BoardSession } from './BoardSession'

/**
 * Which session the components below belong to: a session's editor tab provides its own session, the
 * side bar, panel and workbench layers the active tab's, the guest app its one session.
 */
export const BoardSessionContext = createContext<BoardSession | null>(null)

const noop = () => () => {}

/**
 * THE way a feature reaches an open session (see BoardSession): the session of the surrounding
 * BoardSessionContext, or null outside one. Re-renders when the session's board, facilitation
 * controller, voting bridge or outline focus change.
 */
export function useBoardSession(): BoardSession | null {
  const session = useContext(BoardSessionContext)
  useSyncExternalStore(session?.subscribe ?? noop, () => session?.getVersion() ?? 0)
  return session
}
