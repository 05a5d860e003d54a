import { useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { CardKind, CardProps } from '../../shared/model/cards'
import type { PresenceState } from '../../shared/model/participant'
import type { LocalIdentity } from '../contrib/sessions/identity'

/**
 * What the board module offers the rest of the workbench (side-bar views, outline, facilitation,
 * export) for the session in the active tab. The board registers it when ready; views read it with
 * useActiveBoard(). Only src/renderer/board talks to tldraw.
 */
export interface ActiveBoardApi {
  readonly sessionId: string
  readonly doc: Y.Doc
  readonly identity: LocalIdentity
  openComposer(): void
  addCard(kind: CardKind, text: string, opts?: { x?: number; y?: number }): string
  updateCard?(id: string, patch: Partial<Pick<CardProps, 'text' | 'kind' | 'owner' | 'due'>>): void
  moveCard?(id: string, x: number, y: number): void
  deleteCard?(id: string): void
  followUser(participantId: string | null): void
  bringEveryoneToMe(): void
  getPeers(): PresenceState[]
  undo(): void
  redo(): void
  zoomToFit(): void
  focusNextCard(dir: 1 | -1): void
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
