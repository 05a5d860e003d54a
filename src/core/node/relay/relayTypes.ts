import type { RelayAuthResult } from './auth'
import type { RelayLimits } from './limits'
import type { RoomPersistence } from './persistence'

export interface RelayOptions {
  persistence: RoomPersistence
  /** Decide whether `token` may join `sessionId`; null = refuse. May be async. */
  authorize(sessionId: string, token: string | null): RelayAuthResult | null | Promise<RelayAuthResult | null>
  limits?: Partial<RelayLimits>
  /** Relay clock (ms); defaults to Date.now. Used by the rate limiter. */
  now?: () => number
  /** Keep-alive ping period; a connection that missed the previous pong is dropped. Default 30 s. */
  pingIntervalMs?: number
  /** A connection not admitted (authorized, session loaded) within this time is closed with 4080. Default 15 s. */
  admissionTimeoutMs?: number
  /** Told about things worth a log line (a room that failed to load, a persistence error). */
  onWarning?: (message: string, error?: unknown) => void
}

export interface RelaySessionInfo {
  /** Connections joined to the session's room. */
  connections: number
  /** Of those, observers (read-only). */
  observers: number
  /** Whether the session's doc is in memory. */
  loaded: boolean
  /** Non-empty document updates from observers that the relay dropped since the room was loaded. */
  droppedObserverUpdates: number
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
  loadedRooms: number
}
