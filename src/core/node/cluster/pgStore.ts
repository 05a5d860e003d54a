import pg from 'pg'
import * as Y from 'yjs'
import type { SaveState } from '../relay'
import { PgAssets } from './pgAssets'
import { PgModeration } from './pgModeration'
import { PgTokens } from './pgTokens'
import { migrate } from './pgSchema'

/**
 * A cluster node's durable state in PostgreSQL: published sessions, guest-token digests, and each
 * session's document as an append-only update log plus one compacted snapshot (ADR 0004's storage
 * model, in a database any node can read). See docs/deployment/cluster.md and ADR 0020.
 *
 * Writes are batched: updates appended within `batchMs` go to the database in one INSERT (one commit).
 * A failed batch is retried, with back-off, until it commits; nothing is dropped meanwhile.
 */
export interface ClusterStoreOptions {
  /** postgres://USER@HOST:PORT/DB */
  connectionString: string
  /** How long appended updates wait before their batch is written. Default 50 ms. */
  batchMs?: number
  /** Log rows of one session, written by this node, after which it compacts the session. Default 500. */
  compactAfterRows?: number
  /** Told about failed writes (they are retried) and compactions that failed. */
  onWarning?: (message: string, error?: unknown) => void
  /** Save-state changes: 'saving' while updates wait, 'error' while the database refuses them. */
  onSaveState?: (state: SaveState) => void
}

export interface StoredSession {
  sessionId: string
  title: string | null
}

interface Pending {
  sessionId: string
  update: Uint8Array
}

export class ClusterStore {
  private readonly pool: pg.Pool
  /** Guest-token digests (pgTokens.ts). */
  readonly tokens: PgTokens
  /** Sessions' images (pgAssets.ts). */
  readonly assets: PgAssets
  /** Sessions' moderation inboxes (pgModeration.ts, a pool of its own). */
  readonly moderation: PgModeration
  private readonly batchMs: number
  private readonly compactAfterRows: number
  private readonly warn: (message: string, error?: unknown) => void
  private pending: Pending[] = []
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> | null = null
  /** Resolvers waiting for everything appended before them to commit. */
  private waiters: { upto: number; resolve: () => void }[] = []
  private appended = 0
  private committed = 0
  private readonly rowsSinceCompaction = new Map<string, number>()
  private readonly compacting = new Map<string, Promise<void>>()
  private failing = false
  private closed = false

  private constructor(private readonly opts: ClusterStoreOptions) {
    this.pool = new pg.Pool({ connectionString: opts.connectionString, max: 6 })
    // An idle client losing its server (PostgreSQL restarting) must not crash the node.
    this.pool.on('error', (err) => this.warn('cluster: PostgreSQL connection lost', err))
    this.tokens = new PgTokens(this.pool)
    this.assets = new PgAssets(this.pool)
    this.batchMs = opts.batchMs ?? 50
    this.compactAfterRows = opts.compactAfterRows ?? 500
    this.warn = opts.onWarning ?? (() => {})
    this.moderation = new PgModeration(opts.connectionString, this.warn)
  }

  /** Connects and creates or upgrades the schema. */
  static async open(opts: ClusterStoreOptions): Promise<ClusterStore> {
    const store = new ClusterStore(opts)
    try {
      await migrate(store.pool)
    } catch (err) {
      await Promise.all([store.pool.end(), store.moderation.close()])
      throw err
    }
    return store
  }

  // ---- sessions ----

  async sessionExists(sessionId: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM copro_sessions WHERE session_id = $1', [sessionId])
    return r.rowCount === 1
  }

  /** Publishes a session (creates it, or sets its title when one is given). */
  async publish(sessionId: string, title?: string): Promise<StoredSession> {
    const r = await this.pool.query<{ session_id: string; title: string | null }>(
      `INSERT INTO copro_sessions (session_id, title) VALUES ($1, $2)
       ON CONFLICT (session_id) DO UPDATE SET title = COALESCE($2, copro_sessions.title)
       RETURNING session_id, title`,
      [sessionId, title ?? null],
    )
    const row = r.rows[0]!
    return { sessionId: row.session_id, title: row.title }
  }

  async getSession(sessionId: string): Promise<StoredSession | null> {
    const r = await this.pool.query<{ title: string | null }>(
      'SELECT title FROM copro_sessions WHERE session_id = $1',
      [sessionId],
    )
    return r.rows[0] ? { sessionId, title: r.rows[0].title } : null
  }

  async listSessions(): Promise<(StoredSession & { tokens: number })[]> {
    const r = await this.pool.query<{ session_id: string; title: string | null; tokens: string }>(
      `SELECT s.session_id, s.title, (SELECT count(*) FROM copro_tokens t WHERE t.session_id = s.session_id) AS tokens
       FROM copro_sessions s ORDER BY s.created_at, s.session_id`,
    )
    return r.rows.map((row) => ({ sessionId: row.session_id, title: row.title, tokens: Number(row.tokens) }))
  }

  /** Deletes a session's hosted copy: its log, snapshot and tokens (cascade). Returns the revoked token ids. */
  async deleteSession(sessionId: string): Promise<{ deleted: boolean; tokenIds: string[] }> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const t = await client.query<{ token_id: string }>(
        'SELECT token_id FROM copro_tokens WHERE session_id = $1',
        [sessionId],
      )
      const d = await client.query('DELETE FROM copro_sessions WHERE session_id = $1', [sessionId])
      await client.query('COMMIT')
      this.rowsSinceCompaction.delete(sessionId)
      return { deleted: d.rowCount === 1, tokenIds: t.rows.map((row) => row.token_id) }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  // ---- documents ----

  /** The snapshot (if any) and every log row after it, read in one consistent snapshot of the database. */
  async load(sessionId: string): Promise<Uint8Array[]> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const snap = await client.query<{ data: Buffer; upto_seq: string }>(
        'SELECT data, upto_seq FROM copro_snapshots WHERE session_id = $1',
        [sessionId],
      )
      const upto = snap.rows[0]?.upto_seq ?? '0'
      const log = await client.query<{ data: Buffer }>(
        'SELECT data FROM copro_updates WHERE session_id = $1 AND seq > $2 ORDER BY seq',
        [sessionId, upto],
      )
      await client.query('COMMIT')
      if (log.rows.length >= this.compactAfterRows) this.scheduleCompaction(sessionId)
      const out: Uint8Array[] = []
      if (snap.rows[0]) out.push(new Uint8Array(snap.rows[0].data))
      for (const row of log.rows) out.push(new Uint8Array(row.data))
      return out
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  /** Queues one update; it is written with the next batch (within `batchMs`). Never throws. */
  append(sessionId: string, update: Uint8Array): void {
    if (this.closed) return
    this.pending.push({ sessionId, update })
    this.appended++
    if (this.pending.length === 1 && !this.failing) this.opts.onSaveState?.({ state: 'saving' })
    this.schedule()
  }

  /** Resolves once every update appended so far has committed (waits through retries). */
  flush(): Promise<void> {
    if (this.committed >= this.appended) return Promise.resolve()
    const upto = this.appended
    const done = new Promise<void>((resolve) => this.waiters.push({ upto, resolve }))
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    this.writing ??= this.drain()
    return done
  }

  /** Updates appended but not yet committed. */
  get unsaved(): number {
    return this.appended - this.committed
  }

  private schedule(): void {
    if (this.timer || this.writing) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.writing ??= this.drain()
    }, this.batchMs)
  }

  private async drain(): Promise<void> {
    let backoff = 100
    let failuresWhileClosing = 0
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, 2000)
        try {
          await this.writeBatch(batch)
        } catch (err) {
          if (!this.failing) {
            this.failing = true
            this.opts.onSaveState?.({ state: 'error', reason: 'the database refused the write; retrying' })
          }
          this.warn(`cluster: writing ${batch.length} updates failed; retrying in ${backoff} ms`, err)
          if (this.closed && ++failuresWhileClosing > 8) throw err
          await new Promise((r) => setTimeout(r, backoff))
          backoff = Math.min(backoff * 2, 2000)
          continue
        }
        backoff = 100
        this.failing = false
        this.pending.splice(0, batch.length)
        this.committed += batch.length
        for (const w of this.waiters.filter((x) => x.upto <= this.committed)) w.resolve()
        this.waiters = this.waiters.filter((x) => x.upto > this.committed)
        for (const p of batch) {
          const n = (this.rowsSinceCompaction.get(p.sessionId) ?? 0) + 1
          this.rowsSinceCompaction.set(p.sessionId, n)
          if (n >= this.compactAfterRows) this.scheduleCompaction(p.sessionId)
        }
      }
      this.opts.onSaveState?.({ state: 'saved' })
    } finally {
      this.writing = null
      if (this.pending.length > 0) this.schedule()
    }
  }

  /** One INSERT, one commit. Rows of sessions deleted meanwhile are skipped. */
  private async writeBatch(batch: Pending[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO copro_updates (session_id, data)
       SELECT u.sid, u.data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(sid, data, n)
       WHERE EXISTS (SELECT 1 FROM copro_sessions s WHERE s.session_id = u.sid)
       ORDER BY u.n`,
      [batch.map((p) => p.sessionId), batch.map((p) => Buffer.from(p.update))],
    )
  }

  private scheduleCompaction(sessionId: string): void {
    if (this.compacting.has(sessionId) || this.closed) return
    this.rowsSinceCompaction.set(sessionId, 0)
    const run = this.compact(sessionId)
      .then(() => undefined)
      .catch((err: unknown) => this.warn(`cluster: compacting session ${sessionId} failed`, err))
      .finally(() => this.compacting.delete(sessionId))
    this.compacting.set(sessionId, run)
  }

  /**
   * Folds the snapshot and the log rows so far into one new snapshot and deletes those rows, in one
   * transaction under a per-session lock (another node compacting the same session waits).
   * Returns the number of log rows folded in.
   */
  async compact(sessionId: string): Promise<number> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`copro:${sessionId}`])
      const snap = await client.query<{ data: Buffer }>(
        'SELECT data, upto_seq FROM copro_snapshots WHERE session_id = $1',
        [sessionId],
      )
      const log = await client.query<{ seq: string; data: Buffer }>(
        `SELECT seq, data FROM copro_updates WHERE session_id = $1
         AND seq > COALESCE((SELECT upto_seq FROM copro_snapshots WHERE session_id = $1), 0) ORDER BY seq`,
        [sessionId],
      )
      if (log.rows.length === 0) {
        await client.query('COMMIT')
        return 0
      }
      const doc = new Y.Doc()
      doc.transact(() => {
        if (snap.rows[0]) Y.applyUpdate(doc, new Uint8Array(snap.rows[0].data))
        for (const row of log.rows) Y.applyUpdate(doc, new Uint8Array(row.data))
      })
      const merged = Y.encodeStateAsUpdate(doc)
      doc.destroy()
      const upto = log.rows[log.rows.length - 1]!.seq
      await client.query(
        `INSERT INTO copro_snapshots (session_id, data, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (session_id) DO UPDATE SET data = $2, upto_seq = $3, compacted_at = now()`,
        [sessionId, Buffer.from(merged), upto],
      )
      await client.query('DELETE FROM copro_updates WHERE session_id = $1 AND seq <= $2', [sessionId, upto])
      await client.query('COMMIT')
      return log.rows.length
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  /** Log rows and snapshot size of a session (for tests and the admin listing). */
  async storageOf(sessionId: string): Promise<{ logRows: number; snapshotBytes: number }> {
    const r = await this.pool.query<{ rows: string; bytes: number | null }>(
      `SELECT (SELECT count(*) FROM copro_updates WHERE session_id = $1) AS rows,
              (SELECT octet_length(data) FROM copro_snapshots WHERE session_id = $1) AS bytes`,
      [sessionId],
    )
    return { logRows: Number(r.rows[0]?.rows ?? 0), snapshotBytes: r.rows[0]?.bytes ?? 0 }
  }

  /** Writes what is pending (retrying for a while), then disconnects. */
  async close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.pending.length > 0) {
      this.writing ??= this.drain()
    }
    this.closed = true
    await this.writing?.catch((err: unknown) =>
      this.warn(`cluster: ${this.pending.length} updates could not be written at shutdown`, err),
    )
    await Promise.allSettled([...this.compacting.values()])
    for (const w of this.waiters) w.resolve()
    await Promise.all([this.pool.end(), this.moderation.close()])
  }
}
