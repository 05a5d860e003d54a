import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { buildGridSession, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

/**
 * Round r1 of the grid fixture, counted by hand (pains only, 3 dots each):
 *   ana   SU  c1 c2 c4
 *   anon  SU  c2 c2 c3
 *   carer CF  c2 c4 c4 (c1)       4th dot ignored
 *   staff FS  c5 c1 c2
 *   mgr   MC  c5 c5 (c9)          c9 is an idea: not votable in r1
 *   layla CV  c4 c3 (c14)         c14 belongs to a withdrawn participant
 *   gone  FS  (c5 c5 c5)          withdrawn voter: ballot ignored
 *   ana   r2  (c9)                r2 is still open: ignored
 */
const EXPECTED: Record<string, { total: number; byRole: Record<string, number> }> = {
  c1: { total: 2, byRole: { 'service-user': 1, 'frontline-staff': 1 } },
  c2: { total: 5, byRole: { 'service-user': 3, 'carer-family': 1, 'frontline-staff': 1 } },
  c3: { total: 2, byRole: { 'service-user': 1, 'community-volunteer': 1 } },
  c4: { total: 4, byRole: { 'service-user': 1, 'carer-family': 2, 'community-volunteer': 1 } },
  c5: { total: 3, byRole: { 'frontline-staff': 1, 'manager-commissioner': 2 } },
}

const ROLES = [
  'service-user',
  'carer-family',
  'frontline-staff',
  'manager-commissioner',
  'community-volunteer',
  'facilitator',
]

describe('vote tally by role (hand-computed)', () => {
  const { doc, ids } = buildGridSession()
  const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
  const byId = new Map(m.cards.map((c) => [c.id, c]))

  it('counts each pain card by the voters’ roles', () => {
    for (const [key, want] of Object.entries(EXPECTED)) {
      const card = byId.get(ids[key]!)!
      expect(card.votes.total, key).toBe(want.total)
      for (const r of ROLES)
        expect(card.votes.byRole[r as 'service-user'], `${key} ${r}`).toBe(want.byRole[r] ?? 0)
    }
  })

  it('gives no votes to cards outside the round or to other kinds', () => {
    for (const key of ['c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12', 'c13', 'c15', 'c16'])
      expect(byId.get(ids[key]!)!.votes.total, key).toBe(0)
  })

  it('totals dots cast per role in the voice balance', () => {
    const votes = Object.fromEntries(m.voiceBalance.byRole.map((t) => [t.coproRole, t.votes]))
    expect(votes).toEqual({
      'service-user': 6,
      'carer-family': 3,
      'frontline-staff': 3,
      'manager-commissioner': 2,
      'community-volunteer': 2,
      facilitator: 0,
    })
    expect(m.voiceBalance.byRole.find((t) => t.coproRole === 'service-user')!.voteShare).toBe(0.375)
  })

  it('reports rounds with the ballots counted', () => {
    expect(m.votingRounds).toEqual([
      expect.objectContaining({
        id: 'r1',
        status: 'closed',
        ballotsCounted: 6,
        closedAt: '2026-01-01T11:10:00.000Z',
      }),
      expect.objectContaining({ id: 'r2', status: 'open', ballotsCounted: 0, closedAt: null }),
    ])
    expect(m.omitted.withdrawnBallots).toBe(1)
  })
})
