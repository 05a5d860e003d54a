import type { BoardApi } from '../board/Board'
import { StructureUndo } from '../board/structure/editStructure'
import type { FacilitationController } from './facilitationController'
import type { LocalIdentity } from './identity'
import { LocalVotes } from './localVotes'
import { relayClockFor, type RelayClock } from './relayClock'
import { ScopedValues, type ScopedKey } from './scoped'
import { ModerationClient } from './moderation'
import type { VotingBridge } from './votingBridge'

/**
 * The board of an open session as the rest of the renderer sees it: the Board's API without the tldraw
 * editor (only src/renderer/board talks to tldraw), plus who is using it.
 */
export type SessionBoard = Omit<BoardApi, 'editor'> & {
  readonly sessionId: string
  readonly identity: LocalIdentity
}

/** Where the outline last had focus (the new-card announcer prefers it over the canvas centre). */
export interface OutlineFocus {
  readonly key: string
  readonly at: number
}

/**
 * Everything the renderer holds for ONE open session, in one disposable object. The workbench creates
 * it when a tab of the session opens and disposes it when the last one closes (BoardSessions); the
 * guest app makes one for its session. Features reach it with useBoardSession() and never keep
 * session state of their own at module level: what a feature needs per session it hangs on the
 * session with scoped() (see scoped.ts), and it goes when the session does.
 *
 * - board: cards (board.cards), structure edits, presence (getPeers/onPeers/followUser) and camera
 *   (zoomToFit, zoomToStructure) of the mounted canvas; null while no canvas is mounted.
 * - structureUndo: this person's structure edits that can be undone (outlives a canvas remount).
 * - facilitation: what the facilitation canvas layer offers the Facilitation view.
 * - votes / votingBridge: this person's dots on this device, and the bridge the outline votes through.
 * - relayClock: the relay's clock as estimated for this session's relay.
 * - outlineFocus: the outline's current cell.
 *
 * Listeners (subscribe) hear about every change of these slots; getVersion() is for
 * useSyncExternalStore.
 */
export class BoardSession {
  readonly votes: LocalVotes
  readonly structureUndo = new StructureUndo()
  /** Moderation notices and requests on the board's websocket (moderation.ts). */
  readonly moderation = new ModerationClient()
  private _board: SessionBoard | null = null
  private _facilitation: FacilitationController | null = null
  private _votingBridge: VotingBridge | null = null
  private _outlineFocus: OutlineFocus | null = null
  private clock: { syncUrl: string; clock: RelayClock } | null = null
  private readonly values = new ScopedValues<BoardSession>(this)
  private readonly listeners = new Set<() => void>()
  private version = 0
  private _disposed = false

  constructor(readonly sessionId: string) {
    this.votes = new LocalVotes(sessionId)
  }

  get board(): SessionBoard | null {
    return this._board
  }
  get facilitation(): FacilitationController | null {
    return this._facilitation
  }
  get votingBridge(): VotingBridge | null {
    return this._votingBridge
  }
  get outlineFocus(): OutlineFocus | null {
    return this._outlineFocus
  }
  get disposed(): boolean {
    return this._disposed
  }

  /** The canvas is ready: features see its API until the returned function is called. */
  attachBoard(board: SessionBoard): () => void {
    const offModeration = this.moderation.attach(board.provider())
    const detach = this.slot(
      () => this._board,
      (v) => (this._board = v),
      board,
    )
    return () => {
      offModeration()
      detach()
    }
  }

  setFacilitation(c: FacilitationController): () => void {
    return this.slot(
      () => this._facilitation,
      (v) => (this._facilitation = v),
      c,
    )
  }

  setVotingBridge(b: VotingBridge): () => void {
    return this.slot(
      () => this._votingBridge,
      (v) => (this._votingBridge = v),
      b,
    )
  }

  setOutlineFocus(key: string): void {
    this._outlineFocus = { key, at: Date.now() }
  }

  /** The relay clock for this session's relay (one per session; stopped on dispose). */
  relayClock(syncUrl: string): RelayClock {
    if (this.clock?.syncUrl !== syncUrl) {
      this.clock?.clock.dispose()
      this.clock = { syncUrl, clock: relayClockFor(syncUrl) }
    }
    return this.clock.clock
  }

  /** A feature's own per-session value, created on first use and disposed with the session. */
  scoped<T>(key: ScopedKey<BoardSession, T>): T {
    return this.values.get(key)
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  getVersion = (): number => this.version

  /** Releases everything: scoped values, the clock, the dots cache and every listener. */
  dispose(): void {
    if (this._disposed) return
    this._disposed = true
    this._board = null
    this._facilitation = null
    this._votingBridge = null
    this._outlineFocus = null
    this.values.dispose()
    this.moderation.dispose()
    this.clock?.clock.dispose()
    this.clock = null
    this.votes.dispose()
    this.structureUndo.clear()
    this.emit()
    this.listeners.clear()
  }

  private slot<T>(get: () => T | null, set: (v: T | null) => void, value: T): () => void {
    if (this._disposed) return () => {}
    set(value)
    this.emit()
    return () => {
      if (get() !== value) return
      set(null)
      this.emit()
    }
  }

  private emit(): void {
    this.version++
    for (const l of [...this.listeners]) l()
  }
}
