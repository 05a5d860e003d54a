import type { Low } from 'lowdb'
import * as Y from 'yjs'
import type { SaveState } from '../relay/persistence'
import { SessionId, type SessionSummary } from '../../../shared/model/session'
import { StorageError, type StorageWarning, errorMessage } from './errors'
import { nowIso } from './ids'
import { IndexWriter } from './indexWriter'
import type { DataLayout } from './layout'
import type { DataDirLock } from './lock'
import { type NewSessionInput, writeNewSessionFolder } from './newSessionFolder'
import { type OpenLogsContext, OpenSessionLogs } from './openSessionLogs'
import type { BoardCounts, IndexData } from './schemas'
import type { CheckpointContext } from './sessionCheckpoints'
import type { SessionLog } from './sessionLog'
import { readManifest, writeManifest } from './sessionManifest'
import { compactState, docFromUpdates, readStoredState } from './sessionState'

/** How a data folder is opened (SessionStore.open): log batching, compaction thresholds, app version. */
export interface SessionStoreOptions {
  /** Appends are fsynced at most this long after an edit (≤ 250). Default 100. */
  readonly batchMs?: number
  /** Compact a session's log into its snapshot past this size, rebuilding the doc from disk. Default 2 MiB. */
  readonly compactBytes?: number
  /**
   * With setLiveDocs and the room loaded, compact from the live doc (cheap: one encodeStateAsUpdate) past
   * this size. Default 1 MiB.
   */
  readonly liveCompactBytes?: number
  /**
   * On closing a session, compact if its log is larger than this. Default 256 KiB. Skipped when setLiveDocs
   * is in use (the room is gone by then, so it would mean a rebuild; live compaction keeps logs short).
   */
  readonly compactOnCloseBytes?: number
  /** Recorded in exported files. */
  readonly appVersion?: string
  /**
   * How a board is counted for the index (the server passes boardStats; storage knows no card). With it,
   * a session made from an import, a checkpoint or a template, and a board reverted while closed, get
   * their counts when they are written; without it their counts start at 0.
   */
  readonly countsOf?: (doc: Y.Doc) => BoardCounts
}

export type SaveListener = (sessionId: string, state: SaveState) => void
export type WarningListener = (warning: StorageWarning) => void

/**
 * An open data folder: its index and lock, the open logs, listeners, per-session manifest chains and the
 * live-document lookup, with the helpers the store's operations share. Internal to storage: SessionStore
 * is the public face; the operation modules (checkpoints, open logs) get it as their narrow context.
 */
export class OpenDataDir implements OpenLogsContext, CheckpointContext {
  readonly warnings: StorageWarning[] = []
  readonly logs: OpenSessionLogs
  readonly saveListeners = new Set<SaveListener>()
  readonly warningListeners = new Set<WarningListener>()
  private readonly sessionChains = new Map<string, Promise<unknown>>()
  readonly dirtyManifests = new Set<string>()
  private readonly indexWriter: IndexWriter
  liveDocOf: ((sessionId: string) => Y.Doc | undefined) | null = null
  closed = false
  private readonly compactOnCloseBytes: number
  readonly appVersion: string
  private readonly countsOf: ((doc: Y.Doc) => BoardCounts) | null

  constructor(
    readonly layout: DataLayout,
    readonly db: Low<IndexData>,
    private readonly lock: DataDirLock,
    opts: SessionStoreOptions,
  ) {
    this.logs = new OpenSessionLogs(this, {
      batchMs: Math.min(250, Math.max(0, opts.batchMs ?? 100)),
      compactBytes: opts.compactBytes ?? 2 * 1024 * 1024,
      liveCompactBytes: opts.liveCompactBytes ?? 1024 * 1024,
    })
    this.indexWriter = new IndexWriter(
      db,
      () => this.closed,
      (e) => this.warn('index-reconciled', `Could not save the session index: ${errorMessage(e)}`),
    )
    this.compactOnCloseBytes = opts.compactOnCloseBytes ?? 256 * 1024
    this.appVersion = opts.appVersion ?? '0.1.0'
    this.countsOf = opts.countsOf ?? null
  }

  /** The counts of a board given as updates (undefined without SessionStoreOptions.countsOf). */
  countBoard(updates: readonly Uint8Array[]): BoardCounts | undefined {
    if (!this.countsOf) return undefined
    const doc = docFromUpdates(updates, 'board to count')
    try {
      const c = this.countsOf(doc)
      return { cardCount: c.cardCount, participantCount: c.participantCount }
    } finally {
      doc.destroy()
    }
  }

  /** Records a board's counts in the index (written debounced; the manifest when the session closes). */
  setCounts(s: SessionSummary, counts: BoardCounts): void {
    const ok = (v: number) => Number.isInteger(v) && v >= 0
    if (ok(counts.cardCount)) s.cardCount = counts.cardCount
    if (ok(counts.participantCount)) s.participantCount = counts.participantCount
    this.dirtyManifests.add(s.id)
    this.scheduleIndexWrite()
  }

  // ── warnings and save state ────────────────────────────────────────────────────────────────

  warn(kind: StorageWarning['kind'], message: string, sessionId?: string): void {
    const w: StorageWarning = { kind, message, at: nowIso(), ...(sessionId ? { sessionId } : {}) }
    this.warnings.push(w)
    for (const l of this.warningListeners) l(w)
  }

  emitSave(id: string, state: SaveState): void {
    for (const l of this.saveListeners) l(id, state)
  }

  // ── index helpers ──────────────────────────────────────────────────────────────────────────

  assertOpen(): void {
    if (this.closed) throw new StorageError('io', 'the session store is closed')
  }

  entry(id: string): SessionSummary | undefined {
    return this.db.data.sessions.find((s) => s.id === id)
  }

  requireSession(id: string, opts: { deleted?: boolean } = {}): SessionSummary {
    this.assertOpen()
    if (!SessionId.safeParse(id).success)
      throw new StorageError('invalid-argument', `“${id}” is not a session id`)
    const s = this.entry(id)
    if (!s) throw new StorageError('not-found', `No session with id ${id}`)
    if (opts.deleted === false && s.deletedAt)
      throw new StorageError('not-found', `Session ${id} is in the trash`)
    if (opts.deleted === true && !s.deletedAt)
      throw new StorageError('invalid-argument', `Session ${id} is not in the trash`)
    return s
  }

  dirOf(s: SessionSummary): string {
    return s.deletedAt ? this.layout.trashed(s.id) : this.layout.session(s.id)
  }

  writeIndex(): Promise<void> {
    return this.indexWriter.write()
  }

  scheduleIndexWrite(): void {
    this.indexWriter.schedule()
  }

  /** Serializes manifest read-modify-writes of one session. */
  withSession<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.sessionChains.get(id) ?? Promise.resolve()
    const run = prev.then(fn, fn)
    this.sessionChains.set(
      id,
      run.catch(() => undefined),
    )
    return run
  }

  /** Writes the session's summary into its manifest (keeping its checkpoints). */
  syncManifest(s: SessionSummary): Promise<void> {
    this.dirtyManifests.delete(s.id)
    return this.withSession(s.id, async () => {
      const dir = this.dirOf(s)
      const m = await readManifest(dir, s)
      await writeManifest(dir, { ...m, summary: { ...s } })
    })
  }

  // ── logs and boards ────────────────────────────────────────────────────────────────────────

  liveDoc(id: string): Y.Doc | undefined {
    return this.liveDocOf?.(id)
  }

  touch(id: string): void {
    const s = this.entry(id)
    if (!s) return
    s.updatedAt = nowIso()
    this.scheduleIndexWrite()
  }

  /** Flushes and releases one session's log (compacting it if it grew), then syncs its manifest. */
  async closeLog(sessionId: string): Promise<void> {
    const log = await this.logs.release(sessionId)
    if (!log) return
    await log.flush().catch(() => undefined)
    if (!this.liveDocOf && log.logBytes > this.compactOnCloseBytes)
      await log
        .compact()
        .catch((e: unknown) =>
          this.warn('snapshot-unreadable', `Could not compact ${sessionId}: ${errorMessage(e)}`, sessionId),
        )
    await log.close()
    const s = this.entry(sessionId)
    if (s) await this.syncManifest(s).catch(() => undefined)
  }

  /** Closes every open session, saves the index and releases the lock. */
  async shutdown(): Promise<void> {
    if (this.closed) return
    for (const id of this.logs.ids()) await this.closeLog(id)
    for (const id of [...this.dirtyManifests]) {
      const s = this.entry(id)
      if (s) await this.syncManifest(s).catch(() => undefined)
    }
    await this.writeIndex().catch(() => undefined)
    this.closed = true
    await this.lock.release()
  }

  /** Runs fn on the session's log, opening it for the while (then closing it) if it was not open. */
  async withOpenLog(s: SessionSummary, fn: (log: SessionLog) => Promise<void>): Promise<void> {
    const wasOpen = this.logs.isOpen(s.id)
    const log = await this.logs.open(s)
    await fn(log)
    if (!wasOpen) await this.closeLog(s.id)
  }

  /** The session's current board as one compacted Yjs update (flushes pending appends first). */
  async readState(id: string): Promise<Uint8Array> {
    const s = this.requireSession(id)
    await this.logs.flush(id)
    const live = s.deletedAt ? undefined : this.liveDocOf?.(id)
    if (live) return Y.encodeStateAsUpdate(live)
    const stored = await readStoredState(this.dirOf(s))
    return compactState(stored.updates, `board of “${s.title}”`)
  }

  /** Writes a complete new session (writeNewSessionFolder), then records it in the index. */
  async materialize(input: NewSessionInput): Promise<SessionSummary> {
    const counts = input.counts ?? this.countBoard([input.state])
    const summary = await writeNewSessionFolder(
      this.layout,
      counts ? { ...input, counts } : input,
      (id) => !!this.entry(id),
    )
    this.db.data.sessions.push(summary)
    await this.writeIndex()
    return { ...summary }
  }
}
