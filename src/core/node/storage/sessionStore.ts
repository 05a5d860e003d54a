import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Low } from 'lowdb'
import * as Y from 'yjs'
import type { RoomPersistence, SaveState } from '../relay/persistence'
import { SessionId, SessionSummary, SessionTitle } from '../../../shared/model/session'
import { decodeSnapshot, encodeSnapshot } from './binaryFormats'
import { type CoproContent, readCoproBytes, readCoproFile } from './coproFile'
import { buildCoproFile, exportSessionFolder } from './coproExport'
import { StorageError, type StorageWarning, errorMessage, isErrnoCode } from './errors'
import { fileSize, fsyncDir, pathExists, writeFileAtomic } from './fsAtomic'
import { newCheckpointId, newSessionId } from './ids'
import { DataLayout, sessionFiles } from './layout'
import { DataDirLock } from './lock'
import { REVERT_ORIGIN, revertUpdate, withPresentWithdrawals } from './revertDoc'
import {
  type CheckpointMeta,
  CheckpointId,
  type CheckpointReason,
  type IndexData,
  SessionManifest,
  type Settings,
  Settings as SettingsSchema,
  SettingsPatch,
  TemplateId,
} from './schemas'
import { SessionLog } from './sessionLog'
import { loadIndex } from './sessionIndex'
import { compactState, docFromUpdates, readStoredState, writeFreshState } from './sessionState'

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
}

export interface CreateSessionInput {
  readonly title: string
  readonly templateId?: string | null
  /** A Yjs update to start from (e.g. a laid-out template). It must apply to an empty document. */
  readonly initialUpdate?: Uint8Array
}

export interface RevertOptions {
  /**
   * When the session's room is live, pass the relay's way of applying an update to its authoritative Y.Doc
   * (e.g. `u => Y.applyUpdate(room.doc, u, 'revert')`): the relay then broadcasts it and appends it here as
   * usual. Without it, the store applies the update to the live doc from setLiveDocs if the room is loaded,
   * and otherwise appends it to the log itself.
   */
  readonly applyToLiveDoc?: (update: Uint8Array) => void
}

type SaveListener = (sessionId: string, state: SaveState) => void
type WarningListener = (warning: StorageWarning) => void

const INDEX_DEBOUNCE_MS = 1_000

function nowIso(): string {
  return new Date().toISOString()
}

function emptyState(): Uint8Array {
  const doc = new Y.Doc()
  const s = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return s
}

/**
 * Durable local storage of sessions: one data folder, owned by one server at a time (a lock file).
 * Implements the relay's RoomPersistence (per-session append-only, checksummed, fsynced update log with
 * compaction) and the session operations of the Sessions view and the CLI. See docs/adr/0004-storage.md.
 */
export class SessionStore implements RoomPersistence {
  readonly warnings: StorageWarning[] = []
  private readonly logs = new Map<string, SessionLog>()
  private readonly opening = new Map<string, Promise<SessionLog>>()
  private readonly early = new Map<string, Uint8Array[]>()
  private readonly saveListeners = new Set<SaveListener>()
  private readonly warningListeners = new Set<WarningListener>()
  private readonly sessionChains = new Map<string, Promise<unknown>>()
  private readonly dirtyManifests = new Set<string>()
  private indexTimer: NodeJS.Timeout | null = null
  private liveDocOf: ((sessionId: string) => Y.Doc | undefined) | null = null
  private closed = false
  private readonly batchMs: number
  private readonly compactBytes: number
  private readonly compactOnCloseBytes: number
  private readonly liveCompactBytes: number
  readonly appVersion: string

  private constructor(
    readonly layout: DataLayout,
    private readonly db: Low<IndexData>,
    private readonly lock: DataDirLock,
    opts: SessionStoreOptions,
  ) {
    this.batchMs = Math.min(250, Math.max(0, opts.batchMs ?? 100))
    this.compactBytes = opts.compactBytes ?? 2 * 1024 * 1024
    this.compactOnCloseBytes = opts.compactOnCloseBytes ?? 256 * 1024
    this.liveCompactBytes = opts.liveCompactBytes ?? 1024 * 1024
    this.appVersion = opts.appVersion ?? '0.1.0'
  }

  /** Opens (creating if needed) a data folder and takes its lock; throws StorageError('locked') if another server owns it. */
  static async open(dataDir: string, opts: SessionStoreOptions = {}): Promise<SessionStore> {
    const layout = new DataLayout(dataDir)
    await mkdir(dataDir, { recursive: true })
    const lock = await DataDirLock.acquire(layout.lock, dataDir)
    try {
      await mkdir(layout.sessions, { recursive: true })
      await mkdir(layout.trash, { recursive: true })
      await rm(layout.tmp, { recursive: true, force: true })
      await mkdir(layout.tmp, { recursive: true })
      const warnings: StorageWarning[] = []
      const { db, changed } = await loadIndex(layout, warnings)
      if (changed) await db.write()
      const store = new SessionStore(layout, db, lock, opts)
      store.warnings.push(...warnings)
      return store
    } catch (e) {
      await lock.release()
      throw e
    }
  }

  /**
   * Tells the store where the relay's live documents are (`id => relay.getLoadedDoc(id)`). With it,
   * compaction, checkpoints, exports and duplicates encode the live document instead of rebuilding it
   * from disk (no event-loop stall), and revertToCheckpoint applies to a live room by itself.
   * Contract: every update of a live document reaches `append` (the relay's room does this).
   */
  setLiveDocs(lookup: ((sessionId: string) => Y.Doc | undefined) | null): void {
    this.liveDocOf = lookup
  }

  // ── warnings and save state ────────────────────────────────────────────────────────────────

  onWarning(listener: WarningListener): () => void {
    this.warningListeners.add(listener)
    return () => this.warningListeners.delete(listener)
  }

  onSaveState(listener: SaveListener): () => void {
    this.saveListeners.add(listener)
    return () => this.saveListeners.delete(listener)
  }

  private warn(kind: StorageWarning['kind'], message: string, sessionId?: string): void {
    const w: StorageWarning = { kind, message, at: nowIso(), ...(sessionId ? { sessionId } : {}) }
    this.warnings.push(w)
    for (const l of this.warningListeners) l(w)
  }

  private emitSave(id: string, state: SaveState): void {
    for (const l of this.saveListeners) l(id, state)
  }

  // ── index helpers ──────────────────────────────────────────────────────────────────────────

  private assertOpen(): void {
    if (this.closed) throw new StorageError('io', 'the session store is closed')
  }

  private entry(id: string): SessionSummary | undefined {
    return this.db.data.sessions.find((s) => s.id === id)
  }

  private requireSession(id: string, opts: { deleted?: boolean } = {}): SessionSummary {
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

  private dirOf(s: SessionSummary): string {
    return s.deletedAt ? this.layout.trashed(s.id) : this.layout.session(s.id)
  }

  private async writeIndex(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer)
      this.indexTimer = null
    }
    await this.db.write()
  }

  private scheduleIndexWrite(): void {
    if (this.indexTimer || this.closed) return
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null
      this.db
        .write()
        .catch((e: unknown) =>
          this.warn('index-reconciled', `Could not save the session index: ${errorMessage(e)}`),
        )
    }, INDEX_DEBOUNCE_MS)
  }

  /** Serializes manifest read-modify-writes of one session. */
  private withSession<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.sessionChains.get(id) ?? Promise.resolve()
    const run = prev.then(fn, fn)
    this.sessionChains.set(
      id,
      run.catch(() => undefined),
    )
    return run
  }

  private async readManifest(dir: string, summary: SessionSummary): Promise<SessionManifest> {
    try {
      return SessionManifest.parse(JSON.parse(await readFile(sessionFiles(dir).manifest, 'utf8')))
    } catch {
      return { formatVersion: 1, summary, checkpoints: [] }
    }
  }

  private async writeManifest(dir: string, manifest: SessionManifest): Promise<void> {
    await writeFileAtomic(sessionFiles(dir).manifest, JSON.stringify(manifest, null, 2))
  }

  /** Writes the session's summary into its manifest (keeping its checkpoints). */
  private syncManifest(s: SessionSummary): Promise<void> {
    this.dirtyManifests.delete(s.id)
    return this.withSession(s.id, async () => {
      const dir = this.dirOf(s)
      const m = await this.readManifest(dir, s)
      await this.writeManifest(dir, { ...m, summary: { ...s } })
    })
  }

  // ── RoomPersistence ────────────────────────────────────────────────────────────────────────

  async exists(sessionId: string): Promise<boolean> {
    if (this.closed || !SessionId.safeParse(sessionId).success) return false
    const s = this.entry(sessionId)
    return !!s && !s.deletedAt
  }

  async load(sessionId: string): Promise<Uint8Array[]> {
    const s = this.requireSession(sessionId, { deleted: false })
    const log = await this.openLog(s)
    const pre = this.lastLoaded.get(sessionId)
    this.lastLoaded.delete(sessionId)
    // The read made while opening is still exact if nothing was written since: skip a second read.
    if (pre && !log.hasPending && log.compactions === 0 && log.logBytes === pre.logLength) return pre.updates
    await log.flush()
    return (await readStoredState(this.dirOf(s))).updates
  }

  private readonly lastLoaded = new Map<string, { updates: Uint8Array[]; logLength: number }>()

  private openLog(s: SessionSummary): Promise<SessionLog> {
    const existing = this.opening.get(s.id)
    if (existing) return existing
    const id = s.id
    const dir = this.dirOf(s)
    const p = (async () => {
      const stored = await readStoredState(dir)
      if (stored.droppedTail) {
        const { bytes, problem } = stored.droppedTail
        if (!problem.startsWith('a torn')) {
          const aside = `${sessionFiles(dir).log}.damaged-${nowIso().replace(/[:.]/g, '-')}`
          await cp(sessionFiles(dir).log, aside).catch(() => undefined)
        }
        this.warn(
          'log-tail-dropped',
          `“${s.title}”: the last ${bytes} bytes of the update log were unreadable (${problem}) and were dropped; everything saved before them was kept.`,
          id,
        )
      }
      const log = await SessionLog.open(dir, stored.validLogLength, {
        batchMs: this.batchMs,
        compactBytes: this.compactBytes,
        liveCompactBytes: this.liveCompactBytes,
        onState: (state) => this.emitSave(id, state),
        onCompactionError: (e) =>
          this.warn('snapshot-unreadable', `Could not compact “${s.title}”: ${errorMessage(e)}`, id),
        onDurable: () => this.touch(id),
        liveState: () => {
          const doc = this.liveDocOf?.(id)
          return doc ? Y.encodeStateAsUpdate(doc) : null
        },
      })
      this.lastLoaded.set(id, { updates: stored.updates, logLength: log.logBytes })
      for (const u of this.early.get(id) ?? []) log.append(u)
      this.early.delete(id)
      this.logs.set(id, log)
      return log
    })()
    this.opening.set(id, p)
    p.catch((e: unknown) => {
      this.opening.delete(id)
      this.early.delete(id)
      this.emitSave(id, { state: 'error', reason: errorMessage(e) })
    })
    return p
  }

  private touch(id: string): void {
    const s = this.entry(id)
    if (!s) return
    s.updatedAt = nowIso()
    this.scheduleIndexWrite()
  }

  append(sessionId: string, update: Uint8Array): void {
    const log = this.logs.get(sessionId)
    if (log) return log.append(update)
    const s = this.entry(sessionId)
    if (this.closed || !s || s.deletedAt) {
      this.emitSave(sessionId, { state: 'error', reason: 'this session is not open for saving' })
      return
    }
    const early = this.early.get(sessionId) ?? []
    early.push(update)
    this.early.set(sessionId, early)
    this.emitSave(sessionId, { state: 'saving' })
    void this.openLog(s).catch(() => undefined)
  }

  async flush(sessionId: string): Promise<void> {
    const log = this.logs.get(sessionId) ?? (await this.opening.get(sessionId))
    if (log) await log.flush()
  }

  /**
   * RoomPersistence.close(sessionId): flush and release one session's log (compacting it if it grew).
   * close() with no argument closes the whole store and releases the data-folder lock.
   */
  async close(sessionId?: string): Promise<void> {
    if (sessionId === undefined) return this.shutdown()
    const log = this.logs.get(sessionId) ?? (await this.opening.get(sessionId)?.catch(() => undefined))
    this.opening.delete(sessionId)
    this.logs.delete(sessionId)
    this.lastLoaded.delete(sessionId)
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
    for (const id of [...new Set([...this.logs.keys(), ...this.opening.keys()])]) await this.close(id)
    for (const id of [...this.dirtyManifests]) {
      const s = this.entry(id)
      if (s) await this.syncManifest(s).catch(() => undefined)
    }
    await this.writeIndex().catch(() => undefined)
    this.closed = true
    await this.lock.release()
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────────

  list(opts: { includeDeleted?: boolean } = {}): SessionSummary[] {
    this.assertOpen()
    return this.db.data.sessions
      .filter((s) => opts.includeDeleted || !s.deletedAt)
      .map((s) => ({ ...s }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  get(id: string): SessionSummary | null {
    this.assertOpen()
    const s = SessionId.safeParse(id).success ? this.entry(id) : undefined
    return s ? { ...s } : null
  }

  search(query: string, opts: { includeDeleted?: boolean } = {}): SessionSummary[] {
    const q = query.trim().toLocaleLowerCase()
    return this.list(opts).filter((s) => s.title.toLocaleLowerCase().includes(q))
  }

  async create(input: CreateSessionInput): Promise<SessionSummary> {
    this.assertOpen()
    const title = SessionTitle.safeParse(input.title)
    if (!title.success)
      throw new StorageError('invalid-argument', 'A session needs a title of 1–200 characters')
    const templateId = input.templateId ?? null
    if (templateId !== null && !TemplateId.safeParse(templateId).success)
      throw new StorageError('invalid-argument', `“${templateId}” is not a template id`)
    const state = input.initialUpdate ? compactState([input.initialUpdate], 'initial board') : emptyState()
    return this.materialize({ title: title.data, templateId, state, checkpoints: [] })
  }

  /**
   * Writes a complete new session in tmp/ and renames it into sessions/ (so a failure leaves nothing
   * behind), then records it in the index.
   */
  private async materialize(input: {
    title: string
    templateId: string | null
    createdAt?: string
    state: Uint8Array
    checkpoints: { meta: Omit<CheckpointMeta, 'id'>; state: Uint8Array }[]
  }): Promise<SessionSummary> {
    let id = newSessionId()
    while (this.entry(id) || (await pathExists(this.layout.session(id)))) id = newSessionId()
    const now = nowIso()
    const summary: SessionSummary = SessionSummary.parse({
      id,
      title: input.title,
      templateId: input.templateId,
      createdAt: input.createdAt ?? now,
      updatedAt: now,
      participantCount: 0,
      cardCount: 0,
      deletedAt: null,
    })
    const staging = path.join(this.layout.tmp, id)
    try {
      await mkdir(sessionFiles(staging).checkpoints, { recursive: true })
      const checkpoints: CheckpointMeta[] = []
      for (const c of input.checkpoints) {
        const cid = newCheckpointId()
        await writeFileAtomic(sessionFiles(staging).checkpoint(cid), encodeSnapshot(c.state))
        checkpoints.push({ ...c.meta, id: cid, size: c.state.length })
      }
      await writeFreshState(staging, input.state)
      await this.writeManifest(staging, { formatVersion: 1, summary, checkpoints })
      await rename(staging, this.layout.session(id))
      await fsyncDir(this.layout.sessions)
    } catch (e) {
      await rm(staging, { recursive: true, force: true })
      throw e instanceof StorageError
        ? e
        : new StorageError('io', `Could not create the session: ${errorMessage(e)}`, { cause: e })
    }
    this.db.data.sessions.push(summary)
    await this.writeIndex()
    return { ...summary }
  }

  async rename(id: string, title: string): Promise<SessionSummary> {
    const s = this.requireSession(id)
    const t = SessionTitle.safeParse(title)
    if (!t.success) throw new StorageError('invalid-argument', 'A session needs a title of 1–200 characters')
    s.title = t.data
    s.updatedAt = nowIso()
    await this.syncManifest(s)
    await this.writeIndex()
    return { ...s }
  }

  async updateStats(
    id: string,
    stats: { participantCount?: number; cardCount?: number },
  ): Promise<SessionSummary> {
    const s = this.requireSession(id)
    const n = (v: number | undefined, old: number) =>
      v === undefined || !Number.isInteger(v) || v < 0 ? old : v
    s.participantCount = n(stats.participantCount, s.participantCount)
    s.cardCount = n(stats.cardCount, s.cardCount)
    // Cheap enough to call on every board change: the index is written debounced, the manifest when the
    // session closes (stats are derived data; a rebuild after a crash may show slightly older counts).
    this.dirtyManifests.add(id)
    this.scheduleIndexWrite()
    return { ...s }
  }

  /** Compacts a session now: its log is merged into a new snapshot (temp file, fsync, rename) and emptied. */
  async compact(id: string): Promise<void> {
    const s = this.requireSession(id, { deleted: false })
    const wasOpen = this.logs.has(id) || this.opening.has(id)
    const log = await this.openLog(s)
    await log.flush()
    await log.compact()
    if (!wasOpen) await this.close(id)
  }

  /** Bytes on disk of a session's snapshot and log (for diagnostics and benchmarks). */
  async diskUsage(id: string): Promise<{ snapshotBytes: number; logBytes: number }> {
    const s = this.requireSession(id)
    const files = sessionFiles(this.dirOf(s))
    return { snapshotBytes: await fileSize(files.snapshot), logBytes: await fileSize(files.log) }
  }

  /** The session's current board as one compacted Yjs update (flushes pending appends first). */
  async readState(id: string): Promise<Uint8Array> {
    const s = this.requireSession(id)
    await this.flush(id)
    const live = s.deletedAt ? undefined : this.liveDocOf?.(id)
    if (live) return Y.encodeStateAsUpdate(live)
    const stored = await readStoredState(this.dirOf(s))
    return compactState(stored.updates, `board of “${s.title}”`)
  }

  async duplicate(id: string, title?: string): Promise<SessionSummary> {
    const s = this.requireSession(id, { deleted: false })
    const state = await this.readState(id)
    return this.materialize({
      title: title ?? `${s.title} (copy)`.slice(0, 200),
      templateId: s.templateId,
      state,
      checkpoints: [],
    })
  }

  /** Moves a session to the trash (restorable). Its room must have been closed by the caller. */
  async delete(id: string): Promise<SessionSummary> {
    const s = this.requireSession(id, { deleted: false })
    await this.close(id)
    await this.withSession(id, async () => {
      await rename(this.layout.session(id), this.layout.trashed(id))
      await fsyncDir(this.layout.trash)
      await fsyncDir(this.layout.sessions)
    })
    s.deletedAt = nowIso()
    await this.syncManifest(s)
    this.db.data.settings.recent = this.db.data.settings.recent.filter((r) => r !== id)
    await this.writeIndex()
    return { ...s }
  }

  async restore(id: string): Promise<SessionSummary> {
    const s = this.requireSession(id, { deleted: true })
    await this.withSession(id, async () => {
      await rename(this.layout.trashed(id), this.layout.session(id))
      await fsyncDir(this.layout.sessions)
      await fsyncDir(this.layout.trash)
    })
    s.deletedAt = null
    await this.syncManifest(s)
    await this.writeIndex()
    return { ...s }
  }

  /** Deletes a session for good (from the trash or not). */
  async purge(id: string): Promise<void> {
    const s = this.requireSession(id)
    await this.close(id)
    const dir = this.dirOf(s)
    // Rename first so a crash mid-delete leaves no half session in sessions/ or trash/.
    const doomed = path.join(this.layout.tmp, `purge-${id}`)
    await this.withSession(id, () => rename(dir, doomed))
    this.db.data.sessions = this.db.data.sessions.filter((x) => x.id !== id)
    this.db.data.settings.recent = this.db.data.settings.recent.filter((r) => r !== id)
    await this.writeIndex()
    await rm(doomed, { recursive: true, force: true })
  }

  // ── settings ───────────────────────────────────────────────────────────────────────────────

  getSettings(): Settings {
    this.assertOpen()
    return structuredClone(this.db.data.settings)
  }

  async updateSettings(patch: unknown): Promise<Settings> {
    this.assertOpen()
    const p = SettingsPatch.safeParse(patch)
    if (!p.success)
      throw new StorageError('invalid-argument', `Invalid settings: ${p.error.issues[0]?.message ?? '?'}`)
    const next = SettingsSchema.parse({ ...this.db.data.settings, ...p.data })
    this.db.data.settings = next
    await this.writeIndex()
    return structuredClone(next)
  }

  /** Puts a session at the front of settings.recent. */
  async markRecent(id: string): Promise<void> {
    this.requireSession(id, { deleted: false })
    const recent = [id, ...this.db.data.settings.recent.filter((r) => r !== id)].slice(0, 20)
    await this.updateSettings({ recent })
  }

  // ── checkpoints ────────────────────────────────────────────────────────────────────────────

  async createCheckpoint(
    id: string,
    name: string,
    reason: CheckpointReason = 'manual',
  ): Promise<CheckpointMeta> {
    const s = this.requireSession(id, { deleted: false })
    const cleanName = name.trim().slice(0, 200) || 'Checkpoint'
    const state = await this.readState(id)
    return this.withSession(id, async () => {
      const dir = this.dirOf(s)
      const files = sessionFiles(dir)
      await mkdir(files.checkpoints, { recursive: true })
      const meta: CheckpointMeta = {
        id: newCheckpointId(),
        name: cleanName,
        reason,
        createdAt: nowIso(),
        size: state.length,
      }
      await writeFileAtomic(files.checkpoint(meta.id), encodeSnapshot(state))
      const m = await this.readManifest(dir, s)
      await this.writeManifest(dir, { ...m, summary: { ...s }, checkpoints: [...m.checkpoints, meta] })
      return meta
    })
  }

  /** A session's checkpoints in the order they were taken (oldest first; the API reverses for display). */
  async listCheckpoints(id: string): Promise<CheckpointMeta[]> {
    const s = this.requireSession(id)
    return [...(await this.readManifest(this.dirOf(s), s)).checkpoints]
  }

  /** A checkpoint's Yjs state (an update that rebuilds the board as it was). */
  async readCheckpointState(id: string, checkpointId: string): Promise<Uint8Array> {
    const s = this.requireSession(id)
    if (!CheckpointId.safeParse(checkpointId).success)
      throw new StorageError('invalid-argument', `“${checkpointId}” is not a checkpoint id`)
    const cps = await this.listCheckpoints(id)
    if (!cps.some((c) => c.id === checkpointId))
      throw new StorageError('not-found', `Session ${id} has no checkpoint ${checkpointId}`)
    try {
      return decodeSnapshot(
        await readFile(sessionFiles(this.dirOf(s)).checkpoint(checkpointId)),
        'checkpoint',
      )
    } catch (e) {
      if (isErrnoCode(e, 'ENOENT'))
        throw new StorageError('not-found', `The checkpoint file of ${checkpointId} is missing`)
      throw e
    }
  }

  async restoreCheckpointAsNewSession(id: string, checkpointId: string): Promise<SessionSummary> {
    const s = this.requireSession(id)
    const cp = (await this.listCheckpoints(id)).find((c) => c.id === checkpointId)
    const state = withPresentWithdrawals(
      await this.readCheckpointState(id, checkpointId),
      await this.readState(id),
    )
    return this.materialize({
      title: `${s.title} — ${cp?.name ?? 'checkpoint'}`.slice(0, 200),
      templateId: s.templateId,
      state,
      checkpoints: [],
    })
  }

  /**
   * Reverts a session's board to a checkpoint. First takes a 'before-revert' checkpoint of the present (so
   * the revert can itself be undone), then computes ONE Yjs update that turns the present board into the
   * checkpoint's content (revertUpdate: changed records deleted and re-set, see revertDoc.ts) and either
   * hands it to `applyToLiveDoc` (live room: the relay applies, broadcasts and appends it) or appends it.
   */
  async revertToCheckpoint(
    id: string,
    checkpointId: string,
    opts: RevertOptions = {},
  ): Promise<{ beforeRevert: CheckpointMeta; update: Uint8Array }> {
    const s = this.requireSession(id, { deleted: false })
    const target = await this.readCheckpointState(id, checkpointId)
    const cp = (await this.listCheckpoints(id)).find((c) => c.id === checkpointId)
    const beforeRevert = await this.createCheckpoint(
      id,
      `Before reverting to “${cp?.name ?? checkpointId}”`.slice(0, 200),
      'before-revert',
    )
    const current = await this.readState(id)
    const update = revertUpdate(current, target)
    const live = this.liveDocOf?.(id)
    if (opts.applyToLiveDoc) opts.applyToLiveDoc(update)
    else if (live) Y.applyUpdate(live, update, REVERT_ORIGIN)
    else {
      const wasOpen = this.logs.has(id) || this.opening.has(id)
      const log = await this.openLog(s)
      log.append(update)
      await log.flush()
      if (!wasOpen) await this.close(id)
    }
    return { beforeRevert, update }
  }

  // ── portable session files ─────────────────────────────────────────────────────────────────

  /** Writes one session (board + checkpoints) to a .copro file, atomically. */
  async exportSession(id: string, filePath: string): Promise<void> {
    const s = this.requireSession(id)
    await this.flush(id)
    await this.withSession(id, () => exportSessionFolder(this.dirOf(s), s, filePath, this.appVersion))
  }

  /** The session as the bytes of a .copro file (for the app API's exportFile). */
  async exportSessionBytes(id: string): Promise<Uint8Array> {
    const s = this.requireSession(id)
    await this.flush(id)
    return this.withSession(id, () => buildCoproFile(this.dirOf(s), s, this.appVersion))
  }

  /** Imports a .copro file as a NEW session (new id; never overwrites). Validates everything first. */
  async importSession(filePath: string): Promise<SessionSummary> {
    this.assertOpen()
    return this.importContent(await readCoproFile(filePath))
  }

  /** As importSession, for bytes in memory (the app API's importFile). */
  async importSessionBytes(bytes: Uint8Array): Promise<SessionSummary> {
    this.assertOpen()
    return this.importContent(await readCoproBytes(bytes))
  }

  private async importContent(content: CoproContent): Promise<SessionSummary> {
    const check = (u: Uint8Array, what: string) => {
      try {
        docFromUpdates([u], what).destroy()
      } catch (e) {
        throw new StorageError('invalid-file', `Not a valid Copro session file: ${errorMessage(e)}`)
      }
    }
    check(content.state, 'board state')
    content.checkpoints.forEach((c, i) => check(c, `checkpoint ${i + 1}`))
    return this.materialize({
      title: content.manifest.title,
      templateId: content.manifest.templateId,
      createdAt: content.manifest.createdAt,
      state: content.state,
      checkpoints: content.manifest.checkpoints.map((m, i) => ({
        meta: { name: m.name, reason: m.reason, createdAt: m.createdAt, size: m.size },
        state: content.checkpoints[i]!,
      })),
    })
  }
}
