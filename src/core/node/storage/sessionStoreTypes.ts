/** The option and input types of SessionStore's public methods (re-exported by sessionStore.ts). */

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
