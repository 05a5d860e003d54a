import { BoardSession } from './BoardSession'

/**
 * The open sessions of one workbench (an instance in WorkbenchServices, never module state): one
 * BoardSession per session that has a tab, and which one the active tab shows. The workbench calls
 * sync() with the session ids of its open tabs; sessions whose last tab closed are disposed.
 */
export class BoardSessions {
  private readonly sessions = new Map<string, BoardSession>()
  private activeId: string | null = null
  private readonly listeners = new Set<() => void>()

  get(sessionId: string | null | undefined): BoardSession | null {
    return sessionId ? (this.sessions.get(sessionId) ?? null) : null
  }

  /** The session of the active tab, if it is a session's tab. */
  getActive = (): BoardSession | null => this.get(this.activeId)

  /** Opens sessions for the given ids, disposes the others, and sets the active one. */
  sync(openIds: Iterable<string>, activeId: string | null): void {
    const want = new Set(openIds)
    let changed = false
    for (const [id, s] of this.sessions) {
      if (want.has(id)) continue
      this.sessions.delete(id)
      s.dispose()
      changed = true
    }
    for (const id of want) {
      if (this.sessions.has(id)) continue
      this.sessions.set(id, new BoardSession(id))
      changed = true
    }
    const active = activeId && want.has(activeId) ? activeId : null
    if (active !== this.activeId) {
      this.activeId = active
      changed = true
    }
    if (changed) for (const l of [...this.listeners]) l()
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Disposes every open session (the workbench is going away). */
  dispose(): void {
    this.sync([], null)
  }
}
