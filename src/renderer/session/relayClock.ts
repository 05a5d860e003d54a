import { z } from 'zod'
import { ClockEstimate, makeSample } from '../../core/common/facilitation/clock'

/**
 * The relay's clock as this client estimates it, from `GET /api/time` on the relay's HTTP origin
 * (NTP-style samples, the one with the smallest round trip wins; resampled every minute). When the
 * endpoint cannot be reached, the local clock is used: for the desktop app's own relay that is the
 * same machine clock anyway. The CSP allows the page's own origin, the desktop app's loopback server
 * and https relays (which send CORS headers on /api/time); other origins are not asked.
 */
const TimeAnswer = z.object({ now: z.number().finite() })
const RESAMPLE_MS = 60_000
const BURST = 5

export class RelayClock {
  private readonly estimate = new ClockEstimate()
  private timer: ReturnType<typeof setTimeout> | null = null
  private users = 0
  private stopped = true
  /** 'relay' once a sample arrived, 'local' if sampling failed. */
  source: 'pending' | 'relay' | 'local' = 'pending'

  constructor(
    private readonly timeUrl: string,
    /** False when the page's CSP (connect-src 'self') would refuse the request: another origin. */
    private readonly reachable = true,
  ) {}

  now(): number {
    return this.estimate.relayNow(Date.now())
  }

  /** Current offset estimate (relay minus local), for diagnostics. */
  offsetMs(): number {
    return this.estimate.best(Date.now())?.offsetMs ?? 0
  }

  async sampleOnce(): Promise<boolean> {
    if (!this.reachable) {
      this.source = 'local'
      return false
    }
    const t0 = Date.now()
    try {
      const res = await fetch(this.timeUrl, { cache: 'no-store' })
      const t1 = Date.now()
      const body = TimeAnswer.parse(await res.json())
      this.estimate.add(makeSample(t0, body.now, t1))
      this.source = 'relay'
      return true
    } catch {
      if (this.source === 'pending') this.source = 'local'
      return false
    }
  }

  private async burst(): Promise<void> {
    for (let i = 0; i < BURST && !this.stopped; i++) {
      const ok = await this.sampleOnce()
      if (!ok) break
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.burst(), RESAMPLE_MS)
  }

  /** Stops sampling whoever still retains it (the session is closing). */
  dispose(): void {
    this.users = 0
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  retain(): () => void {
    this.users++
    if (this.stopped) {
      this.stopped = false
      void this.burst()
    }
    return () => {
      this.users--
      if (this.users === 0) {
        this.stopped = true
        if (this.timer) clearTimeout(this.timer)
        this.timer = null
      }
    }
  }
}

/**
 * A relay clock for a board's sync URL (ws://host:port/sync → http://host:port/api/time). Each
 * BoardSession owns one (session.relayClock); nothing is shared between sessions.
 */
export function relayClockFor(syncUrl: string): RelayClock {
  let timeUrl: string
  try {
    const u = new URL(syncUrl)
    u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:'
    u.pathname = '/api/time'
    u.search = ''
    timeUrl = u.toString()
  } catch {
    timeUrl = '/api/time'
  }
  return new RelayClock(timeUrl, sameOrigin(timeUrl))
}

/**
 * Whether the page's CSP lets it ask this URL: its own origin, the desktop app's own server on
 * loopback (connect-src http://127.0.0.1:*), or any https relay.
 */
function sameOrigin(url: string): boolean {
  try {
    if (typeof location === 'undefined') return false
    const u = new URL(url, location.href)
    return (
      u.origin === location.origin ||
      u.protocol === 'https:' ||
      (u.protocol === 'http:' && u.hostname === '127.0.0.1')
    )
  } catch {
    return false
  }
}
