import { z } from 'zod'
import { addDot, removeDot } from '../../core/common/voting/ballots'
import { BallotContent, EMPTY_CONTENT } from '../../core/common/voting/methods/types'

/**
 * A person's answers in an open round of one session (dots, agree/disagree/pass, scores, a ranking):
 * on this device only (memory + localStorage), never in the shared document. Stored per round and
 * voter, so two people on one browser do not mix. One instance per BoardSession (session.votes);
 * dispose() drops the cache and the listeners.
 */
const Dots = z.array(z.string().max(64)).max(20)
type Listener = () => void

export class LocalVotes {
  private readonly listeners = new Set<Listener>()
  private readonly cache = new Map<string, BallotContent>()
  private version = 0

  constructor(private readonly sessionId: string) {}

  private keyOf(roundId: string, voterId: string): string {
    return `copro.votes.${this.sessionId}.${roundId}.${voterId}`
  }

  /** Everything this person answered in the round (what is published when it closes). */
  answers(roundId: string, voterId: string): BallotContent {
    const key = this.keyOf(roundId, voterId)
    const hit = this.cache.get(key)
    if (hit) return hit
    let answers: BallotContent = EMPTY_CONTENT
    try {
      const raw: unknown = JSON.parse(localStorage.getItem(key) ?? '[]')
      const dots = Dots.safeParse(raw) // stored before other methods existed: a list of dots
      const content = BallotContent.safeParse(raw)
      if (dots.success) answers = { cardIds: dots.data }
      else if (content.success) answers = content.data
    } catch {
      // unreadable: start empty
    }
    this.cache.set(key, answers)
    return answers
  }

  /** Dots (or, in a rank round, the ranking). */
  dots(roundId: string, voterId: string): readonly string[] {
    return this.answers(roundId, voterId).cardIds
  }

  /** Changes this person's answers (the change is a pure function from methods/*.ts). */
  update(roundId: string, voterId: string, change: (a: BallotContent) => BallotContent): boolean {
    const before = this.answers(roundId, voterId)
    const after = change(before)
    if (after === before) return false
    this.set(roundId, voterId, after)
    return true
  }

  vote(roundId: string, voterId: string, cardId: string, max: number): boolean {
    return this.update(roundId, voterId, (a) => {
      const dots = addDot(a.cardIds, cardId, max)
      return dots === a.cardIds ? a : { ...a, cardIds: [...dots] }
    })
  }

  unvote(roundId: string, voterId: string, cardId: string): boolean {
    return this.update(roundId, voterId, (a) => {
      const dots = removeDot(a.cardIds, cardId)
      return dots === a.cardIds ? a : { ...a, cardIds: [...dots] }
    })
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

  private set(roundId: string, voterId: string, answers: BallotContent): void {
    const key = this.keyOf(roundId, voterId)
    this.cache.set(key, answers)
    try {
      localStorage.setItem(key, JSON.stringify(answers))
    } catch {
      // storage full or blocked: the dots still live in memory for this page
    }
    this.version++
    for (const l of [...this.listeners]) l()
  }
}
