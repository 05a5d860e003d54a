import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addDot,
  dotsOn,
  makeBallot,
  publishBallot,
  readBallotEntries,
  removeDot,
} from '../../../src/core/common/voting/ballots'
import { closeRound, writeRound, VotingRound } from '../../../src/core/common/voting/round'
import { isEligible } from '../../../src/core/common/voting/eligibility'
import { roundResults } from '../../../src/core/common/voting/tally'
import { selectCards } from '../../../src/core/common/cards/cardRecord'
import { readSession } from '../../../src/core/common/session/read'
import { buildVotingSession, GRID } from './fixture'

describe('round results split by co-production role (hand-computed fixture)', () => {
  const { doc, ids } = buildVotingSession()
  const res = roundResults(doc, 'r1')
  const byCard = new Map(res.cards.map((c) => [c.cardId, c]))

  it('totals and splits each card by role', () => {
    expect(res.cards.map((c) => c.cardId)).toEqual([ids.i2, ids.i1])
    expect(byCard.get(ids.i2!)!.total).toBe(23)
    expect(byCard.get(ids.i2!)!.byRole).toMatchObject({
      'service-user': 1,
      'frontline-staff': 22,
      'carer-family': 0,
    })
    expect(byCard.get(ids.i1!)!.total).toBe(7)
    expect(byCard.get(ids.i1!)!.byRole).toMatchObject({ 'service-user': 6, 'frontline-staff': 1 })
  })

  it('gives no dots outside the region, to other kinds, or from open rounds and forged keys', () => {
    expect(byCard.has(ids.i3!)).toBe(false)
    expect(byCard.has(ids.p1!)).toBe(false)
    expect(res.ballots).toBe(16)
    expect(res.votersByRole['service-user']).toBe(4)
    expect(res.votersByRole['frontline-staff']).toBe(12)
    expect(res.votersByRole['carer-family']).toBe(0)
    expect(res.votersByRole['manager-commissioner']).toBe(0)
  })

  it('separate tallies rank by each role on its own: service users put i1 first', () => {
    expect(res.byRole['service-user']).toEqual([
      { cardId: ids.i1, votes: 6 },
      { cardId: ids.i2, votes: 1 },
    ])
    expect(res.byRole['frontline-staff']).toEqual([
      { cardId: ids.i2, votes: 22 },
      { cardId: ids.i1, votes: 1 },
    ])
    expect(res.byRole['carer-family']).toEqual([])
  })

  it('an open round has no results', () => {
    expect(roundResults(doc, 'r2').cards).toEqual([])
  })
})

describe('local dots and publishing', () => {
  const round: VotingRound = VotingRound.parse({
    id: 'r9',
    title: 't',
    status: 'open',
    dotsPerPerson: 3,
    kinds: ['idea'],
    region: { type: 'stage', stageId: 's1' },
    openedAt: 1,
    closedAt: null,
  })

  it('adds dots up to the limit and removes the last one on a card', () => {
    let d: readonly string[] = []
    d = addDot(d, 'a', 3)
    d = addDot(d, 'b', 3)
    d = addDot(d, 'a', 3)
    expect(addDot(d, 'c', 3)).toBe(d)
    expect(dotsOn(d, 'a')).toBe(2)
    d = removeDot(d, 'a')
    expect(d).toEqual(['a', 'b'])
    expect(removeDot(d, 'zzz')).toBe(d)
  })

  it('eligibility follows kinds and region', () => {
    const { doc, ids } = buildVotingSession()
    const cards = new Map(selectCards(readSession(doc).records).cards.map((c) => [c.id, c]))
    expect(isEligible(round, cards.get(ids.i1!)!, GRID)).toBe(true)
    expect(isEligible(round, cards.get(ids.i3!)!, GRID)).toBe(false)
    expect(isEligible(round, cards.get(ids.p1!)!, GRID)).toBe(false)
    expect(isEligible({ ...round, region: null, kinds: [] }, cards.get(ids.p1!)!, GRID)).toBe(true)
  })

  it('refuses to publish a ballot while the round is open, then publishes once after close', () => {
    const doc = new Y.Doc()
    writeRound(doc, round)
    const ballot = makeBallot(round, { id: 'p1', coproRole: 'carer-family' }, ['x', 'y', 'x', 'z'], 5)
    expect(ballot.cardIds).toEqual(['x', 'y', 'x'])
    expect(publishBallot(doc, ballot)).toBe(false)
    expect(readBallotEntries(doc)).toEqual([])
    closeRound(doc, 'r9', 10)
    expect(publishBallot(doc, ballot)).toBe(true)
    expect(publishBallot(doc, { ...ballot, cardIds: ['z'] })).toBe(false)
    expect(readBallotEntries(doc)).toEqual([['r9/p1', ballot]])
  })
})

describe('spotlight areas', () => {
  it('gives whole stages and lanes with their headers', async () => {
    const { structureAreas } = await import('../../../src/core/common/structure/areas')
    const areas = structureAreas(GRID)
    expect(areas.map((a) => a.key)).toEqual(['stage:s1', 'stage:s2', 'lane:l1', 'cell:s1:l1', 'cell:s2:l1'])
    expect(areas[4]!.rect).toEqual({ x: 560, y: 80, w: 400, h: 800 })
    expect(areas[1]!.rect).toEqual({ x: 560, y: 0, w: 400, h: 880 })
    expect(areas[2]!.rect).toEqual({ x: 0, y: 80, w: 960, h: 800 })
    expect(structureAreas(null)).toEqual([])
  })
})
