/**
 * How the relay loads and saves a room's authoritative Y.Doc. The relay knows nothing about files;
 * src/core/node/storage implements this durably (SessionStore); MemoryPersistence serves tests.
 */
export type SaveState = { state: 'saved' } | { state: 'saving' } | { state: 'error'; reason: string }

export interface RoomPersistence {
  /** Whether a session with this id exists (the relay refuses unknown sessions). */
  exists(sessionId: string): Promise<boolean>
  /** The stored updates of a session, in order; applying them all rebuilds the document. */
  load(sessionId: string): Promise<Uint8Array[]>
  /** Records one update that the room applied. Implementations batch and fsync; it never throws. */
  append(sessionId: string, update: Uint8Array): void
  /** Resolves when every update appended so far is durable. */
  flush(sessionId: string): Promise<void>
  /** The room was unloaded (last client left); flush and release what it held. */
  close(sessionId: string): Promise<void>
  /** Save-state changes, for the status bar. Returns an unsubscribe function. */
  onSaveState?(listener: (sessionId: string, state: SaveState) => void): () => void
  /**
   * The session's moderation inbox (guests' cards held for a facilitator, JSON; relay/roomModeration.ts),
   * kept beside the document, never in it. Without these, held cards live only as long as the room.
   */
  loadModeration?(sessionId: string): Promise<string | null>
  /** Replaces the stored inbox durably (atomic write). */
  saveModeration?(sessionId: string, json: string): Promise<void>
}

/** Non-durable persistence: sessions exist once created; updates live in memory. */
export class MemoryPersistence implements RoomPersistence {
  private readonly sessions = new Map<string, Uint8Array[]>()
  private readonly inboxes = new Map<string, string>()

  create(sessionId: string, initial: Uint8Array[] = []): void {
    if (!this.sessions.has(sessionId)) this.sessions.set(sessionId, [...initial])
  }

  delete(sessionId: string): void {
    this.sessions.delete(sessionId)
  }

  async exists(sessionId: string): Promise<boolean> {
    return this.sessions.has(sessionId)
  }

  async load(sessionId: string): Promise<Uint8Array[]> {
    return [...(this.sessions.get(sessionId) ?? [])]
  }

  append(sessionId: string, update: Uint8Array): void {
    this.sessions.get(sessionId)?.push(update)
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  async loadModeration(sessionId: string): Promise<string | null> {
    return this.inboxes.get(sessionId) ?? null
  }

  async saveModeration(sessionId: string, json: string): Promise<void> {
    if (this.sessions.has(sessionId)) this.inboxes.set(sessionId, json)
  }
}
