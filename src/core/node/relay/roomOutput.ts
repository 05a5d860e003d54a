import * as Y from 'yjs'
import { CLOSE_CODES } from './closeCodes'
import type { RelayConnection } from './connection'
import type { RelayLimits } from './limits'
import { encodeSyncUpdate } from './messages'
import type { RoomPersistence } from './persistence'

/**
 * A window's wait ends early at this many updates or bytes: a sender gets the others' updates merged,
 * so a window of k updates from k senders costs k merges of k updates — bounded here, not left to grow
 * with a backlog (a relay that falls behind reads many frames before its timer runs).
 */
const MAX_WAITING_UPDATES = 16
/**
 * The window is `broadcastWindowMs` for a session of this many connections or more, proportionally
 * shorter below (2 ms at 30, none under 15): what it saves is socket writes, which grow with the
 * connections, while the delay it adds matters as much in a small session as in a large one.
 */
const FULL_WINDOW_CONNECTIONS = 300
const MAX_WAITING_BYTES = 256 * 1024

/** One document update waiting to be broadcast, and the connection it came from (not sent back to it). */
interface Outgoing {
  update: Uint8Array
  origin: unknown
}

/**
 * A room's output: every change of its document is appended to storage at once and broadcast,
 * once-encoded, to every other connection — the updates one client message causes (its own and the board
 * recorder's trash and log entries) as ONE update (`atomically`, ADR 0041) — and the session's queued
 * output is kept within `maxSessionBufferedBytes`.
 *
 * Broadcast window (ADR 0049): an update goes out at once when nothing was broadcast in the last
 * `broadcastWindowMs` (scaled down for sessions under 300 connections, see FULL_WINDOW_CONNECTIONS); updates arriving during that window wait for its end and go out together as ONE
 * merged update (Y.mergeUpdates), one frame per connection. A quiet room therefore sees no added delay; a
 * busy one sends each connection at most one update frame per window instead of one per edit (at 300
 * participants × 1 edit/s, 90,000 socket writes a second become ~15,000 at 20 ms). Presence
 * (awareness) changes share the window: those of one window go to every connection, the sender included,
 * as one awareness message with each changed client's latest state, after the window's document update.
 * Any other frame for a connection of the room goes out after what waits (`flush` first), so each
 * connection still receives the document changes in the order the relay applied them.
 */
export class RoomOutput {
  /** Doc updates emitted so far: tells whether a message changed anything (for the rate limit). */
  changes = 0
  /** Updates applied during the current window, waiting for its end. */
  private waiting: Outgoing[] = []
  private waitingBytes = 0
  /** Awareness client ids changed during the current window (their latest state is sent at its end). */
  private awarenessIds = new Set<number>()
  /** Ends the current window; null when no broadcast happened in the last `broadcastWindowMs`. */
  private windowTimer: NodeJS.Timeout | null = null
  private destroyed = false

  constructor(
    private readonly sessionId: string,
    private readonly conns: ReadonlySet<RelayConnection>,
    private readonly persistence: RoomPersistence,
    private readonly limits: RelayLimits,
    /** The awareness message for these client ids, with their current states. */
    private readonly encodeAwareness: (clientIds: number[]) => Uint8Array,
  ) {}

  /** Every change is persisted and broadcast once-encoded to every other connection. */
  readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.changes++
    if (this.batch) {
      this.batch.push({ update, origin })
      return
    }
    this.store(update)
    this.broadcast([{ update, origin }])
  }

  private store(update: Uint8Array): void {
    try {
      this.persistence.append(this.sessionId, update)
    } catch {
      // RoomPersistence.append never throws by contract; a broken implementation must not stop the sync.
    }
  }

  /** Updates caused while applying one client message, stored and sent together (see atomically). */
  private batch: Outgoing[] | null = null

  /**
   * Runs `fn`; every update it causes — the client's own and the recorder's trash and log entries for it
   * — is appended to storage as ONE update and sent as one, so a crash can never keep a deletion without
   * its trash entry (ADR 0041). Each connection gets what it does not have: the sender only the rest.
   */
  atomically(fn: () => void): void {
    if (this.batch) return fn()
    const batch: Outgoing[] = []
    this.batch = batch
    try {
      fn()
    } finally {
      this.batch = null
      if (batch.length === 1) this.store(batch[0]!.update)
      else if (batch.length > 1) this.store(Y.mergeUpdates(batch.map((b) => b.update)))
      if (batch.length > 0) this.broadcast(batch)
    }
  }

  /** Sends `updates` now if the window is closed (and opens one), or adds them to the window's wait. */
  private broadcast(updates: Outgoing[]): void {
    if (this.destroyed) return
    for (const u of updates) {
      this.waiting.push(u)
      this.waitingBytes += u.update.byteLength
    }
    if (this.windowTimer !== null) {
      if (this.waiting.length >= MAX_WAITING_UPDATES || this.waitingBytes >= MAX_WAITING_BYTES) this.send()
      return
    }
    this.send()
    this.openWindow()
  }

  /** Presence changes: sent now to every connection (the sender included) if the window is closed, else at its end. */
  broadcastAwareness(clientIds: readonly number[]): void {
    if (this.destroyed) return
    for (const id of clientIds) this.awarenessIds.add(id)
    if (this.windowTimer !== null) return
    this.send()
    this.openWindow()
  }

  private get hasWaiting(): boolean {
    return this.waiting.length > 0 || this.awarenessIds.size > 0
  }

  private openWindow(): void {
    const ms =
      (this.limits.broadcastWindowMs * Math.min(this.conns.size, FULL_WINDOW_CONNECTIONS)) /
      FULL_WINDOW_CONNECTIONS
    if (ms < 1 || this.destroyed) return
    this.windowTimer = setTimeout(() => {
      this.windowTimer = null
      // Something arrived during the window: send it and keep the window open for what follows.
      if (this.hasWaiting) {
        this.send()
        this.openWindow()
      }
    }, ms)
    this.windowTimer.unref()
  }

  /**
   * Sends the waiting updates now (the window stays as it is): called before any other frame goes to a
   * connection of the room, and before one joins, so frames keep the order in which the relay applied them.
   */
  flush(): void {
    if (this.hasWaiting) this.send()
  }

  /**
   * Document updates first, one frame per connection: everything waiting, merged, to those that sent
   * none of it; to a sender, the rest (nothing when it is all its own). Then the presence changes, one
   * frame for everyone.
   */
  private send(): void {
    this.sendUpdates()
    if (this.awarenessIds.size > 0) {
      const ids = [...this.awarenessIds]
      this.awarenessIds.clear()
      // at most maxAwarenessStatesPerSession ids a frame: a stock client's echo of it stays within the
      // entries the relay takes in one update (a window's churn may change more ids than that)
      const most = this.limits.maxAwarenessStatesPerSession
      for (let i = 0; i < ids.length; i += most) {
        const frame = this.encodeAwareness(ids.slice(i, i + most))
        for (const conn of this.conns) conn.send(frame)
      }
    }
    this.checkOutput()
  }

  private sendUpdates(): void {
    const out = this.waiting
    this.waiting = []
    this.waitingBytes = 0
    if (out.length === 0) return
    const all = out.length === 1 ? out[0]!.update : Y.mergeUpdates(out.map((o) => o.update))
    const frame = encodeSyncUpdate(all)
    const senders = new Set(out.map((o) => o.origin))
    for (const conn of this.conns) {
      if (!senders.has(conn)) {
        conn.send(frame)
        continue
      }
      const rest = out.filter((o) => o.origin !== conn).map((o) => o.update)
      if (rest.length === 1) conn.send(encodeSyncUpdate(rest[0]!))
      else if (rest.length > 1) conn.send(encodeSyncUpdate(Y.mergeUpdates(rest)))
    }
  }

  /** Stops the window; what still waits is dropped (the room has no connections left to send it to). */
  destroy(): void {
    this.destroyed = true
    if (this.windowTimer !== null) clearTimeout(this.windowTimer)
    this.windowTimer = null
    this.waiting = []
    this.waitingBytes = 0
    this.awarenessIds.clear()
  }

  /**
   * Keeps the output queued for this session's clients within `maxSessionBufferedBytes`: past it, the
   * clients with the longest queues are closed (SLOW_CONSUMER) until the rest fits.
   */
  checkOutput(): void {
    let total = 0
    for (const c of this.conns) total += c.bufferedBytes()
    if (total <= this.limits.maxSessionBufferedBytes) return
    const byQueue = [...this.conns].sort((a, b) => b.bufferedBytes() - a.bufferedBytes())
    for (const c of byQueue) {
      if (total <= this.limits.maxSessionBufferedBytes) break
      total -= c.bufferedBytes()
      c.close(CLOSE_CODES.SLOW_CONSUMER)
    }
  }
}
