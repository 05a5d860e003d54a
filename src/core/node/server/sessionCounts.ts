import type * as Y from 'yjs'
import { boardStats } from '../../common/session/stats'
import type { RoomPersistence } from '../relay'
import type { BoardCounts } from '../storage/schemas'
import type { SessionBackend } from './backend'

export interface SessionCountsDeps {
  backend: Pick<SessionBackend, 'updateStats'>
  /** The session's live room document, if its room is loaded. */
  liveDoc(sessionId: string): Y.Doc | undefined
  /** How a board is counted; boardStats by default. */
  countsOf?(doc: Y.Doc): BoardCounts
}

/**
 * The card and participant counts the Sessions view shows, kept in the session index so that
 * `sessions.list` answers from the index alone and never opens a board:
 * - an edit of a live board only marks the session changed (cheap); its counts are taken from the live
 *   document, already in memory, before the next list or duplicate (`settle`), and when its room unloads
 *   (`record`, called by the relay while the document is still readable);
 * - storage counts what it writes itself: a duplicate copies its source's counts, and a session made
 *   from an import, a checkpoint or a template, or a board reverted while closed, is counted as it is
 *   written (SessionStoreOptions.countsOf, which StoreBackend sets to boardStats).
 */
export class SessionCounts {
  private readonly changed = new Set<string>()
  private readonly countsOf: (doc: Y.Doc) => BoardCounts

  constructor(private readonly deps: SessionCountsDeps) {
    this.countsOf = deps.countsOf ?? boardStats
  }

  /** The relay's persistence, noting every edit of a live board before passing it on. */
  watch(persistence: RoomPersistence): RoomPersistence {
    return {
      exists: (id) => persistence.exists(id),
      load: (id) => persistence.load(id),
      append: (id, update) => {
        this.changed.add(id)
        persistence.append(id, update)
      },
      flush: (id) => persistence.flush(id),
      close: (id) => persistence.close(id),
      ...(persistence.loadModeration && persistence.saveModeration
        ? {
            loadModeration: persistence.loadModeration.bind(persistence),
            saveModeration: persistence.saveModeration.bind(persistence),
          }
        : {}),
    }
  }

  /** Whether a live board has changed since its counts were last recorded (tests, diagnostics). */
  isChanged(sessionId: string): boolean {
    return this.changed.has(sessionId)
  }

  /** Records a document's counts now (a room about to unload). Synchronous up to the index update. */
  record(sessionId: string, doc: Y.Doc): Promise<void> {
    this.changed.delete(sessionId)
    return this.store(sessionId, this.countsOf(doc))
  }

  /** Brings the counts of changed live boards (all, or those in `ids`) into the index. */
  async settle(ids?: readonly string[]): Promise<void> {
    for (const id of ids ?? [...this.changed]) {
      if (!this.changed.has(id)) continue
      const doc = this.deps.liveDoc(id)
      if (doc) await this.record(id, doc)
      else this.changed.delete(id)
    }
  }

  private async store(sessionId: string, counts: BoardCounts): Promise<void> {
    await this.deps.backend.updateStats?.(sessionId, counts).catch(() => undefined)
  }
}
