import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CardKind } from '../../../src/shared/model/cardKinds'
import type { CoproRole } from '../../../src/shared/model/roles'
import { Ballot, checkBallot, makeBallot } from '../../../src/core/common/voting/ballots'
import { VotingRound } from '../../../src/core/common/voting/round'
import { resultsFromTally, tallyVotes } from '../../../src/core/common/voting/tally'
import { METHODS } from '../../../src/core/common/voting/methods'
import { setChoice } from '../../../src/core/common/voting/methods/agreement'
import { mean, setScore } from '../../../src/core/common/voting/methods/scale'
import { bordaPoints, move, pick, unpick } from '../../../src/core/common/voting/methods/rank'
import type { BallotContent } from '../../../src/core/common/voting/methods/types'

const base = {
  title: 't',
  status: 'closed' as const,
  dotsPerPerson: 3,
  kinds: [] as CardKind[],
  region: null,
  openedAt: 1,
  closedAt: 2,
}
const round = (id: string, extra: Partial<VotingRound> = {}): VotingRound =>
  VotingRound.parse({ ...base, id, ...extra })

const CARDS = new Map<string, CardKind>([
  ['a', 'idea'],
  ['b', 'idea'],
  ['c', 'idea'],
  ['p', 'pain'],
])
const VOTERS = new Map<string, CoproRole>([
  ['su1', 'service-user'],
  ['su2', 'service-user'],
  ['fs1', 'frontline-staff'],
  ['mc1', 'manager-commissioner'],
])

function ballot(r: VotingRound, who: string, content: BallotContent): [string, Ballot] {
  // the role written in the ballot is deliberately wrong: the registry's role counts
  return [
    `${r.id}/${who}`,
    { roundId: r.id, participantId: who, coproRole: 'facilitator', castAt: 3, ...content },
  ]
}

function results(r: VotingRound, ballots: Array<[string, Ballot]>) {
  return resultsFromTally(r.id, tallyVotes([r], ballots, CARDS, new Set(), VOTERS))
}

describe('round schema', () => {
  it('reads a round written before methods existed as a dot round', () => {
    const r = VotingRound.parse({ ...base, id: 'old' })
    expect(r.method).toBe('dots')
    expect(r.criteria).toEqual([])
    expect(r.topN).toBe(3)
  })
  it('refuses a scale round without criteria, more than 3 criteria, or N outside 1–10', () => {
    expect(VotingRound.safeParse({ ...base, id: 's', method: 'scale' }).success).toBe(false)
    expect(
      VotingRound.safeParse({ ...base, id: 's', method: 'scale', criteria: ['a', 'b', 'c', 'd'] }).success,
    ).toBe(false)
    expect(VotingRound.safeParse({ ...base, id: 'r', method: 'rank', topN: 11 }).success).toBe(false)
    expect(VotingRound.safeParse({ ...base, id: 'x', method: 'poll' }).success).toBe(false)
  })
})

describe('agreement', () => {
  const r = round('ag', { method: 'agreement' })
  it('counts agree / disagree / pass per card, overall and by the registry role', () => {
    const res = results(r, [
      ballot(r, 'su1', {
        cardIds: [],
        agreement: [
          { cardId: 'a', choice: 'agree' },
          { cardId: 'b', choice: 'pass' },
        ],
      }),
      ballot(r, 'su2', { cardIds: [], agreement: [{ cardId: 'a', choice: 'disagree' }] }),
      ballot(r, 'fs1', {
        cardIds: [],
        agreement: [
          { cardId: 'a', choice: 'agree' },
          { cardId: 'b', choice: 'agree' },
        ],
      }),
      ballot(r, 'mc1', { cardIds: [], agreement: [{ cardId: 'gone', choice: 'agree' }] }),
    ])
    expect(res.method).toBe('agreement')
    expect(res.cards.map((c) => c.cardId)).toEqual(['a', 'b'])
    const a = res.cards[0]!
    const m = Object.fromEntries(a.measures.map((x) => [x.key, x]))
    expect(m.agree!.overall).toBe(2)
    expect(m.agree!.byRole).toMatchObject({ 'service-user': 1, 'frontline-staff': 1, facilitator: 0 })
    expect(m.disagree!.byRole).toMatchObject({ 'service-user': 1 })
    expect(m.pass!.overall).toBe(0)
    // b: 1 agree, 1 pass; same agrees as a? no: a has 2 — and a tie would go to fewer disagrees
    expect(res.cards[1]!.measures.find((x) => x.key === 'pass')!.byRole['service-user']).toBe(1)
    expect(res.ballots).toBe(4)
  })
  it('breaks a tie in agrees by fewer disagrees', () => {
    const res = results(r, [
      ballot(r, 'su1', {
        cardIds: [],
        agreement: [
          { cardId: 'a', choice: 'agree' },
          { cardId: 'b', choice: 'agree' },
        ],
      }),
      ballot(r, 'su2', { cardIds: [], agreement: [{ cardId: 'a', choice: 'disagree' }] }),
    ])
    expect(res.cards.map((c) => c.cardId)).toEqual(['b', 'a'])
  })
  it('refuses two answers on one card, dots or scores in an agreement ballot', () => {
    const two = {
      cardIds: [],
      agreement: [
        { cardId: 'a', choice: 'agree' as const },
        { cardId: 'a', choice: 'pass' as const },
      ],
    }
    expect(METHODS.agreement.check(r, two)).toMatch(/one answer/)
    expect(METHODS.agreement.check(r, { cardIds: ['a'] })).not.toBeNull()
    expect(METHODS.agreement.check(r, { cardIds: [], scores: [] })).not.toBeNull()
    expect(METHODS.agreement.check(r, setChoice({ cardIds: [] }, 'a', 'agree'))).toBeNull()
  })
})

describe('scale', () => {
  const r = round('sc', { method: 'scale', criteria: ['Impact', 'Effort'] })
  it('gives the mean and distribution per criterion per role', () => {
    const res = results(r, [
      ballot(r, 'su1', {
        cardIds: [],
        scores: [
          { cardId: 'a', criterion: 0, score: 5 },
          { cardId: 'a', criterion: 1, score: 2 },
        ],
      }),
      ballot(r, 'su2', { cardIds: [], scores: [{ cardId: 'a', criterion: 0, score: 4 }] }),
      ballot(r, 'fs1', {
        cardIds: [],
        scores: [
          { cardId: 'a', criterion: 0, score: 1 },
          { cardId: 'b', criterion: 0, score: 3 },
        ],
      }),
    ])
    const a = res.cards.find((c) => c.cardId === 'a')!
    const impact = a.measures[0]!
    expect(impact.label).toBe('Impact')
    expect(impact.overall).toBe(3.33)
    expect(impact.byRole['service-user']).toBe(4.5)
    expect(impact.byRole['frontline-staff']).toBe(1)
    expect(impact.answers!.byRole['carer-family']).toBe(0)
    expect(impact.distribution!.overall).toEqual([1, 0, 0, 1, 1])
    expect(impact.distribution!.byRole['service-user']).toEqual([0, 0, 0, 1, 1])
    const effort = a.measures[1]!
    expect(effort.overall).toBe(2)
    expect(effort.answers!.overall).toBe(1)
    expect(res.headlineLabel).toBe('mean Impact')
    expect(res.cards.map((c) => c.cardId)).toEqual(['a', 'b'])
  })
  it('refuses a criterion the round does not have, a repeated score or a score outside 1–5', () => {
    expect(
      METHODS.scale.check(r, { cardIds: [], scores: [{ cardId: 'a', criterion: 2, score: 3 }] }),
    ).toMatch(/criteria/)
    const twice = setScore(setScore({ cardIds: [] }, 'a', 0, 3), 'a', 0, 4)
    expect(twice.scores).toHaveLength(1)
    expect(
      METHODS.scale.check(r, {
        cardIds: [],
        scores: [
          { cardId: 'a', criterion: 0, score: 3 },
          { cardId: 'a', criterion: 0, score: 4 },
        ],
      }),
    ).toMatch(/one score/)
    expect(
      Ballot.safeParse({
        ...ballot(r, 'su1', { cardIds: [] })[1],
        scores: [{ cardId: 'a', criterion: 0, score: 6 }],
      }).success,
    ).toBe(false)
  })
  it('mean of a distribution', () => {
    expect(mean([0, 0, 0, 0, 0])).toBe(0)
    expect(mean([1, 1, 1, 1, 1])).toBe(3)
  })
})

describe('rank (Borda count over the top N)', () => {
  const r = round('rk', { method: 'rank', topN: 3 })
  it('gives N points for first, N−1 for second … and counts firsts per role', () => {
    expect([0, 1, 2, 3].map((i) => bordaPoints(i, 3))).toEqual([3, 2, 1, 0])
    const res = results(r, [
      ballot(r, 'su1', { cardIds: ['a', 'b', 'c'] }),
      ballot(r, 'su2', { cardIds: ['b', 'a'] }),
      ballot(r, 'fs1', { cardIds: ['c', 'a', 'p'] }),
    ])
    const pts = Object.fromEntries(res.cards.map((c) => [c.cardId, c.total]))
    expect(pts).toEqual({ a: 3 + 2 + 2, b: 2 + 3, c: 1 + 3, p: 1 })
    const a = res.cards[0]!
    expect(a.cardId).toBe('a')
    expect(a.byRole).toMatchObject({ 'service-user': 5, 'frontline-staff': 2 })
    const first = (id: string) =>
      res.cards.find((c) => c.cardId === id)!.measures.find((m) => m.key === 'first')!
    expect(first('a').overall).toBe(1)
    expect(first('c').byRole['frontline-staff']).toBe(1)
    expect(res.votersByRole['service-user']).toBe(2)
  })
  it('refuses more than N cards or a card twice', () => {
    expect(METHODS.rank.check(r, { cardIds: ['a', 'b', 'c', 'p'] })).toMatch(/at most 3/)
    expect(METHODS.rank.check(r, { cardIds: ['a', 'a'] })).toMatch(/once/)
    expect(METHODS.rank.check(r, { cardIds: [], agreement: [] })).not.toBeNull()
  })
  it('pick, move and unpick keep a ranking of distinct cards within N', () => {
    let c: BallotContent = { cardIds: [] }
    for (const id of ['a', 'b', 'a', 'c', 'p']) c = pick(c, id, 3)
    expect(c.cardIds).toEqual(['a', 'b', 'c'])
    c = move(c, 'c', -1)
    expect(c.cardIds).toEqual(['a', 'c', 'b'])
    expect(move(c, 'a', -1)).toBe(c)
    c = unpick(c, 'a')
    expect(c.cardIds).toEqual(['c', 'b'])
  })
})

describe('dots keep their old meaning', () => {
  const r = round('d1')
  it('refuses more dots than the round gives, or other answers, at the relay', () => {
    const b = makeBallot(r, { id: 'su1', coproRole: 'service-user' }, ['a', 'a', 'b', 'c'], 5)
    expect(b.cardIds).toEqual(['a', 'a', 'b'])
    expect(checkBallot(r, b)).toBeNull()
    expect(checkBallot(r, { ...b, cardIds: ['a', 'a', 'b', 'c'] })).toMatch(/at most 3/)
    expect(checkBallot(r, { ...b, agreement: [] })).not.toBeNull()
  })
})

describe('properties', () => {
  const roles: CoproRole[] = ['service-user', 'frontline-staff', 'manager-commissioner']
  const cardArb = fc.constantFrom('a', 'b', 'c', 'p')
  const voters = new Map<string, CoproRole>()
  for (let i = 0; i < 12; i++) voters.set(`v${i}`, roles[i % 3]!)

  it('rank: every ballot adds N + (N−1) + … points over its distinct picks; role splits add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.uniqueArray(cardArb, { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        (topN, rankings) => {
          const r = round('rp', { method: 'rank', topN })
          const raw = rankings.map((ids, i) => ballot(r, `v${i}`, { cardIds: ids }))
          const res = resultsFromTally(r.id, tallyVotes([r], raw, CARDS, new Set(), voters))
          const want = rankings.reduce(
            (s, ids) => s + ids.slice(0, topN).reduce((t, _, i) => t + bordaPoints(i, topN), 0),
            0,
          )
          expect(res.cards.reduce((s, c) => s + c.total, 0)).toBe(want)
          for (const c of res.cards) expect(Object.values(c.byRole).reduce((s, n) => s + n, 0)).toBe(c.total)
          const firsts = res.cards.reduce((s, c) => s + c.measures.find((m) => m.key === 'first')!.overall, 0)
          expect(firsts).toBe(rankings.filter((ids) => ids.length > 0).length)
        },
      ),
    )
  })

  it('agreement: agree + disagree + pass per card is the number of people who answered it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.dictionary(cardArb, fc.constantFrom('agree', 'disagree', 'pass') as fc.Arbitrary<'agree'>),
          {
            maxLength: 12,
          },
        ),
        (answers) => {
          const r = round('ap', { method: 'agreement' })
          const raw = answers.map((d, i) =>
            ballot(r, `v${i}`, {
              cardIds: [],
              agreement: Object.entries(d).map(([cardId, choice]) => ({ cardId, choice })),
            }),
          )
          for (const [, b] of raw) expect(checkBallot(r, b)).toBeNull()
          const res = resultsFromTally(r.id, tallyVotes([r], raw, CARDS, new Set(), voters))
          for (const c of res.cards) {
            const total = c.measures.reduce((s, m) => s + m.overall, 0)
            expect(total).toBe(answers.filter((d) => c.cardId in d).length)
          }
        },
      ),
    )
  })

  it('scale: every mean lies within 1–5 and its distribution counts every score', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.record({ cardId: cardArb, score: fc.integer({ min: 1, max: 5 }) }), { maxLength: 4 }),
          {
            maxLength: 12,
          },
        ),
        (people) => {
          const r = round('sp', { method: 'scale', criteria: ['Impact'] })
          const raw = people.map((ss, i) =>
            ballot(
              r,
              `v${i}`,
              METHODS.scale.normalise(r, { cardIds: [], scores: ss.map((s) => ({ ...s, criterion: 0 })) }),
            ),
          )
          const res = resultsFromTally(r.id, tallyVotes([r], raw, CARDS, new Set(), voters))
          for (const c of res.cards) {
            const m = c.measures[0]!
            expect(m.overall).toBeGreaterThanOrEqual(1)
            expect(m.overall).toBeLessThanOrEqual(5)
            expect(m.distribution!.overall.reduce((s, n) => s + n, 0)).toBe(m.answers!.overall)
          }
        },
      ),
    )
  })
})
