import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { RelayConnection } from './connection'
import {
  type ClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isEmptyUpdate,
} from './messages'
import type { RoomPersistence } from './persistence'

export const READ_ONLY_REASON = 'read-only: this connection is an observer; document updates are dropped'

export interface RoomCounters {
  droppedObserverUpdates: number
}

/** One session's authoritative Y.Doc, its awareness, and the connections joined to it. */
export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly conns = new Set<RelayConnection>()
  /** Which connection last set each awareness client id: only the owner's leaving removes the state. */
  private readonly awarenessOwner = new Map<number, RelayConnection>()
  readonly counters: RoomCounters = { droppedObserverUpdates: 0 }
  private destroyed = false

  constructor(
    readonly sessionId: string,
    stored: Uint8Array[],
    private readonly persistence: RoomPersistence,
  ) {
    this.doc = new Y.Doc()
    if (stored.length > 0) {
      this.doc.transact(() => {
        for (const update of stored) Y.applyUpdate(this.doc, update)
      }, 'load')
    }
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** Every change is persisted and broadcast once-encoded to every other connection. */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    try {
      this.persistence.append(this.sessionId, update)
    } catch {
      // RoomPersistence.append never throws by contract; a broken implementation must not stop the sync.
    }
    const frame = encodeSyncUpdate(update)
    for (const conn of this.conns) if (conn !== origin) conn.send(frame)
  }

  /** Awareness changes go to every connection, the sender included: its echo keeps the client's idle watchdog fed. */
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as RelayConnection | null
    if (conn !== null && typeof conn === 'object' && this.conns.has(conn)) {
      for (const id of added) this.own(conn, id)
      for (const id of updated) this.own(conn, id)
    }
    for (const id of removed) {
      this.awarenessOwner.get(id)?.awarenessIds.delete(id)
      this.awarenessOwner.delete(id)
    }
    const frame = encodeAwareness(this.awareness, [...added, ...updated, ...removed])
    for (const c of this.conns) c.send(frame)
  }

  /** A client that reconnects before its old socket is noticed dead keeps its presence when the old one goes. */
  private own(conn: RelayConnection, id: number): void {
    const previous = this.awarenessOwner.get(id)
    if (previous === conn) return
    previous?.awarenessIds.delete(id)
    this.awarenessOwner.set(id, conn)
    conn.awarenessIds.add(id)
  }

  /** Adds a connection and starts the sync: the relay's state vector, then every known awareness state. */
  join(conn: RelayConnection): void {
    this.conns.add(conn)
    conn.send(encodeSyncStep1(this.doc))
    const states = this.awareness.getStates()
    if (states.size > 0) conn.send(encodeAwareness(this.awareness, [...states.keys()]))
  }

  /** Removes a connection and the awareness states it controlled. */
  leave(conn: RelayConnection): void {
    if (!this.conns.delete(conn)) return
    const ids = [...conn.awarenessIds]
    conn.awarenessIds.clear()
    for (const id of ids) this.awarenessOwner.delete(id)
    if (ids.length > 0 && !this.destroyed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    }
  }

  /** Applies one already-validated message from a joined connection. Throws if Yjs rejects it. */
  handle(conn: RelayConnection, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step1':
        conn.send(encodeSyncStep2(this.doc, message.stateVector))
        return
      case 'sync-step2':
      case 'sync-update':
        if (conn.isObserver) {
          this.dropObserverUpdate(conn, message.update)
          return
        }
        Y.applyUpdate(this.doc, message.update, conn)
        return
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn)
        return
      case 'query-awareness': {
        const states = this.awareness.getStates()
        if (states.size > 0) conn.send(encodeAwareness(this.awareness, [...states.keys()]))
        return
      }
      case 'auth':
        // Clients have nothing to say in the auth sub-protocol; @y/websocket-server ignores it too.
        return
    }
  }

  /**
   * Observers are read-only: their document updates are dropped. The first non-empty one is answered
   * with an auth "permission denied" message, which a stock y-websocket client logs and otherwise ignores.
   */
  private dropObserverUpdate(conn: RelayConnection, update: Uint8Array): void {
    if (isEmptyUpdate(update)) return
    this.counters.droppedObserverUpdates++
    if (!conn.toldReadOnly) {
      conn.toldReadOnly = true
      conn.send(encodePermissionDenied(READ_ONLY_REASON))
    }
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
