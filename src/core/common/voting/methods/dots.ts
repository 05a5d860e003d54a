import type { VotingRound } from '../round'
import { zeroByRole, type BallotContent, type MethodCardResult, type VotingMethod } from './types'

/**
 * Dot voting: each person spends up to `dotsPerPerson` dots, several on one card if they like. A card's
 * result is its number of dots, overall and per role.
 */
export const dots: VotingMethod = {
  id: 'dots',
  label: 'Dot voting',
  headlineLabel: () => 'dots',
  describe: (r) => `${r.dotsPerPerson} ${r.dotsPerPerson === 1 ? 'dot' : 'dots'} each`,
  check(round, c) {
    if (c.agreement !== undefined || c.scores !== undefined) return 'a dot ballot carries only dots'
    if (c.cardIds.length > round.dotsPerPerson) return `a dot ballot has at most ${round.dotsPerPerson} dots`
    return null
  },
  normalise: (round, c) => ({ cardIds: c.cardIds.slice(0, round.dotsPerPerson) }),
  isEmpty: (c) => c.cardIds.length === 0,
  tally(round: VotingRound, ballots) {
    const byCard = new Map<string, { n: number; byRole: ReturnType<typeof zeroByRole> }>()
    for (const b of ballots)
      for (const id of b.content.cardIds.slice(0, round.dotsPerPerson)) {
        let e = byCard.get(id)
        if (!e) byCard.set(id, (e = { n: 0, byRole: zeroByRole() }))
        e.n++
        e.byRole[b.role]++
      }
    return [...byCard].map(([cardId, e]): MethodCardResult => ({
      cardId,
      headline: e.n,
      headlineByRole: e.byRole,
      then: [],
      measures: [{ key: 'dots', label: 'Dots', type: 'count', overall: e.n, byRole: e.byRole }],
    }))
  },
}

/** Adds one dot on a card, if the person has dots left. Returns the same content when refused. */
export function addDot(c: BallotContent, cardId: string, dotsPerPerson: number): BallotContent {
  return c.cardIds.length >= dotsPerPerson ? c : { ...c, cardIds: [...c.cardIds, cardId] }
}
