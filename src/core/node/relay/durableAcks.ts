import { encodeDurability } from '../../../shared/api/durability'
import type { RoomPersistence } from './persistence'

/** What the acknowledgements need of a connection (the relay's RelayConnection fits). */
export interface AckConnection {
  readonly sessionId: string
  send(frame: Uint8Array): void
  isClosed(): boolean
}

export interface DurableAcksOptions {
  /**
   * Resolves once everything the server has applied so far in this session is durable. It may wait
   * through the store's own retries (a cluster's PostgreSQL) or reject (a session log that cannot write;
   * it is then asked again after `retryMs`).
   */
  flush(sessionId: string): Promise<void>
  /** Where save-state changes come from, per session (RoomPersistence.onSaveState), if anywhere. */
  saveStates?: Pick<RoomPersistence, 'onSaveState'>
  retryMs?: number
}

/**
 * Durability acknowledgements (shared/api/durability.ts, docs/protocol/relay.md), for the laptop relay
 * and a cluster node alike. A client's request n is answered `saved n` once the store has made
 * everything received before it durable: frames of one connection are handled in order, so by the time
 * the request is handled its earlier updates are applied and appended, and the flush that follows
 * covers them. While the store refuses writes, a waiting client is told `not-storing` (once per request).
 */
export class DurableAcks<C extends AckConnection> {
  /** Requests waiting, per connection: the highest n, and whether it was told the store is failing. */
  private readonly waiting = new Map<C, { n: number; told: boolean }>()
  /** Why each session's store refuses writes now (absent while it stores); `everywhere`: one store for all. */
  private readonly failing = new Map<string, string>()
  private everywhere: string | null = null
  private readonly retryMs: number

  private readonly unsubscribe: () => void

  constructor(private readonly opts: DurableAcksOptions) {
    this.retryMs = opts.retryMs ?? 1000
    this.unsubscribe =
      opts.saveStates?.onSaveState?.((id, s) => {
        if (s.state === 'error') this.storeFailing(id, s.reason)
        else if (s.state === 'saved') this.storeRecovered(id)
      }) ?? (() => {})
  }

  dispose(): void {
    this.unsubscribe()
    this.waiting.clear()
  }

  /** The first frame for a client that asked for acknowledgements: this server confirms durability. */
  hello(conn: C): void {
    conn.send(encodeDurability({ kind: 'saved', n: 0 }))
  }

  /** Answers request n once the store has made it durable. True: it counts against the message rate. */
  request(conn: C, n: number): true {
    const w = { n, told: false }
    this.waiting.set(conn, w)
    const reason = this.everywhere ?? this.failing.get(conn.sessionId)
    if (reason !== undefined) this.tell(conn, w, reason)
    void this.confirm(conn, n)
    return true
  }

  /** The store of `sessionId` (every session when null) refuses writes: tell whoever waits. */
  storeFailing(sessionId: string | null, reason: string): void {
    if (sessionId === null) this.everywhere = reason
    else this.failing.set(sessionId, reason)
    for (const [conn, w] of this.waiting)
      if (sessionId === null || conn.sessionId === sessionId) this.tell(conn, w, reason)
  }

  /** The store of `sessionId` (every session when null) writes again. */
  storeRecovered(sessionId: string | null): void {
    if (sessionId === null) this.everywhere = null
    else this.failing.delete(sessionId)
  }

  forget(conn: C): void {
    this.waiting.delete(conn)
  }

  private tell(conn: C, w: { n: number; told: boolean }, reason: string): void {
    if (w.told || conn.isClosed()) return
    w.told = true
    conn.send(encodeDurability({ kind: 'not-storing', n: w.n, reason }))
  }

  private async confirm(conn: C, n: number): Promise<void> {
    for (;;) {
      try {
        await this.opts.flush(conn.sessionId)
        break
      } catch (err) {
        const w = this.waiting.get(conn)
        if (w) this.tell(conn, w, err instanceof Error ? err.message : 'the server could not store changes')
        await new Promise((r) => setTimeout(r, this.retryMs).unref())
        if (conn.isClosed()) return this.forget(conn)
      }
    }
    if (conn.isClosed()) return this.forget(conn)
    if (this.waiting.get(conn)?.n === n) this.waiting.delete(conn)
    conn.send(encodeDurability({ kind: 'saved', n }))
  }
}
