import { uiT } from '../../device/i18n/uiT'

/**
 * Throttled "new cards here" announcements: counts arrive as other people add cards in the person's
 * current cell; at most one summary is spoken per interval ("3 new cards in Stage 'Getting help' /
 * Lane 'What is hard'"). Pure apart from the injected clock and timer, so it is unit-tested.
 */
export interface Scheduler {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

export function newCardsText(count: number, where: string): string {
  return uiT('a11y.newCards', { count, where })
}

export class NewCardBatcher {
  private readonly pending = new Map<string, number>()
  private lastSpoken = -Infinity
  private timer: unknown = null

  constructor(
    private readonly say: (text: string) => void,
    /** Minimum time between two announcements. */
    private readonly intervalMs = 5000,
    /** How long to wait for more cards before speaking. */
    private readonly settleMs = 1000,
    private readonly clock: Scheduler = realScheduler,
  ) {}

  /** Records `count` new cards in the place described by `where`. */
  add(where: string, count = 1): void {
    if (count <= 0) return
    this.pending.set(where, (this.pending.get(where) ?? 0) + count)
    if (this.timer !== null) return
    const now = this.clock.now()
    const at = Math.max(now + this.settleMs, this.lastSpoken + this.intervalMs)
    this.timer = this.clock.setTimeout(() => this.flush(), at - now)
  }

  /** Speaks what is pending now (also called by the timer). */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    const text = [...this.pending].map(([where, n]) => newCardsText(n, where)).join('; ')
    this.pending.clear()
    this.lastSpoken = this.clock.now()
    this.say(text)
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
  }
}
