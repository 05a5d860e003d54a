import type { IncomingMessage } from 'node:http'

/** Join code lookups per address and minute (guessing one of ~10^9 codes). */
export const JOIN_CODE_LOOKUPS_PER_MINUTE = 10
/**
 * Join exchanges per address and minute (each may mint a device token; a link has at most 500). Loopback is
 * not limited: it is the facilitator's own computer (and a test suite's many guests).
 */
export const JOINS_PER_MINUTE = 30

/**
 * A per-address request budget for the guest endpoints a stranger can call without a secret (join code
 * lookups, join exchanges): at most `perMinute` requests per remote address in any minute, refilled
 * continuously (a token bucket per address). Guessing one of ~10^9 join codes at 10 a minute takes
 * centuries. Bounded memory: at most `maxAddresses` addresses are tracked; when full, the stalest is
 * forgotten. One instance per server (no module-level state).
 */
export class IpRateLimit {
  private readonly buckets = new Map<string, { tokens: number; last: number }>()

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = 10_000,
  ) {
    if (!(perMinute >= 1)) throw new RangeError('perMinute must be at least 1')
  }

  /** Takes one request from `address`'s budget; false when it is spent. */
  take(address: string): boolean {
    const t = this.now()
    let b = this.buckets.get(address)
    if (b) {
      this.buckets.delete(address) // re-inserted below: the Map's order is least recently used first
      b.tokens = Math.min(this.perMinute, b.tokens + ((t - b.last) * this.perMinute) / 60_000)
      b.last = t
    } else {
      if (this.buckets.size >= this.maxAddresses) {
        const stalest = this.buckets.keys().next()
        if (!stalest.done) this.buckets.delete(stalest.value)
      }
      b = { tokens: this.perMinute, last: t }
    }
    this.buckets.set(address, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }
}

/** Whether an address is this computer's own usual loopback address (127.0.0.1, ::1). */
export function isLoopbackAddress(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1'
}

/** The remote address of a request (the socket's peer; proxies' headers are not trusted). */
export function remoteAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown'
}
