import { z } from 'zod'
import { addDot, removeDot } from '../../core/common/voting/ballots'

/**
 * A person's dots in an open round of one session: on this device only (memory + localStorage), never
 * in the shared document. Stored per round and voter, so two people on one browser do not mix. One
 * instance per BoardSession (session.votes); dispose() drops the cache and the listeners.
 */
const Dots = z.array(z.string().max(64)).max(20)
type Listener = () => void

export class LocalVotes {
  private readonly listeners = new Set<Listener>()
  private readonly cache = new Map<string, readonly string[]>()
  private version = 0

  constructor(private readonly sessionId: string) {}

  private keyOf(roundId: string, voterId: string): string {
    return `copro.votes.${this.sessionId}.${roundId}.${voterId}`
  }

  dots(roundId: string, voterId: string): readonly string[] {
    const key = this.keyOf(roundId, voterId)
    const hit = this.cache.get(key)
    if (hit) return hit
    let dots: readonly string[] = []
    try {
      const p = Dots.safeParse(JSON.parse(localStorage.getItem(key) ?? '[]'))
      if (p.success) dots = p.data
    } catch {
      // unreadable: start empty
    }
    this.cache.set(key, dots)
    return dots
  }

  vote(roundId: string, voterId: string, cardId: string, max: number): boolean {
    const before = this.dots(roundId, voterId)
    const after = addDot(before, cardId, max)
    if (after === before) return false
    this.set(roundId, voterId, after)
    return true
  }

  unvote(roundId: string, voterId: string, cardId: string): boolean {
    const before = this.dots(roundId, voterId)
    const after = removeDot(before, cardId)
    if (after === before) return false
    this.set(roundId, voterId, after)
    return true
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Bumps on every change, for useSyncExternalStore. */
  getVersion = (): number => this.version

  dispose(): void {
    this.listeners.clear()
    this.cache.clear()
  }

  private set(roundId: string, voterId: string, dots: readonly string[]): void {
    const key = this.keyOf(roundId, voterId)
    this.cache.set(key, dots)
    try {
      localStorage.setItem(key, JSON.stringify(dots))
    } catch {
      // storage full or blocked: the dots still live in memory for this page
    }
    this.version++
    for (const l of [...this.listeners]) l()
  }
}
