import type * as Y from 'yjs'
import { randomBytes } from 'node:crypto'
import { DEFAULT_SETTINGS, type AppSettings } from '../../../shared/api'
import type { CheckpointInfo } from '../../../shared/api'
import type { SessionSummary } from '../../../shared/model/session'
import { MemoryPersistence, type RoomPersistence } from '../relay/persistence'
import type { AssetType, PutAssetResult } from '../storage/sessionAssets'

/** What the server needs from storage: the session index, settings, and the relay's persistence. */
export interface SessionBackend extends RoomPersistence {
  readonly warnings: readonly string[]
  list(opts?: { includeDeleted?: boolean; query?: string }): Promise<SessionSummary[]>
  create(opts: {
    title: string
    templateId?: string | null
    initialUpdate?: Uint8Array
  }): Promise<SessionSummary>
  get(id: string): Promise<SessionSummary | null>
  rename(id: string, title: string): Promise<SessionSummary>
  duplicate(id: string): Promise<SessionSummary>
  delete(id: string): Promise<SessionSummary>
  restore(id: string): Promise<SessionSummary>
  getSettings(): Promise<AppSettings>
  setSettings(patch: Partial<AppSettings>): Promise<AppSettings>
  shutdown(): Promise<void>
  /** Records derived counts shown in the Sessions view. */
  updateStats?(id: string, stats: { participantCount?: number; cardCount?: number }): Promise<unknown>
  /** Durable backends: the relay's live docs, so storage work need not rebuild boards from disk. */
  attachLiveDocs?(lookup: (sessionId: string) => Y.Doc | undefined): void
  /** Durable backends: a session's damaged files were recovered when it opened (a plain-language report). */
  onRecovery?(listener: (sessionId: string, message: string) => void): () => void
  /** Durable backends only: checkpoints and portable files. */
  checkpoints?: CheckpointBackend
  /** Durable backends only: images stored beside a session's board (storage/sessionAssets.ts). */
  assets?: AssetBackend
}

export interface AssetBackend {
  /** Checks and stores an image of a live (not trashed) session; null when there is no such session. */
  put(sessionId: string, bytes: Uint8Array): Promise<PutAssetResult | null>
  /** An image of a live session, or null. */
  get(sessionId: string, assetId: string): Promise<{ bytes: Uint8Array; type: AssetType } | null>
}

export interface CheckpointBackend {
  list(id: string): Promise<CheckpointInfo[]>
  create(id: string, name: string, reason: 'manual' | 'activity-end'): Promise<CheckpointInfo>
  restoreAsNew(id: string, checkpointId: string): Promise<SessionSummary>
  /** `applyToLiveDoc` is given when the session's room is live, so every client follows the revert. */
  revert(
    id: string,
    checkpointId: string,
    applyToLiveDoc?: (update: Uint8Array) => void,
  ): Promise<{ beforeRevert: CheckpointInfo }>
  exportFile(id: string): Promise<Uint8Array>
  importFile(bytes: Uint8Array): Promise<SessionSummary>
}

export function newSessionId(): string {
  return randomBytes(12).toString('base64url')
}

/** A backend that keeps everything in memory, for tests. */
export class MemoryBackend implements SessionBackend {
  readonly warnings: string[] = []
  private readonly rooms = new MemoryPersistence()
  private readonly summaries = new Map<string, SessionSummary>()
  private settings: AppSettings = { ...DEFAULT_SETTINGS }

  async list(opts: { includeDeleted?: boolean; query?: string } = {}): Promise<SessionSummary[]> {
    const q = opts.query?.trim().toLowerCase()
    return [...this.summaries.values()]
      .filter((s) => opts.includeDeleted || s.deletedAt === null)
      .filter((s) => !q || s.title.toLowerCase().includes(q))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  async create(opts: { title: string; templateId?: string | null; initialUpdate?: Uint8Array }) {
    const now = new Date().toISOString()
    const s: SessionSummary = {
      id: newSessionId(),
      title: opts.title,
      templateId: opts.templateId ?? null,
      createdAt: now,
      updatedAt: now,
      participantCount: 0,
      cardCount: 0,
      deletedAt: null,
    }
    this.summaries.set(s.id, s)
    this.rooms.create(s.id, opts.initialUpdate ? [opts.initialUpdate] : [])
    return s
  }

  async get(id: string) {
    return this.summaries.get(id) ?? null
  }

  async rename(id: string, title: string) {
    return this.patch(id, { title })
  }

  async duplicate(id: string) {
    const s = this.must(id)
    const copy = await this.create({ title: `${s.title} (copy)`, templateId: s.templateId })
    for (const u of await this.load(id)) this.append(copy.id, u)
    return this.updateStats(copy.id, { cardCount: s.cardCount, participantCount: s.participantCount })
  }

  async delete(id: string) {
    return this.patch(id, { deletedAt: new Date().toISOString() })
  }

  async restore(id: string) {
    return this.patch(id, { deletedAt: null })
  }

  async exists(id: string) {
    const s = this.summaries.get(id)
    return !!s && s.deletedAt === null
  }

  load(id: string) {
    return this.rooms.load(id)
  }

  append(id: string, update: Uint8Array) {
    this.rooms.append(id, update)
  }

  flush(id: string) {
    void id
    return this.rooms.flush()
  }

  close(id: string) {
    void id
    return this.rooms.close()
  }

  loadModeration(id: string) {
    return this.rooms.loadModeration(id)
  }

  saveModeration(id: string, json: string) {
    return this.rooms.saveModeration(id, json)
  }

  async getSettings() {
    return { ...this.settings }
  }

  async setSettings(patch: Partial<AppSettings>) {
    this.settings = { ...this.settings, ...patch }
    return { ...this.settings }
  }

  async updateStats(id: string, stats: { participantCount?: number; cardCount?: number }) {
    const s = this.must(id)
    const next = {
      ...s,
      cardCount: stats.cardCount ?? s.cardCount,
      participantCount: stats.participantCount ?? s.participantCount,
    }
    this.summaries.set(id, next)
    return next
  }

  async shutdown() {}

  private must(id: string): SessionSummary {
    const s = this.summaries.get(id)
    if (!s) throw new Error(`no session ${id}`)
    return s
  }

  private patch(id: string, p: Partial<SessionSummary>): SessionSummary {
    const next = { ...this.must(id), ...p, updatedAt: new Date().toISOString() }
    this.summaries.set(id, next)
    return next
  }
}
