import * as Y from 'yjs'
import { CLOSE_CODES } from './closeCodes'
import type { RelayConnection } from './connection'
import type { RelayLimits } from './limits'
import { encodeSyncUpdate } from './messages'
import type { RoomPersistence } from './persistence'

/**
 * A room's output: every change of its document is appended to storage and sent once-encoded to every
 * other connection — the updates one client message causes (its own and the board recorder's trash and
 * log entries) as ONE update (`atomically`, ADR 0041) — and the session's queued output is kept within
 * `maxSessionBufferedBytes`.
 */
export class RoomOutput {
  /** Doc updates emitted so far: tells whether a message changed anything (for the rate limit). */
  changes = 0

  constructor(
    private readonly sessionId: string,
    private readonly conns: ReadonlySet<RelayConnection>,
    private readonly persistence: RoomPersistence,
    private readonly limits: RelayLimits,
  ) {}

  /** Every change is persisted and broadcast once-encoded to every other connection. */
  readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.changes++
    this.changes++
    if (this.batch) {
      this.batch.push({ update, origin })
      return
    }
    this.emitUpdate(update, origin)
  }

  private emitUpdate(update: Uint8Array, origin: unknown): void {
    try {
      this.persistence.append(this.sessionId, update)
    } catch {
      // RoomPersistence.append never throws by contract; a broken implementation must not stop the sync.
    }
    const frame = encodeSyncUpdate(update)
    for (const conn of this.conns) if (conn !== origin) conn.send(frame)
    this.checkOutput()
  }

  /** Updates caused while applying one client message, stored and sent together (see atomically). */
  private batch: Array<{ update: Uint8Array; origin: unknown }> | null = null

  /**
   * Runs `fn`; every update it causes — the client's own and the recorder's trash and log entries for it
   * — is appended to storage as ONE update and sent as one, so a crash can never keep a deletion without
   * its trash entry (ADR 0041). Each connection gets what it does not have: the sender only the rest.
   */
  atomically(fn: () => void): void {
    if (this.batch) return fn()
    const batch: Array<{ update: Uint8Array; origin: unknown }> = []
    this.batch = batch
    try {
      fn()
    } finally {
      this.batch = null
      if (batch.length === 1) this.emitUpdate(batch[0]!.update, batch[0]!.origin)
      else if (batch.length > 1) this.emitMerged(batch)
    }
  }

  private emitMerged(batch: Array<{ update: Uint8Array; origin: unknown }>): void {
    const all = Y.mergeUpdates(batch.map((b) => b.update))
    try {
      this.persistence.append(this.sessionId, all)
    } catch {
      // as in emitUpdate
    }
    const frame = encodeSyncUpdate(all)
    const senders = new Set(batch.map((b) => b.origin))
    for (const conn of this.conns) {
      if (!senders.has(conn)) {
        conn.send(frame)
        continue
      }
      const rest = batch.filter((b) => b.origin !== conn).map((b) => b.update)
      if (rest.length > 0) conn.send(encodeSyncUpdate(Y.mergeUpdates(rest)))
    }
    this.checkOutput()
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
