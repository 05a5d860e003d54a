import { z } from 'zod'

/** Per-relay limits. Every one has a documented close code (closeCodes.ts) and a default below. */
export const RelayLimits = z.object({
  /** Largest frame accepted, in bytes; larger frames close the connection with 1009. */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024),
  /** Connections one session may hold at once; one more is closed with SESSION_FULL. */
  maxConnectionsPerSession: z.number().int().min(1).max(100_000),
  /** Sustained messages per second per connection; a burst of one second's worth is allowed. */
  maxMessagesPerSecond: z.number().min(1).max(1_000_000),
  /** Bytes queued for one slow client before it is closed with SLOW_CONSUMER. */
  maxBufferedBytes: z
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024 * 1024),
})
export type RelayLimits = z.infer<typeof RelayLimits>

export const DEFAULT_LIMITS: Readonly<RelayLimits> = Object.freeze({
  maxMessageBytes: 8 * 1024 * 1024,
  maxConnectionsPerSession: 200,
  maxMessagesPerSecond: 300,
  maxBufferedBytes: 64 * 1024 * 1024,
})

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
