import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Actor } from '../../common/session/activity'
import { dropPendingUpdates, takePendingUpdates } from '../../common/session/pending'
import { BoardRecorder } from './boardRecorder'
import { CommentRecorder } from './commentRecorder'
import { CLOSE_CODES, RelayRefusal } from './closeCodes'
import type { RelayConnection } from './connection'
import type { RelayLimits } from './limits'
import {
  type AwarenessEntry,
  type ClientMessage,
  encodeAwarenessEntries,
  type DecodedUpdate,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  isEmptyUpdate,
} from './messages'
import type { RoomPersistence } from './persistence'
import { RoomOutput } from './roomOutput'
import { checkUpdateCost } from './updateCost'
import { DocumentQuota } from './documentQuota'
import { ModerationWrite } from './moderation'
import { RoomModeration } from './roomModeration'
import { RightsGate } from './rightsGate'

export const READ_ONLY_REASON = 'read-only: this connection is an observer; document updates are dropped'

export interface RoomCounters {
  droppedObserverUpdates: number
  /** Updates whose missing dependencies were left out (each answered with a resync). */
  refusedIncompleteUpdates: number
  /** Updates (or parts) held for their connection because they depend on something not yet received. */
  heldIncompleteUpdates: number
  /** New awareness states left out because the session already kept `maxAwarenessStatesPerSession`. */
  droppedAwarenessStates: number
  /** Updates refused by the rights check (rights.ts): never applied, the sender told and closed. */
  refusedForRights: number
}

/** One session's authoritative Y.Doc, its awareness, and the connections joined to it. */
export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly conns = new Set<RelayConnection>()
  /** Which connection last set each awareness client id: only the owner's leaving removes the state. */
  private readonly awarenessOwner = new Map<number, RelayConnection>()
  readonly counters: RoomCounters = {
    droppedObserverUpdates: 0,
    refusedIncompleteUpdates: 0,
    heldIncompleteUpdates: 0,
    droppedAwarenessStates: 0,
    refusedForRights: 0,
  }
  /** The rights check (rightsGate.ts, shared with the cluster's documents). */
  private readonly rights: RightsGate
  /** Storing and sending what changes: one update per client message, queues kept in budget. */
  readonly output: RoomOutput
  private destroyed = false
  /** Bytes held for all connections (updates waiting for their dependencies). */
  private heldBytes = 0
  /** maxDocumentBytes and maxDocumentStructs (documentQuota.ts). */
  private readonly quota: DocumentQuota
  /** Puts deletions in the board trash and keeps the activity log, as updates are applied (ADR 0041). */
  private readonly recorder: BoardRecorder
  private readonly commentRecorder: CommentRecorder
  readonly moderation: RoomModeration // guests' cards held outside the document (roomModeration.ts, ADR 0047)

  constructor(
    readonly sessionId: string,
    stored: Uint8Array[],
    private readonly persistence: RoomPersistence,
    private readonly limits: RelayLimits,
    warn: (message: string, err?: unknown) => void = () => {},
    storedModeration: string | null = null,
  ) {
    this.doc = new Y.Doc()
    if (stored.length > 0) {
      this.doc.transact(() => {
        for (const update of stored) Y.applyUpdate(this.doc, update)
      }, 'load')
    }
    // A session stored by an older relay may hold changes that depend on missing updates: left out.
    if (dropPendingUpdates(this.doc)) {
      warn(`relay: session ${sessionId} held changes that depend on missing updates; they were left out`)
    }
    this.quota = new DocumentQuota(this.doc, limits)
    this.rights = new RightsGate(this.doc)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.output = new RoomOutput(sessionId, this.conns, persistence, limits, (ids) =>
      encodeAwareness(this.awareness, ids),
    )
    this.recorder = new BoardRecorder(this.doc, (origin) => this.actorOf(origin))
    this.commentRecorder = new CommentRecorder(this.doc, (origin) => this.actorOf(origin))
    this.moderation = new RoomModeration({ room: this, stored: storedModeration, persistence, warn })
    this.awareness.setLocalState(null)
    this.doc.on('update', this.output.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** Who made a change: the connection that sent it, or the host (a revert, a server-side write). */
  private actorOf(origin: unknown): Actor {
    if (origin instanceof ModerationWrite) return origin.actor
    const conn = origin as RelayConnection
    if (!this.conns.has(conn) || !conn.auth) return { role: 'host' }
    const { sessionRole, participantId } = conn.auth
    return participantId ? { role: sessionRole, participantId } : { role: sessionRole }
  }

  /** Awareness changes go to every connection, the sender included (its echo keeps the client's idle
   *  watchdog fed), with the broadcast window's other changes (roomOutput.ts). */
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
    this.output.broadcastAwareness([...added, ...updated, ...removed])
  }

  /** See RoomOutput.checkOutput. */
  checkOutput(): void {
    this.output.checkOutput()
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
    this.output.flush() // what waits for the broadcast window goes to those already here
    this.conns.add(conn)
    conn.send(encodeSyncStep1(this.doc))
    const states = this.awareness.getStates()
    if (states.size > 0) conn.send(encodeAwareness(this.awareness, [...states.keys()]))
    this.checkOutput()
  }

  /** Removes a connection and the awareness states it controlled. */
  leave(conn: RelayConnection): void {
    if (!this.conns.delete(conn)) return
    this.releaseHeld(conn)
    const ids = [...conn.awarenessIds]
    conn.awarenessIds.clear()
    for (const id of ids) this.awarenessOwner.delete(id)
    if (ids.length > 0 && !this.destroyed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    }
  }

  /**
   * Applies one already-validated message from a joined connection. Throws if Yjs rejects it. Returns
   * whether the message counts against the connection's message rate: it changed the document or the
   * presence, was held, or asked for something; an echo of what the relay already has does not count.
   */
  handle(conn: RelayConnection, message: ClientMessage): boolean {
    switch (message.kind) {
      case 'sync-step1':
        this.output.flush()
        conn.send(encodeSyncStep2(this.doc, message.stateVector))
        this.checkOutput()
        return true
      case 'sync-step2':
      case 'sync-update': {
        if (conn.isObserver) {
          this.dropObserverUpdate(conn, message.update)
          return !isEmptyUpdate(message.update)
        }
        const before = this.output.changes
        let held = false
        this.output.atomically(() => {
          held = this.applyUpdate(conn, message.update, message.decoded)
        })
        return held || this.output.changes !== before
      }
      case 'awareness': {
        const entries = this.ownAwareness(conn, message.entries)
        if (entries.length === 0) return false
        const update =
          entries.length === message.entries.length ? message.update : encodeAwarenessEntries(entries)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
        return true
      }
      case 'query-awareness': {
        const states = this.awareness.getStates()
        this.output.flush()
        if (states.size > 0) conn.send(encodeAwareness(this.awareness, [...states.keys()]))
        return true
      }
      case 'moderation':
        return this.moderation.handle(conn, message.request)
      case 'auth':
        // Clients have nothing to say in the auth sub-protocol; @y/websocket-server ignores it too.
        return false
      case 'durable-request':
        // answered by the relay (durableAcks.ts), which knows the store
        return false
    }
  }

  /**
   * Applies a participant's update within its cost limits, its rights (rights.ts) and the document
   * quota. What cannot be integrated yet (it depends on updates the relay does not have) never enters
   * the document: it is held for the connection, under `maxPendingBytesPerConnection` and
   * `maxPendingBytesPerSession`, and retried (and its rights checked again) with its next update (a
   * client's edits can overtake its sync step 2). Past those, or when the connection closes, it is
   * dropped; on a drop the client gets the relay's state vector so it sends what is missing, and a
   * connection dropped too often is closed (UPDATE_INCOMPLETE). Returns whether something was held.
   */
  private applyUpdate(conn: RelayConnection, update: Uint8Array, decoded: DecodedUpdate): boolean {
    checkUpdateCost(this.doc, decoded, this.limits)
    this.checkRights(conn, decoded)
    this.quota.check(update.byteLength, decoded.structs.length)
    Y.applyUpdate(this.doc, update, conn)
    this.quota.applied(update.byteLength, decoded.structs.length)
    let waiting = takePendingUpdates(this.doc)
    if (conn.heldBytes > 0) {
      // Something new arrived: the held parts may now apply (Yjs retries its pending structs itself).
      const held = this.releaseHeld(conn)
      const retry = [...held, ...waiting]
      for (const u of retry) this.checkRights(conn, Y.decodeUpdateV2(u))
      this.doc.transact(() => {
        for (const u of retry) Y.applyUpdateV2(this.doc, u, conn)
      }, conn)
      waiting = takePendingUpdates(this.doc)
    }
    if (waiting.length === 0) return false
    this.counters.heldIncompleteUpdates++
    const bytes = waiting.reduce((n, u) => n + u.byteLength, 0)
    if (
      bytes <= this.limits.maxPendingBytesPerConnection &&
      this.heldBytes + bytes <= this.limits.maxPendingBytesPerSession
    ) {
      conn.held = waiting
      conn.heldBytes = bytes
      this.heldBytes += bytes
      return true
    }
    this.counters.refusedIncompleteUpdates++
    conn.incompleteUpdates++
    if (conn.incompleteUpdates > this.limits.maxIncompleteUpdatesPerConnection) {
      throw new RelayRefusal(CLOSE_CODES.UPDATE_INCOMPLETE, 'too many updates with missing dependencies')
    }
    this.output.flush()
    conn.send(encodeSyncStep1(this.doc))
    return true
  }

  /**
   * The rights check (rights.ts; docs/adr/0040): a refused update is never applied. The client is told
   * why (an auth "permission denied" message) and closed with PERMISSION_DENIED: its own copy holds the
   * refused change, which the relay will never have, so it must start again from the relay's document.
   */
  private checkRights(conn: RelayConnection, decoded: DecodedUpdate): void {
    const reason = this.rights.check(conn, decoded, this.moderation.moderated)
    if (reason === null) return
    this.counters.refusedForRights++
    this.output.flush()
    conn.send(encodePermissionDenied(reason))
    throw new RelayRefusal(CLOSE_CODES.PERMISSION_DENIED, reason)
  }

  /** Takes a connection's held updates back (they are re-applied or forgotten). */
  private releaseHeld(conn: RelayConnection): Uint8Array[] {
    const held = conn.held
    this.heldBytes -= conn.heldBytes
    conn.held = []
    conn.heldBytes = 0
    return held
  }

  /**
   * A connection sets only the awareness states of client ids it owns: ids nobody holds (up to
   * `maxAwarenessIdsPerConnection`, while the session keeps fewer than `maxAwarenessStatesPerSession`),
   * or ids held by a connection with the same token (a client reconnecting before its old socket is
   * noticed dead). Entries that change nothing (an older or equal clock) are left out: stock clients
   * echo every state they receive. A foreign removal (a stock client timing out a quiet peer) is left
   * out; a foreign state is refused, as are too many ids; a new state past the session's cap is left
   * out. Returns the entries to apply.
   */
  private ownAwareness(conn: RelayConnection, entries: AwarenessEntry[]): AwarenessEntry[] {
    const keep: AwarenessEntry[] = []
    const fresh = new Set<number>()
    const states = this.awareness.getStates()
    for (const e of entries) {
      const meta = this.awareness.meta.get(e.clientID)
      const current = meta?.clock ?? -1
      const changes = current < e.clock || (current === e.clock && e.isNull && states.has(e.clientID))
      if (!changes) continue
      const owner = this.awarenessOwner.get(e.clientID)
      if (owner !== undefined && owner !== conn && !sameLink(owner, conn)) {
        if (e.isNull) continue
        throw new RelayRefusal(
          CLOSE_CODES.AWARENESS_REFUSED,
          `awareness client id ${e.clientID} belongs to another link`,
        )
      }
      if (owner !== conn && !e.isNull) fresh.add(e.clientID)
      if (!e.isNull) this.checkPresenceClaims(conn, e)
      keep.push(e)
    }
    if (fresh.size === 0) return keep
    if (conn.awarenessIds.size + fresh.size > this.limits.maxAwarenessIdsPerConnection) {
      throw new RelayRefusal(CLOSE_CODES.AWARENESS_REFUSED, 'too many awareness client ids on one connection')
    }
    // The session keeps at most maxAwarenessStatesPerSession states: new ones past it are left out
    // (not refused: an honest client joining a crowded session keeps its connection, just not shown).
    let room = this.limits.maxAwarenessStatesPerSession - states.size
    return keep.filter((e) => {
      if (states.has(e.clientID) || !fresh.has(e.clientID)) return true
      if (room <= 0) {
        this.counters.droppedAwarenessStates++
        return false
      }
      room--
      return true
    })
  }

  /**
   * A presence state speaks for its own connection only: its `user.sessionRole` (when given) must be the
   * connection's role and its `user.id` the connection's participant id (when the relay knows one), so
   * nobody shows up as a facilitator or as someone else.
   */
  private checkPresenceClaims(conn: RelayConnection, e: AwarenessEntry): void {
    const state = JSON.parse(e.json) as { user?: unknown; presence?: { user?: unknown } | null }
    // `user` (stock clients), and the app's own field (`presence.user`, src/shared/model/participant.ts)
    this.checkUserClaims(conn, state.user)
    if (state.presence !== null && typeof state.presence === 'object') {
      this.checkUserClaims(conn, state.presence.user)
    }
  }

  private checkUserClaims(conn: RelayConnection, user: unknown): void {
    if (user === null || typeof user !== 'object') return
    const { sessionRole, id } = user as { sessionRole?: unknown; id?: unknown }
    if (sessionRole !== undefined && sessionRole !== conn.auth?.sessionRole) {
      throw new RelayRefusal(CLOSE_CODES.AWARENESS_REFUSED, 'a presence state claiming another role')
    }
    const pid = conn.auth?.participantId ?? conn.boundParticipantId
    if (id !== undefined && pid !== null && id !== pid) {
      throw new RelayRefusal(CLOSE_CODES.AWARENESS_REFUSED, 'a presence state claiming another person')
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
      this.output.flush()
      conn.send(encodePermissionDenied(READ_ONLY_REASON))
    }
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.recorder.destroy()
    this.commentRecorder.destroy()
    this.rights.destroy()
    this.output.destroy()
    this.doc.off('update', this.output.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/** Whether two connections came in with the same token and the same participant (a reconnecting client). */
function sameLink(a: RelayConnection, b: RelayConnection): boolean {
  return a.auth?.tokenId === b.auth?.tokenId && a.auth?.participantId === b.auth?.participantId
}
