import type { BoardSession } from '../../session/BoardSession'
import { scopedKey } from '../../session/scoped'

export type WallView = 'board' | 'results'
export type WallFit = 'activity' | 'structure'

export interface WallSnapshot {
  /** Whether this window shows the session as the wall (full screen, no chrome). */
  readonly on: boolean
  readonly view: WallView
  /** Fit the current activity's cells (its target stage or zone) or the whole structure. */
  readonly fit: WallFit
  /** The closed round whose results the results view shows (null: the latest closed round). */
  readonly roundId: string | null
  /** This window was opened as the wall of a facilitator's window (`?wall=<sessionId>`). */
  readonly secondWindow: boolean
  /** Bumped to fit the board again (a key press, the window resized, the laptop asked). */
  readonly fitSeq: number
}

const INITIAL: WallSnapshot = {
  on: false,
  view: 'board',
  fit: 'activity',
  roundId: null,
  secondWindow: false,
  fitSeq: 0,
}

/**
 * Wall mode for one session in this window (session.scoped(wallKey)): on or off, the board or the
 * results, what is fitted. Nothing at module level; it goes with the session.
 */
export class WallState {
  private state: WallSnapshot = INITIAL
  private readonly listeners = new Set<() => void>()

  get = (): WallSnapshot => this.state

  set(patch: Partial<WallSnapshot>): void {
    this.state = { ...this.state, ...patch }
    for (const l of [...this.listeners]) l()
  }

  /** Applies a wall action (a key, a palette command, or a message from the facilitator's window). */
  apply(action: WallAction): void {
    const s = this.state
    switch (action.type) {
      case 'enter':
        return this.set({ on: true, view: 'board', fitSeq: s.fitSeq + 1 })
      case 'leave':
        return this.set({ on: false, view: 'board' })
      case 'results':
        return this.set({ view: 'results', roundId: action.roundId ?? null })
      case 'board':
        return this.set({ view: 'board', fitSeq: s.fitSeq + 1 })
      case 'fit':
        return this.set({
          fit: action.fit ?? (s.fit === 'activity' ? 'structure' : 'activity'),
          fitSeq: s.fitSeq + 1,
        })
    }
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  dispose(): void {
    this.listeners.clear()
  }
}

export type WallAction =
  | { type: 'enter' }
  | { type: 'leave' }
  | { type: 'results'; roundId?: string | null }
  | { type: 'board' }
  | { type: 'fit'; fit?: WallFit }

export const wallKey = scopedKey('wall.state', (_s: BoardSession) => new WallState())

/** Whether a value is a wall action (messages between windows are checked before use). */
export function isWallAction(v: unknown): v is WallAction {
  if (typeof v !== 'object' || v === null) return false
  const a = v as { type?: unknown; roundId?: unknown; fit?: unknown }
  switch (a.type) {
    case 'enter':
    case 'leave':
    case 'board':
      return true
    case 'results':
      return (
        a.roundId === undefined ||
        a.roundId === null ||
        (typeof a.roundId === 'string' && a.roundId.length <= 64)
      )
    case 'fit':
      return a.fit === undefined || a.fit === 'activity' || a.fit === 'structure'
    default:
      return false
  }
}
