import { useSyncExternalStore } from 'react'

/**
 * The hook between the outline view (and other keyboard paths) and whoever holds this person's dots
 * while a voting round is open. Dots stay on the voter's device until the round closes
 * (core/common/facilitation/voting.ts), so the facilitation UI owns them; it registers a bridge here
 * for the session and the outline shows "Vote" buttons through it:
 *
 *   const off = votingBridges.register(sessionId, {
 *     roundId, title, dotsPerPerson,
 *     dotsLeft: () => …, dotsOn: (cardId) => …, canVote: (cardId) => …,
 *     addDot: (cardId) => …, removeDot: (cardId) => …, subscribe: (l) => …,
 *   })
 *
 * With no bridge registered, the outline says that voting is open and where to vote.
 */
export interface VotingBridge {
  readonly roundId: string
  readonly title: string
  readonly dotsPerPerson: number
  dotsLeft(): number
  dotsOn(cardId: string): number
  /** Whether this card can take dots in the round (kind and region). */
  canVote(cardId: string): boolean
  addDot(cardId: string): boolean
  removeDot(cardId: string): boolean
  /** Calls back when this person's dots change. */
  subscribe(listener: () => void): () => void
}

class VotingBridges {
  private readonly bridges = new Map<string, VotingBridge>()
  private readonly listeners = new Set<() => void>()

  register(sessionId: string, bridge: VotingBridge): () => void {
    this.bridges.set(sessionId, bridge)
    this.emit()
    return () => {
      if (this.bridges.get(sessionId) === bridge) this.bridges.delete(sessionId)
      this.emit()
    }
  }

  get(sessionId: string): VotingBridge | null {
    return this.bridges.get(sessionId) ?? null
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  private emit(): void {
    for (const l of [...this.listeners]) l()
  }
}

export const votingBridges = new VotingBridges()

/** The bridge for a session, re-rendering when one is registered or removed. */
export function useVotingBridge(sessionId: string | null): VotingBridge | null {
  return useSyncExternalStore(votingBridges.subscribe, () =>
    sessionId ? votingBridges.get(sessionId) : null,
  )
}

if (typeof window !== 'undefined')
  (window as unknown as { __coproVotingBridges?: VotingBridges }).__coproVotingBridges = votingBridges
