import { useSyncExternalStore } from 'react'
import type { BoardApi } from '../board/Board'
import type { LocalIdentity } from '../session/identity'

/**
 * What the board module offers the rest of the workbench (side-bar views, outline, facilitation,
 * export) for the session in the active tab: the Board's API without the tldraw editor, plus who is
 * using it. The board registers it when ready; views read it with useActiveBoard(). Only
 * src/renderer/board talks to tldraw.
 */
export type ActiveBoardApi = Omit<BoardApi, 'editor'> & {
  readonly sessionId: string
  readonly identity: LocalIdentity
}

type Listener = () => void

class ActiveBoardStore {
  private boards = new Map<string, ActiveBoardApi>()
  private activeSessionId: string | null = null
  private readonly listeners = new Set<Listener>()

  register(api: ActiveBoardApi): () => void {
    this.boards.set(api.sessionId, api)
    this.emit()
    return () => {
      if (this.boards.get(api.sessionId) === api) this.boards.delete(api.sessionId)
      this.emit()
    }
  }

  setActive(sessionId: string | null): void {
    if (this.activeSessionId === sessionId) return
    this.activeSessionId = sessionId
    this.emit()
  }

  get = (): ActiveBoardApi | null =>
    this.activeSessionId ? (this.boards.get(this.activeSessionId) ?? null) : null

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  private emit(): void {
    for (const l of this.listeners) l()
  }
}

export const activeBoards = new ActiveBoardStore()

export function useActiveBoard(): ActiveBoardApi | null {
  return useSyncExternalStore(activeBoards.subscribe, activeBoards.get)
}
