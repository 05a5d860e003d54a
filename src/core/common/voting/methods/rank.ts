import {
  hasDuplicates,
  zeroByRole,
  type BallotContent,
  type ByRole,
  type MethodCardResult,
  type VotingMethod,
} from './types'

/**
 * Rank your top N: each person orders up to N cards (N = the round's `topN`). Scoring is a Borda count
 * truncated to the top N (ADR 0046): 1st place earns N points, 2nd N − 1, … Nth 1; a card a person did
 * not rank earns nothing from them. A card's results are its points, how many people put it first and
 * how many ranked it at all, overall and per role; cards are ordered by points, then by firsts.
 */
export function bordaPoints(position: number, topN: number): number {
  return position < topN ? topN - position : 0
}

export const rank: VotingMethod = {
  id: 'rank',
  label: 'Rank your top N',
  headlineLabel: () => 'points',
  describe: (r) => `Rank your top ${r.topN} ${r.topN === 1 ? 'card' : 'cards'}`,
  check(round, c) {
    if (c.agreement !== undefined || c.scores !== undefined) return 'a rank ballot carries only a ranking'
    if (c.cardIds.length > round.topN) return `a rank ballot ranks at most ${round.topN} cards`
    if (hasDuplicates(c.cardIds)) return 'a card is ranked once'
    return null
  },
  normalise: (round, c) => ({ cardIds: [...new Set(c.cardIds)].slice(0, round.topN) }),
  isEmpty: (c) => c.cardIds.length === 0,
  tally(round, ballots) {
    type Acc = {
      points: number
      pointsByRole: ByRole
      first: number
      firstByRole: ByRole
      n: number
      nByRole: ByRole
    }
    const byCard = new Map<string, Acc>()
    for (const b of ballots) {
      const ranking = [...new Set(b.content.cardIds)].slice(0, round.topN)
      ranking.forEach((id, i) => {
        let e = byCard.get(id)
        if (!e)
          byCard.set(
            id,
            (e = {
              points: 0,
              pointsByRole: zeroByRole(),
              first: 0,
              firstByRole: zeroByRole(),
              n: 0,
              nByRole: zeroByRole(),
            }),
          )
        const p = bordaPoints(i, round.topN)
        e.points += p
        e.pointsByRole[b.role] += p
        e.n++
        e.nByRole[b.role]++
        if (i === 0) {
          e.first++
          e.firstByRole[b.role]++
        }
      })
    }
    return [...byCard].map(([cardId, e]): MethodCardResult => ({
      cardId,
      headline: e.points,
      headlineByRole: e.pointsByRole,
      then: [e.first, e.n],
      measures: [
        { key: 'points', label: 'Points', type: 'points', overall: e.points, byRole: e.pointsByRole },
        { key: 'first', label: 'Ranked first', type: 'count', overall: e.first, byRole: e.firstByRole },
        { key: 'ranked', label: 'Ranked', type: 'count', overall: e.n, byRole: e.nByRole },
      ],
    }))
  },
}

/** Position (0 = first) of a card in a person's ranking, or −1. */
export function positionOf(c: BallotContent, cardId: string): number {
  return c.cardIds.indexOf(cardId)
}

/** Adds a card at the end of the ranking, if there is room and it is not ranked yet. */
export function pick(c: BallotContent, cardId: string, topN: number): BallotContent {
  if (c.cardIds.includes(cardId) || c.cardIds.length >= topN) return c
  return { ...c, cardIds: [...c.cardIds, cardId] }
}

export function unpick(c: BallotContent, cardId: string): BallotContent {
  return c.cardIds.includes(cardId) ? { ...c, cardIds: c.cardIds.filter((id) => id !== cardId) } : c
}

/** Moves a ranked card up (−1) or down (+1); the same content when it cannot move. */
export function move(c: BallotContent, cardId: string, by: -1 | 1): BallotContent {
  const i = c.cardIds.indexOf(cardId)
  const j = i + by
  if (i < 0 || j < 0 || j >= c.cardIds.length) return c
  const ids = [...c.cardIds]
  ids[i] = ids[j]!
  ids[j] = cardId
  return { ...c, cardIds: ids }
}
