import { COPRO_ROLES, type CoproRole } from '../../../../shared/model/roles'
import {
  round2,
  zeroByRole,
  type BallotContent,
  type Measure,
  type MethodCardResult,
  type VotingMethod,
} from './types'

/**
 * A 1–5 scale on each of the round's criteria (1–3 names the facilitator chose, e.g. "Impact",
 * "Effort"). A person may score any card on any criterion, once. A card's results per criterion are the
 * mean score (two decimals) and how many gave 1, 2, 3, 4 and 5, overall and per role; cards are ordered
 * by the mean of the first criterion, then by how many scored it.
 */
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const

export const scale: VotingMethod = {
  id: 'scale',
  label: '1–5 scale',
  headlineLabel: (r) => `mean ${r.criteria[0] ?? ''}`.trim(),
  describe: (r) => `Score each card 1–5 on ${r.criteria.join(', ')}`,
  check(round, c) {
    if (c.cardIds.length > 0 || c.agreement !== undefined) return 'a scale ballot carries only scores'
    const seen = new Set<string>()
    for (const s of c.scores ?? []) {
      if (s.criterion >= round.criteria.length) return `this round has ${round.criteria.length} criteria`
      const k = `${s.cardId}\u0000${s.criterion}`
      if (seen.has(k)) return 'one score per card and criterion'
      seen.add(k)
    }
    return null
  },
  normalise(round, c) {
    const seen = new Map<string, { cardId: string; criterion: number; score: number }>()
    for (const s of c.scores ?? [])
      if (s.criterion < round.criteria.length) seen.set(`${s.cardId}\u0000${s.criterion}`, s)
    return { cardIds: [], scores: [...seen.values()] }
  },
  isEmpty: (c) => (c.scores ?? []).length === 0,
  tally(round, ballots) {
    type Acc = { dist: number[]; byRole: Record<CoproRole, number[]> }
    const fresh = (): Acc => {
      const byRole = {} as Record<CoproRole, number[]>
      for (const r of COPRO_ROLES) byRole[r] = [0, 0, 0, 0, 0]
      return { dist: [0, 0, 0, 0, 0], byRole }
    }
    const byCard = new Map<string, Acc[]>()
    for (const b of ballots)
      for (const s of b.content.scores ?? []) {
        if (s.criterion >= round.criteria.length) continue
        let e = byCard.get(s.cardId)
        if (!e) byCard.set(s.cardId, (e = round.criteria.map(fresh)))
        e[s.criterion]!.dist[s.score - 1]!++
        e[s.criterion]!.byRole[b.role][s.score - 1]!++
      }
    return [...byCard].map(([cardId, accs]): MethodCardResult => {
      const measures: Measure[] = accs.map((a, i) => {
        const byRole = zeroByRole()
        const answersByRole = zeroByRole()
        for (const r of COPRO_ROLES) {
          answersByRole[r] = sum(a.byRole[r])
          byRole[r] = mean(a.byRole[r])
        }
        return {
          key: `mean:${i}`,
          label: round.criteria[i]!,
          type: 'mean',
          overall: mean(a.dist),
          byRole,
          answers: { overall: sum(a.dist), byRole: answersByRole },
          distribution: { overall: a.dist, byRole: a.byRole },
        }
      })
      const first = measures[0]!
      return {
        cardId,
        headline: first.overall,
        headlineByRole: first.byRole,
        then: [first.answers!.overall],
        measures,
      }
    })
  },
}

function sum(d: readonly number[]): number {
  return d.reduce((a, b) => a + b, 0)
}

/** Mean score of a distribution (index 0 = score 1), two decimals; 0 when nobody scored. */
export function mean(d: readonly number[]): number {
  const n = sum(d)
  return n === 0 ? 0 : round2(d.reduce((a, c, i) => a + c * (i + 1), 0) / n)
}

export function scoreOn(c: BallotContent, cardId: string, criterion: number): number | null {
  return (c.scores ?? []).find((s) => s.cardId === cardId && s.criterion === criterion)?.score ?? null
}

/** Sets (or, with null, clears) a person's score on a card for one criterion. */
export function setScore(
  c: BallotContent,
  cardId: string,
  criterion: number,
  score: number | null,
): BallotContent {
  const rest = (c.scores ?? []).filter((s) => !(s.cardId === cardId && s.criterion === criterion))
  return { ...c, scores: score === null ? rest : [...rest, { cardId, criterion, score }] }
}
