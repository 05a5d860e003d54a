/** What a Relay reports about itself: per session (sessionInfo) and overall (stats). */

export interface RelaySessionInfo {
  /** Connections joined to the session's room. */
  connections: number
  /** Of those, observers (read-only). */
  observers: number
  /** Whether the session's doc is in memory. */
  loaded: boolean
  /** Non-empty document updates from observers that the relay dropped since the room was loaded. */
  droppedObserverUpdates: number
  /** Awareness states the session keeps (at most `maxAwarenessStatesPerSession`). */
  awarenessStates: number
  /** New awareness states left out because the session kept as many as it may. */
  droppedAwarenessStates: number
  /** Updates (or parts) held for their connection until what they depend on arrives. */
  heldIncompleteUpdates: number
  /** Held updates dropped over their budget (each answered with a resync). */
  refusedIncompleteUpdates: number
}

export interface RelayStats {
  /** Connections accepted at the WebSocket level (before authorization). */
  accepted: number
  /** Connections that joined a room. */
  joined: number
  /** Closes the relay started, by close code. */
  closedByCode: Record<number, number>
  /** Frames rejected as malformed or of unknown type. */
  malformedMessages: number
  /** Messages refused for a limit (awareness, update cost, document quota, missing dependencies). */
  refusedMessages: number
  loadedRooms: number
}

/** What sessionInfo reports for a session that is not loaded. */
export const UNLOADED_SESSION_INFO: Readonly<RelaySessionInfo> = Object.freeze({
  connections: 0,
  observers: 0,
  loaded: false,
  droppedObserverUpdates: 0,
  awarenessStates: 0,
  droppedAwarenessStates: 0,
  refusedIncompleteUpdates: 0,
  heldIncompleteUpdates: 0,
})

/** What a room holds, as far as its session info needs (structural, so stats.ts imports no room). */
interface RoomLike {
  readonly conns: ReadonlySet<{ readonly isObserver: boolean }>
  readonly awareness: { getStates(): ReadonlyMap<number, unknown> }
  readonly counters: Pick<
    RelaySessionInfo,
    'droppedObserverUpdates' | 'droppedAwarenessStates' | 'refusedIncompleteUpdates' | 'heldIncompleteUpdates'
  >
}

/** A session's figures: its loaded room's, or those of a session not loaded. */
export function sessionInfoOf(room: RoomLike | null): RelaySessionInfo {
  if (!room) return { ...UNLOADED_SESSION_INFO }
  let observers = 0
  for (const c of room.conns) if (c.isObserver) observers++
  return {
    connections: room.conns.size,
    observers,
    loaded: true,
    droppedObserverUpdates: room.counters.droppedObserverUpdates,
    awarenessStates: room.awareness.getStates().size,
    droppedAwarenessStates: room.counters.droppedAwarenessStates,
    refusedIncompleteUpdates: room.counters.refusedIncompleteUpdates,
    heldIncompleteUpdates: room.counters.heldIncompleteUpdates,
  }
}
