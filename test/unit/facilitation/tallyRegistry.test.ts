import { describe, expect, it } from 'vitest'
import { ballotKey, sessionMap } from '../../../src/core/common/session/docSchema'
import { roundResults } from '../../../src/core/common/voting/tally'
import { buildVotingSession } from './fixture'

/**
 * The tally takes a voter's role from the participant registry, never from the ballot (issue 22:
 * ballots from 30 non-existent voters added 600 votes because the tally believed the ballot).
 */
describe('tally: voters and their roles come from the participant registry', () => {
  it('ballots from voters who are not registered are not counted', () => {
    const { doc, ids } = buildVotingSession()
    const before = roundResults(doc, 'r1')
    for (let i = 0; i < 30; i++) {
      sessionMap(doc, 'ballots').set(ballotKey('r1', `ghost${i}`), {
        roundId: 'r1',
        participantId: `ghost${i}`,
        coproRole: 'service-user',
        cardIds: [ids.i1, ids.i1],
        castAt: 150,
      })
    }
    expect(roundResults(doc, 'r1')).toEqual(before)
  })

  it('a ballot claiming another role counts for the role in the registry', () => {
    const { doc, ids } = buildVotingSession()
    const before = roundResults(doc, 'r1')
    // st1 is frontline staff in the registry; the ballot says service user
    sessionMap(doc, 'ballots').set(ballotKey('r1', 'st1'), {
      roundId: 'r1',
      participantId: 'st1',
      coproRole: 'service-user',
      cardIds: [ids.i2, ids.i2],
      castAt: 150,
    })
    const after = roundResults(doc, 'r1')
    expect(after.votersByRole).toEqual(before.votersByRole)
    expect(after.cards).toEqual(before.cards)
  })
})
