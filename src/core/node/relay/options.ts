import type * as Y from 'yjs'
import { z } from 'zod'
import { SessionRole } from '../../../shared/model/roles'
import type { RelayLimits } from './limits'
import type { RoomPersistence } from './persistence'

/** What `authorize` grants one connection (the relay parses it, so a bad authorizer cannot widen it). */
export const RelayAuthResult = z.object({
  sessionRole: SessionRole,
  /** The participant a device's personal token is bound to (docs/adr/0038-per-device-identity-and-join-codes.md). */
  participantId: z.string().min(1).max(128).optional(),
  tokenId: z.string().min(1).max(256),
  /** A personal token's shared link (its tokenId): the link's connection budget counts its devices too. */
  linkId: z.string().min(1).max(256).optional(),
})
export type RelayAuthResult = z.infer<typeof RelayAuthResult>

/** How a Relay is set up: where rooms are stored, who may join, its limits and timers. */
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
  /**
   * Called with a room's document just before the room unloads (its last client left), while the doc is
   * still readable: the server records the board's counts in the session index then.
   */
  onRoomUnload?: (sessionId: string, doc: Y.Doc) => void
  /** Told about things worth a log line (a room that failed to load, a persistence error). */
  onWarning?: (message: string, error?: unknown) => void
}
