/**
 * The hook between the outline view (and other keyboard paths) and whoever holds this person's dots
 * while a voting round is open. Dots stay on the voter's device until the round closes
 * (core/common/facilitation/voting.ts), so the facilitation UI owns them; it sets a bridge on the
 * session (session.setVotingBridge) and the outline shows "Vote" buttons through session.votingBridge:
 *
 *   const off = session.setVotingBridge({
 *     roundId, title, dotsPerPerson,
 *     dotsLeft: () => …, dotsOn: (cardId) => …, canVote: (cardId) => …,
 *     addDot: (cardId) => …, removeDot: (cardId) => …, subscribe: (l) => …,
 *   })
 *
 * With no bridge set, the outline says that voting is open and where to vote.
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
