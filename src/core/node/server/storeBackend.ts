import type { AppSettings } from '../../../shared/api'
import { boardStats } from '../../common/session/stats'
import type { SessionSummary } from '../../../shared/model/session'
import type { SaveState } from '../relay/persistence'
import { SessionStore, type SessionStoreOptions } from '../storage/sessionStore'
import { StorageError } from '../storage/errors'
import { ApiFailure } from '../../../shared/api'
import type * as Y from 'yjs'
import type { AssetBackend, CheckpointBackend, SessionBackend } from './backend'
import { getAsset, putAsset } from '../storage/sessionAssets'
import { loadModerationFile, saveModerationFile } from '../storage/moderationFile'

/** The durable backend: the server's view of a SessionStore (src/core/node/storage). */
export class StoreBackend implements SessionBackend {
  readonly checkpoints: CheckpointBackend
  readonly assets: AssetBackend

  private constructor(readonly store: SessionStore) {
    const st = store
    const folder = async (id: string) => ((await st.exists(id)) ? st.layout.session(id) : null)
    this.assets = {
      put: async (id, bytes) => {
        const dir = await folder(id)
        return dir === null ? null : putAsset(dir, bytes)
      },
      get: async (id, assetId) => {
        const dir = await folder(id)
        return dir === null ? null : getAsset(dir, assetId)
      },
    }
    this.checkpoints = {
      list: (id) => guard(async () => [...(await st.listCheckpoints(id))].reverse()),
      create: (id, name, reason) => guard(() => st.createCheckpoint(id, name, reason)),
      restoreAsNew: (id, cp) => guard(() => st.restoreCheckpointAsNewSession(id, cp)),
      revert: (id, cp, applyToLiveDoc) =>
        guard(async () => {
          const r = await st.revertToCheckpoint(id, cp, applyToLiveDoc ? { applyToLiveDoc } : {})
          return { beforeRevert: r.beforeRevert }
        }),
      exportFile: (id) => guard(() => st.exportSessionBytes(id)),
      importFile: (bytes) => guard(() => st.importSessionBytes(bytes)),
    }
  }

  /** Opens the data folder; the index's card and participant counts are taken with boardStats. */
  static async open(dataDir: string, opts: SessionStoreOptions = {}): Promise<StoreBackend> {
    return new StoreBackend(await SessionStore.open(dataDir, { countsOf: boardStats, ...opts }))
  }

  /** Lets compaction, checkpoints and reverts use the relay's live doc instead of rebuilding from disk. */
  attachLiveDocs(lookup: (sessionId: string) => Y.Doc | undefined): void {
    this.store.setLiveDocs(lookup)
  }

  get warnings(): readonly string[] {
    return this.store.warnings.map((w) => w.message)
  }

  exists(id: string) {
    return this.store.exists(id)
  }
  load(id: string) {
    return this.store.load(id)
  }
  append(id: string, update: Uint8Array) {
    this.store.append(id, update)
  }
  flush(id: string) {
    return this.store.flush(id)
  }
  close(id: string) {
    return this.store.close(id)
  }
  loadModeration(id: string) {
    return loadModerationFile(this.store.layout.session(id))
  }
  saveModeration(id: string, json: string) {
    return saveModerationFile(this.store.layout.session(id), json)
  }
  onSaveState(listener: (sessionId: string, state: SaveState) => void) {
    return this.store.onSaveState(listener)
  }

  onRecovery(listener: (sessionId: string, message: string) => void) {
    return this.store.onWarning((w) => {
      if (w.kind === 'session-recovered' && w.sessionId) listener(w.sessionId, w.message)
    })
  }

  async list(opts: { includeDeleted?: boolean; query?: string } = {}): Promise<SessionSummary[]> {
    const q = opts.query?.trim()
    const all = q ? this.store.search(q, opts) : this.store.list(opts)
    return [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }
  create(opts: { title: string; templateId?: string | null; initialUpdate?: Uint8Array }) {
    return guard(() => this.store.create(opts))
  }
  async get(id: string) {
    return this.store.get(id)
  }
  rename(id: string, title: string) {
    return guard(() => this.store.rename(id, title))
  }
  duplicate(id: string) {
    return guard(() => this.store.duplicate(id))
  }
  delete(id: string) {
    return guard(() => this.store.delete(id))
  }
  restore(id: string) {
    return guard(() => this.store.restore(id))
  }
  updateStats(id: string, stats: { participantCount?: number; cardCount?: number }) {
    return guard(() => this.store.updateStats(id, stats))
  }
  async getSettings(): Promise<AppSettings> {
    const s = this.store.getSettings()
    return { theme: s.theme, licenseKey: s.licenseKey, relays: s.relays }
  }
  async setSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
    const s = await guard(() => this.store.updateSettings(patch))
    return { theme: s.theme, licenseKey: s.licenseKey, relays: s.relays }
  }
  shutdown() {
    return this.store.shutdown()
  }
}

/** Storage errors reach the API as typed failures with the storage layer's plain-language message. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof StorageError) {
      const code =
        e.code === 'not-found'
          ? 'not_found'
          : e.code === 'locked'
            ? 'conflict'
            : e.code === 'io'
              ? 'internal'
              : 'invalid_arguments'
      throw new ApiFailure(code, e.message)
    }
    throw e
  }
}
