import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import type { RoomPersistence } from '../relay/persistence'
import { SessionId, SessionSummary, SessionTitle } from '../../../shared/model/session'
import { readCoproBytes, readCoproFile } from './coproFile'
import { buildCoproFile, exportSessionFolder } from './coproExport'
import { readAssets } from './sessionAssets'
import { newSessionFromCopro } from './coproImport'
import { StorageError, type StorageWarning } from './errors'
import { fileSize, fsyncDir } from './fsAtomic'
import { nowIso } from './ids'
import { DataLayout, sessionFiles } from './layout'
import { DataDirLock } from './lock'
import {
  type CheckpointMeta,
  type CheckpointReason,
  type Settings,
  Settings as SettingsSchema,
  SettingsPatch,
  TemplateId,
} from './schemas'
import * as checkpoints from './sessionCheckpoints'
import { loadIndex } from './sessionIndex'
import { compactState } from './sessionState'
import { OpenDataDir, type SaveListener, type SessionStoreOptions, type WarningListener } from './dataDir'
import type { CreateSessionInput, NewSessionInput } from './newSessionFolder'
import type { RevertOptions } from './sessionCheckpoints'
import { startFailure } from './startFailure'
import { distinctTitle } from './titles'

export type { SessionStoreOptions } from './dataDir'
export type { CreateSessionInput } from './newSessionFolder'
export type { RevertOptions } from './sessionCheckpoints'

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
 * Its state and shared helpers are in dataDir.ts (OpenDataDir), the open logs in openSessionLogs.ts, checkpoints in
 * sessionCheckpoints.ts.
 */
export class SessionStore implements RoomPersistence {
  readonly warnings: StorageWarning[]
  readonly layout: DataLayout
  readonly appVersion: string

  private constructor(private readonly core: OpenDataDir) {
    this.warnings = core.warnings
    this.layout = core.layout
    this.appVersion = core.appVersion
  }

  /**
   * Opens (creating if needed) a data folder and takes its lock; throws StorageError('locked') if another
   * server owns it, and StorageError('io') with a plain-language message naming the folder when the disk
   * is full, read-only or not writable.
   */
  static async open(dataDir: string, opts: SessionStoreOptions = {}): Promise<SessionStore> {
    try {
      return await SessionStore.openUnchecked(dataDir, opts)
    } catch (e) {
      throw startFailure(e, dataDir)
    }
  }

  private static async openUnchecked(dataDir: string, opts: SessionStoreOptions): Promise<SessionStore> {
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
      const store = new SessionStore(new OpenDataDir(layout, db, lock, opts))
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
    this.core.liveDocOf = lookup
  }

  // ── warnings and save state ────────────────────────────────────────────────────────────────

  onWarning(listener: WarningListener): () => void {
    this.core.warningListeners.add(listener)
    return () => this.core.warningListeners.delete(listener)
  }

  onSaveState(listener: SaveListener): () => void {
    this.core.saveListeners.add(listener)
    return () => this.core.saveListeners.delete(listener)
  }

  // ── RoomPersistence ────────────────────────────────────────────────────────────────────────

  async exists(sessionId: string): Promise<boolean> {
    if (this.core.closed || !SessionId.safeParse(sessionId).success) return false
    const s = this.core.entry(sessionId)
    return !!s && !s.deletedAt
  }

  async load(sessionId: string): Promise<Uint8Array[]> {
    const s = this.core.requireSession(sessionId, { deleted: false })
    return this.core.logs.load(s)
  }

  append(sessionId: string, update: Uint8Array): void {
    const log = this.core.logs.get(sessionId)
    if (log) return log.append(update)
    const s = this.core.entry(sessionId)
    if (this.core.closed || !s || s.deletedAt) {
      this.core.emitSave(sessionId, { state: 'error', reason: 'this session is not open for saving' })
      return
    }
    this.core.logs.appendEarly(s, update)
  }

  async flush(sessionId: string): Promise<void> {
    await this.core.logs.flush(sessionId)
  }

  /**
   * RoomPersistence.close(sessionId): flush and release one session's log (compacting it if it grew).
   * close() with no argument closes the whole store and releases the data-folder lock.
   */
  async close(sessionId?: string): Promise<void> {
    if (sessionId === undefined) return this.shutdown()
    await this.core.closeLog(sessionId)
  }

  /** Closes every open session, saves the index and releases the lock. */
  async shutdown(): Promise<void> {
    await this.core.shutdown()
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────────

  list(opts: { includeDeleted?: boolean } = {}): SessionSummary[] {
    this.core.assertOpen()
    return this.core.db.data.sessions
      .filter((s) => opts.includeDeleted || !s.deletedAt)
      .map((s) => ({ ...s }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  get(id: string): SessionSummary | null {
    this.core.assertOpen()
    const s = SessionId.safeParse(id).success ? this.core.entry(id) : undefined
    return s ? { ...s } : null
  }

  search(query: string, opts: { includeDeleted?: boolean } = {}): SessionSummary[] {
    const q = query.trim().toLocaleLowerCase()
    return this.list(opts).filter((s) => s.title.toLocaleLowerCase().includes(q))
  }

  async create(input: CreateSessionInput): Promise<SessionSummary> {
    this.core.assertOpen()
    const title = SessionTitle.safeParse(input.title)
    if (!title.success)
      throw new StorageError('invalid-argument', 'A session needs a title of 1–200 characters')
    const templateId = input.templateId ?? null
    if (templateId !== null && !TemplateId.safeParse(templateId).success)
      throw new StorageError('invalid-argument', `“${templateId}” is not a template id`)
    const state = input.initialUpdate
      ? compactState([input.initialUpdate], 'initial board', 'refuse')
      : emptyState()
    return this.core.materialize({ title: title.data, templateId, state, checkpoints: [] })
  }

  async rename(id: string, title: string): Promise<SessionSummary> {
    const s = this.core.requireSession(id)
    const t = SessionTitle.safeParse(title)
    if (!t.success) throw new StorageError('invalid-argument', 'A session needs a title of 1–200 characters')
    s.title = t.data
    s.updatedAt = nowIso()
    await this.core.syncManifest(s)
    await this.core.writeIndex()
    return { ...s }
  }

  async updateStats(
    id: string,
    stats: { participantCount?: number; cardCount?: number },
  ): Promise<SessionSummary> {
    const s = this.core.requireSession(id)
    // The index keeps these counts so that listing sessions never opens a board (the server records them
    // when a live board changes and when its room unloads). Cheap: the index is written debounced, the
    // manifest when the session closes (derived data; a rebuild after a crash may show older counts).
    this.core.setCounts(s, {
      cardCount: stats.cardCount ?? s.cardCount,
      participantCount: stats.participantCount ?? s.participantCount,
    })
    return { ...s }
  }

  /** Compacts a session now: its log is merged into a new snapshot (temp file, fsync, rename) and emptied. */
  async compact(id: string): Promise<void> {
    const s = this.core.requireSession(id, { deleted: false })
    await this.core.withOpenLog(s, async (log) => {
      await log.flush()
      await log.compact()
    })
  }

  /** Bytes on disk of a session's snapshot and log (for diagnostics and benchmarks). */
  async diskUsage(id: string): Promise<{ snapshotBytes: number; logBytes: number }> {
    const s = this.core.requireSession(id)
    const files = sessionFiles(this.core.dirOf(s))
    return { snapshotBytes: await fileSize(files.snapshot), logBytes: await fileSize(files.log) }
  }

  /** The session's current board as one compacted Yjs update (flushes pending appends first). */
  async readState(id: string): Promise<Uint8Array> {
    return this.core.readState(id)
  }

  async duplicate(id: string, title?: string): Promise<SessionSummary> {
    const s = this.core.requireSession(id, { deleted: false })
    const state = await this.readState(id)
    return this.core.materialize({
      title: title ?? distinctTitle(`${s.title} (copy)`.slice(0, 200), this.titles()),
      templateId: s.templateId,
      state,
      checkpoints: [],
      assets: await readAssets(this.core.dirOf(s)),
      counts: { cardCount: s.cardCount, participantCount: s.participantCount },
    })
  }

  /** Moves a session to the trash (restorable). Its room must have been closed by the caller. */
  async delete(id: string): Promise<SessionSummary> {
    const s = this.core.requireSession(id, { deleted: false })
    await this.close(id)
    await this.core.withSession(id, async () => {
      await rename(this.layout.session(id), this.layout.trashed(id))
      await fsyncDir(this.layout.trash)
      await fsyncDir(this.layout.sessions)
    })
    s.deletedAt = nowIso()
    await this.core.syncManifest(s)
    this.core.db.data.settings.recent = this.core.db.data.settings.recent.filter((r) => r !== id)
    await this.core.writeIndex()
    return { ...s }
  }

  async restore(id: string): Promise<SessionSummary> {
    const s = this.core.requireSession(id, { deleted: true })
    await this.core.withSession(id, async () => {
      await rename(this.layout.trashed(id), this.layout.session(id))
      await fsyncDir(this.layout.sessions)
      await fsyncDir(this.layout.trash)
    })
    s.deletedAt = null
    await this.core.syncManifest(s)
    await this.core.writeIndex()
    return { ...s }
  }

  /** Deletes a session for good (from the trash or not). */
  async purge(id: string): Promise<void> {
    const s = this.core.requireSession(id)
    await this.close(id)
    const dir = this.core.dirOf(s)
    // Rename first so a crash mid-delete leaves no half session in sessions/ or trash/.
    const doomed = path.join(this.layout.tmp, `purge-${id}`)
    await this.core.withSession(id, () => rename(dir, doomed))
    const data = this.core.db.data
    data.sessions = data.sessions.filter((x) => x.id !== id)
    data.settings.recent = data.settings.recent.filter((r) => r !== id)
    await this.core.writeIndex()
    await rm(doomed, { recursive: true, force: true })
  }

  // ── settings ───────────────────────────────────────────────────────────────────────────────

  getSettings(): Settings {
    this.core.assertOpen()
    return structuredClone(this.core.db.data.settings)
  }

  async updateSettings(patch: unknown): Promise<Settings> {
    this.core.assertOpen()
    const p = SettingsPatch.safeParse(patch)
    if (!p.success)
      throw new StorageError('invalid-argument', `Invalid settings: ${p.error.issues[0]?.message ?? '?'}`)
    const next = SettingsSchema.parse({ ...this.core.db.data.settings, ...p.data })
    this.core.db.data.settings = next
    await this.core.writeIndex()
    return structuredClone(next)
  }

  /** Puts a session at the front of settings.recent. */
  async markRecent(id: string): Promise<void> {
    this.core.requireSession(id, { deleted: false })
    const recent = [id, ...this.core.db.data.settings.recent.filter((r) => r !== id)].slice(0, 20)
    await this.updateSettings({ recent })
  }

  // ── checkpoints (sessionCheckpoints.ts) ────────────────────────────────────────────────────

  async createCheckpoint(
    id: string,
    name: string,
    reason: CheckpointReason = 'manual',
  ): Promise<CheckpointMeta> {
    return checkpoints.createCheckpoint(this.core, id, name, reason)
  }

  /** A session's checkpoints in the order they were taken (oldest first; the API reverses for display). */
  async listCheckpoints(id: string): Promise<CheckpointMeta[]> {
    return checkpoints.listCheckpoints(this.core, id)
  }

  /** A checkpoint's Yjs state (an update that rebuilds the board as it was). */
  async readCheckpointState(id: string, checkpointId: string): Promise<Uint8Array> {
    return checkpoints.readCheckpointState(this.core, id, checkpointId)
  }

  /** Opens a checkpoint as a new session (keeping withdrawals made since). */
  async restoreCheckpointAsNewSession(id: string, checkpointId: string): Promise<SessionSummary> {
    return checkpoints.restoreCheckpointAsNewSession(this.core, id, checkpointId)
  }

  /**
   * Reverts a session's board to a checkpoint, after taking a 'before-revert' checkpoint of the present;
   * the one revert update goes to `applyToLiveDoc`, else the live doc, else the log (sessionCheckpoints.ts).
   */
  async revertToCheckpoint(
    id: string,
    checkpointId: string,
    opts: RevertOptions = {},
  ): Promise<{ beforeRevert: CheckpointMeta; update: Uint8Array }> {
    return checkpoints.revertToCheckpoint(this.core, id, checkpointId, opts)
  }

  // ── portable session files ─────────────────────────────────────────────────────────────────

  /** Writes one session (board + checkpoints) to a .copro file, atomically. */
  async exportSession(id: string, filePath: string): Promise<void> {
    const s = this.core.requireSession(id)
    await this.flush(id)
    await this.core.withSession(id, () =>
      exportSessionFolder(this.core.dirOf(s), s, filePath, this.appVersion),
    )
  }

  /** The session as the bytes of a .copro file (for the app API's exportFile). */
  async exportSessionBytes(id: string): Promise<Uint8Array> {
    const s = this.core.requireSession(id)
    await this.flush(id)
    return this.core.withSession(id, () => buildCoproFile(this.core.dirOf(s), s, this.appVersion))
  }

  /** Imports a .copro file as a NEW session (new id; never overwrites). Validates everything first. */
  async importSession(filePath: string): Promise<SessionSummary> {
    this.core.assertOpen()
    return this.materializeImport(newSessionFromCopro(await readCoproFile(filePath)))
  }

  /** As importSession, for bytes in memory (the app API's importFile). */
  async importSessionBytes(bytes: Uint8Array): Promise<SessionSummary> {
    this.core.assertOpen()
    return this.materializeImport(newSessionFromCopro(await readCoproBytes(bytes)))
  }

  /** An imported session whose title another session has already gets a distinguishing "(2)", "(3)"… */
  private materializeImport(input: NewSessionInput): Promise<SessionSummary> {
    return this.core.materialize({ ...input, title: distinctTitle(input.title, this.titles()) })
  }

  /** The titles of every session in the index, trashed ones included (they can come back). */
  private titles(): string[] {
    return this.core.db.data.sessions.map((x) => x.title)
  }
}
