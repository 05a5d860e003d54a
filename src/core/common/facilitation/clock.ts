/**
 * Estimating the relay's clock from `GET /api/time` samples, NTP-style.
 *
 * A sample is (t0, serverNow, t1): local time before the request, the relay's time in the answer,
 * local time after the answer. Assuming the answer was stamped half-way through the round trip,
 * offset = serverNow - (t0 + t1) / 2, with an error of at most half the round trip. The sample with
 * the smallest round trip is the most trustworthy; samples age out so a clock that jumps (sleep,
 * manual change) is relearned.
 */
export interface ClockSample {
  readonly offsetMs: number
  readonly rttMs: number
  /** Local time the sample was taken (t1). */
  readonly at: number
}

export function makeSample(t0: number, serverNow: number, t1: number): ClockSample | null {
  if (![t0, serverNow, t1].every(Number.isFinite) || t1 < t0) return null
  return { offsetMs: serverNow - (t0 + t1) / 2, rttMs: t1 - t0, at: t1 }
}

export class ClockEstimate {
  private samples: ClockSample[] = []

  constructor(
    private readonly maxSamples = 8,
    /** Samples older than this (local ms) are dropped. */
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  add(sample: ClockSample | null): void {
    if (!sample) return
    this.samples.push(sample)
    if (this.samples.length > this.maxSamples) this.samples.shift()
  }

  /** The best sample still fresh at local time `now`, or null when there is none. */
  best(now: number): ClockSample | null {
    this.samples = this.samples.filter((s) => now - s.at <= this.maxAgeMs && s.at <= now + 1000)
    let best: ClockSample | null = null
    for (const s of this.samples) if (!best || s.rttMs < best.rttMs) best = s
    return best
  }

  /** Relay-clock time for local time `now` (local time itself until a sample arrives). */
  relayNow(now: number): number {
    return now + (this.best(now)?.offsetMs ?? 0)
  }

  get synced(): boolean {
    return this.samples.length > 0
  }
}
