import { z } from 'zod'
import { CLOSE_CODES } from './closeCodes'
import { UPDATE_BUDGET } from '../../common/session/updateBudget'

/**
 * Per-relay limits: the one home of every budget the relay keeps on a connection and on a session
 * (docs/security.md, "Limits and hostile traffic"; docs/adr/0022-relay-cost-bounds.md). Every one has a
 * default below and a documented close code (closeCodes.ts). The cluster relay imports these too.
 */
export const RelayLimits = z.object({
  /**
   * Largest frame accepted, in bytes; a larger frame closes the connection with the permanent
   * MESSAGE_TOO_LARGE (4415), or with ws's own 1009 past twice this size.
   */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024),
  /** Connections one session may hold at once (facilitators excepted); one more is closed with SESSION_FULL. */
  maxConnectionsPerSession: z.number().int().min(1).max(100_000),
  /**
   * Connections one token (one link) may hold in one session; one more is closed with TOKEN_FULL.
   * A link's count includes every device token exchanged from it (so exchanging a link many times does
   * not widen it). Facilitator tokens are not counted against it.
   */
  maxConnectionsPerToken: z.number().int().min(1).max(100_000),
  /** Connections one device (one participant id, a personal token) may hold in one session; one more is closed with DEVICE_FULL. */
  maxConnectionsPerDevice: z.number().int().min(1).max(10_000),
  /**
   * Connections participants' devices (participant role, personal token) may open beyond
   * `maxConnectionsPerSession`: observers and bare links filling the session cannot lock them out.
   */
  participantReserve: z.number().int().min(0).max(10_000),
  /** Connections facilitators may open beyond `maxConnectionsPerSession`: they can always get in. */
  facilitatorReserve: z.number().int().min(0).max(10_000),
  /**
   * Sustained messages per second per connection that change something (a new document change, a new
   * presence state, a request); echoes of what the relay already has do not count. A burst of one
   * second's worth is allowed.
   */
  maxMessagesPerSecond: z.number().min(1).max(1_000_000),
  /** Sustained frames per second per connection, whatever they say (the flood guard; echoes count here). */
  maxFramesPerSecond: z.number().min(1).max(10_000_000),
  /**
   * Output queued for one client (ws.bufferedAmount) before it is closed with SLOW_CONSUMER. A frame is
   * sent when nothing is queued or when the queue plus the frame fits this budget.
   */
  maxBufferedBytes: z
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024 * 1024),
  /** Output queued for all of one session's clients; past it the client with the longest queue is closed (4008). */
  maxSessionBufferedBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024 * 1024),
  /** Awareness client ids one connection may own; one more closes it with AWARENESS_REFUSED. */
  maxAwarenessIdsPerConnection: z.number().int().min(1).max(64),
  /** Largest awareness state (its JSON), in bytes; larger closes with AWARENESS_REFUSED. */
  maxAwarenessStateBytes: z
    .number()
    .int()
    .min(64)
    .max(1024 * 1024),
  /** Awareness states one session keeps; a connection adding one more is closed with AWARENESS_REFUSED. */
  maxAwarenessStatesPerSession: z.number().int().min(1).max(100_000),
  /** Structs (items, GC and skip runs) in one update; more closes with UPDATE_TOO_LARGE. */
  maxStructsPerUpdate: z.number().int().min(16).max(10_000_000),
  /** Characters (or bytes, or JSON values) in one item's content; more closes with UPDATE_TOO_LARGE. */
  maxItemContentLength: z
    .number()
    .int()
    .min(64)
    .max(64 * 1024 * 1024),
  /** Depth of nested shared types and of JSON values in one item; deeper closes with UPDATE_TOO_LARGE. */
  maxNesting: z.number().int().min(2).max(1000),
  /** A session's document size (its encoded state), in bytes; an update adding content past it closes with DOCUMENT_FULL. */
  maxDocumentBytes: z
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024 * 1024),
  /**
   * Structs (items, deleted runs, GC runs) a session's document may hold; an update adding structs past it
   * closes with DOCUMENT_FULL. The byte quota alone does not bound memory: a tiny map entry is ~31 bytes
   * encoded but ~480 bytes in the relay's heap, so 64 MiB of them would be ~1 GB (docs/security.md,
   * "Audit 2026-12").
   */
  maxDocumentStructs: z.number().int().min(1024).max(100_000_000),
  /**
   * Bytes of updates with missing dependencies held for one connection (never in the document) until
   * what they depend on arrives; past it they are dropped and the client is resynced.
   */
  maxPendingBytesPerConnection: z
    .number()
    .int()
    .min(0)
    .max(1024 * 1024 * 1024),
  /** The same, for all of one session's connections together. */
  maxPendingBytesPerSession: z
    .number()
    .int()
    .min(0)
    .max(4 * 1024 * 1024 * 1024),
  /** Times one connection's held updates may be dropped (each answered by a resync) before it is closed with UPDATE_INCOMPLETE. */
  maxIncompleteUpdatesPerConnection: z.number().int().min(1).max(10_000),
  /**
   * The broadcast window (roomOutput.ts, docs/adr/0049): document updates and presence changes arriving
   * within this many ms of a session's last broadcast wait for the window's end and go to each
   * connection merged; 0 sends every update at once. This is the window of a session of 300 connections
   * or more; a smaller one gets a proportionally shorter window (2 ms at 30, none under 15).
   */
  broadcastWindowMs: z.number().int().min(0).max(1000),
})
export type RelayLimits = z.infer<typeof RelayLimits>

export const DEFAULT_LIMITS: Readonly<RelayLimits> = Object.freeze({
  maxMessageBytes: UPDATE_BUDGET.maxMessageBytes,
  maxConnectionsPerSession: 200,
  maxConnectionsPerToken: 100,
  maxConnectionsPerDevice: 4,
  participantReserve: 20,
  facilitatorReserve: 20,
  maxMessagesPerSecond: 300,
  maxFramesPerSecond: 1500,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxSessionBufferedBytes: 64 * 1024 * 1024,
  maxAwarenessIdsPerConnection: 4,
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessStatesPerSession: 256,
  maxStructsPerUpdate: UPDATE_BUDGET.maxStructsPerUpdate,
  maxItemContentLength: UPDATE_BUDGET.maxItemContentLength,
  maxNesting: 32,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxDocumentStructs: 500_000,
  maxPendingBytesPerConnection: 256 * 1024,
  maxPendingBytesPerSession: 8 * 1024 * 1024,
  maxIncompleteUpdatesPerConnection: 16,
  broadcastWindowMs: 20,
})

/** What the connection budget reads of a connection's grant (RelayAuthResult). */
interface BudgetAuth {
  readonly sessionRole: string
  readonly tokenId: string
  readonly participantId?: string | undefined
  readonly linkId?: string | undefined
}

/**
 * The connection budget, checked when a connection is admitted (docs/adr/0039-connection-budgets.md):
 * - `maxConnectionsPerSession` for everyone but the facilitator, who may use `facilitatorReserve` more
 *   (the facilitator can always get in), and participants' devices, who may use `participantReserve`
 *   more (an observer link or bare links filling the session cannot lock them out);
 * - `maxConnectionsPerToken` per link, counting the device tokens exchanged from it;
 * - `maxConnectionsPerDevice` per participant id.
 * Returns the close code refusing the connection, or null.
 */
export function connectionBudgetRefusal(
  limits: RelayLimits,
  joined: ReadonlySet<{ readonly auth: BudgetAuth | null }>,
  auth: BudgetAuth,
): number | null {
  const facilitator = auth.sessionRole === 'facilitator'
  const device = auth.participantId !== undefined
  const reserve = facilitator
    ? limits.facilitatorReserve
    : auth.sessionRole === 'participant' && device
      ? limits.participantReserve
      : 0
  if (joined.size >= limits.maxConnectionsPerSession + reserve) return CLOSE_CODES.SESSION_FULL
  if (facilitator) return null
  const link = auth.linkId ?? auth.tokenId
  let sameLink = 0
  let sameDevice = 0
  for (const c of joined) {
    if (!c.auth || c.auth.sessionRole === 'facilitator') continue
    if ((c.auth.linkId ?? c.auth.tokenId) === link) sameLink++
    if (device && c.auth.participantId === auth.participantId) sameDevice++
  }
  if (sameLink >= limits.maxConnectionsPerToken) return CLOSE_CODES.TOKEN_FULL
  return sameDevice >= limits.maxConnectionsPerDevice ? CLOSE_CODES.DEVICE_FULL : null
}

/** Fills in defaults and validates; throws a ZodError naming the bad limit. */
export function resolveLimits(partial: Partial<RelayLimits> | undefined): RelayLimits {
  return RelayLimits.parse({ ...DEFAULT_LIMITS, ...stripUndefined(partial ?? {}) })
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

/**
 * Token bucket: holds up to `ratePerSecond` tokens, refilled continuously at `ratePerSecond` per second.
 * Each message takes one token; a message finding the bucket empty is over the limit.
 */
export class RateLimiter {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = ratePerSecond
    this.last = now()
  }

  /** Takes one token; false when the limit is exceeded. */
  take(): boolean {
    const t = this.now()
    const elapsed = t - this.last
    if (elapsed > 0) {
      this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000)
      this.last = t
    }
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
