import { describe, expect, it } from 'vitest'
import { selectCards } from '../../../src/core/common/cards/cardRecord'
import { liveVoiceBalance, readBalanceMaps } from '../../../src/core/common/export/liveBalance'
import { buildExportModel } from '../../../src/core/common/export/model'
import { readRecords } from '../../../src/core/common/session/read'
import { buildVotingSession } from './fixture'

const live = (doc: Parameters<typeof readBalanceMaps>[0]) =>
  liveVoiceBalance(readBalanceMaps(doc), selectCards(readRecords(doc)).cards)

/**
 * Voice balance of the fixture without a region (so every idea dot counts), by hand:
 *   cards: service user 1 (i1, 3 words, s1); staff 3 (i2 s1 3 words, i3 s2 2 words, p1 s1 2 words)
 *   dots:  service users 8 (su1 2, su2 2, su3 2, su4 2); staff 23 (st1–10 20, st11 1, st12 2)
 *          in s1: SU 7 (i1 ×6, i2 ×1), staff 23; in s2: SU 1 (i3)
 *   expected roles: service user, carer/family, staff, manager (not facilitators or observers)
 */
describe('live voice balance (hand-computed fixture)', () => {
  const doc = buildVotingSession({ region: false }).doc
  const vb = live(doc)
  const row = (r: string) => vb.byRole.find((x) => x.coproRole === r)!

  it('counts cards, dots and words per role', () => {
    expect(row('service-user')).toMatchObject({ cards: 1, votes: 8, words: 3, participants: 4 })
    expect(row('frontline-staff')).toMatchObject({ cards: 3, votes: 23, words: 7, participants: 12 })
    expect(row('carer-family')).toMatchObject({ cards: 0, votes: 0, words: 0, participants: 1 })
    expect(row('service-user').cardShare).toBe(0.25)
  })

  it('per stage, and who has not yet been heard there', () => {
    expect(vb.expectedRoles).toEqual([
      'service-user',
      'carer-family',
      'frontline-staff',
      'manager-commissioner',
    ])
    const s1 = vb.byArea.find((a) => a.id === 's1')!
    const s2 = vb.byArea.find((a) => a.id === 's2')!
    const at = (a: typeof s1, r: string) => a.byRole.find((x) => x.coproRole === r)!
    expect(at(s1, 'service-user')).toMatchObject({ cards: 1, votes: 7, words: 3 })
    expect(at(s1, 'frontline-staff')).toMatchObject({ cards: 2, votes: 23, words: 5 })
    expect(at(s2, 'service-user')).toMatchObject({ cards: 0, votes: 1 })
    expect(s1.notYetHeard).toEqual(['carer-family', 'manager-commissioner'])
    expect(s2.notYetHeard).toEqual(['service-user', 'carer-family', 'manager-commissioner'])
  })

  it("is the export model's voice balance, computed from the cards and the small maps", () => {
    expect(vb).toEqual(
      buildExportModel(doc, { generatedAt: new Date(0).toISOString(), appVersion: 't' }).voiceBalance,
    )
  })

  it('leaves out the cards and votes of a participant who withdrew', () => {
    const maps = readBalanceMaps(doc)
    const cards = selectCards(readRecords(doc)).cards
    const someone = cards.find((c) => c.props.authorRole === 'service-user')!.props.authorId
    const without = liveVoiceBalance({ ...maps, withdrawn: new Set([...maps.withdrawn, someone]) }, cards)
    expect(without.byRole.find((x) => x.coproRole === 'service-user')!.cards).toBe(0)
  })
})
