import type * as Y from 'yjs'
import { by, person, SessionBuilder } from '../../fixtures/docs/sessionBuilder'
import type { GridStructure } from '../../../src/shared/model/structure'
import type { Ballot } from '../../../src/core/common/voting/ballots'
import { VotingRound } from '../../../src/core/common/voting/round'

const item = (id: string, label: string) => ({ id, label, prompt: '', easyRead: '', kinds: [] })

export const GRID: GridStructure = {
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 80,
  laneHeaderWidth: 160,
  stages: [
    { ...item('s1', 'Getting help'), width: 400 },
    { ...item('s2', 'Afterwards'), width: 400 },
  ],
  lanes: [{ ...item('l1', 'Everyone'), height: 800 }],
}

const cell = (stageId: string) => ({ type: 'cell' as const, stageId, laneId: 'l1' })

/**
 * Twelve front-line staff and four service users (plus a carer who says nothing, a facilitator and an
 * observer). Round r1: ideas in stage s1, 2 dots each. r2 is still open.
 *
 *   su1 [i1 i1]  su2 [i1 i1]  su3 [i1 i2]  su4 [i1 i3]      i3 is in s2: outside the region
 *   st1..st10 [i2 i2]  st11 [i2 p1]                         p1 is a pain: not votable
 *   st12 [i1 i2 i2]                                         3rd dot ignored (2 per person)
 *   carer: ballot in open round r2 → ignored
 *   mgr: ballot stored under a key that is not its own → invalid
 *
 * By hand: i2 = 23 (service users 1, staff 22); i1 = 7 (service users 6, staff 1).
 */
export function buildVotingSession(opts: { region: boolean } = { region: true }): {
  doc: Y.Doc
  ids: Record<string, string>
} {
  const b = new SessionBuilder(GRID, {
    sessionId: 'facil-fixture',
    title: 'Facilitation fixture',
    templateId: null,
    createdAt: '2026-01-01T09:00:00.000Z',
  })
  let t = 1
  const su = [1, 2, 3, 4].map((i) => person(`su${i}`, `SU ${i}`, 'service-user', { joinedAt: t++ }))
  const st = Array.from({ length: 12 }, (_, i) =>
    person(`st${i + 1}`, `Staff ${i + 1}`, 'frontline-staff', { joinedAt: t++ }),
  )
  const carer = person('carer', 'Carer', 'carer-family', { joinedAt: t++ })
  const mgr = person('mgr', 'Manager', 'manager-commissioner', { joinedAt: t++ })
  const fac = person('fac', 'Fac', 'facilitator', { sessionRole: 'facilitator', joinedAt: t++ })
  const obs = person('obs', 'Obs', 'community-volunteer', { sessionRole: 'observer', joinedAt: t++ })
  for (const p of [...su, ...st, carer, mgr, fac, obs]) b.participant(p)

  const ids: Record<string, string> = {}
  ids.i1 = b.card(cell('s1'), 'idea', 'Easier forms please', by(su[0]!))
  ids.i2 = b.card(cell('s1'), 'idea', 'More home visits', by(st[0]!))
  ids.i3 = b.card(cell('s2'), 'idea', 'Text reminders', by(st[1]!))
  ids.p1 = b.card(cell('s1'), 'pain', 'Long waits', by(st[2]!))

  const r1: VotingRound = VotingRound.parse({
    id: 'r1',
    title: 'Best ideas',
    status: 'closed',
    dotsPerPerson: 2,
    kinds: ['idea'],
    region: opts.region ? { type: 'stage', stageId: 's1' } : null,
    openedAt: 100,
    closedAt: 200,
  })
  const r2: VotingRound = { ...r1, id: 'r2', status: 'open', closedAt: null, openedAt: 300 }
  b.round(r1).round(r2)
  const ballot = (roundId: string, p: { id: string; coproRole: Ballot['coproRole'] }, cards: string[]) =>
    b.ballot({
      roundId,
      participantId: p.id,
      coproRole: p.coproRole,
      cardIds: cards.map((c) => ids[c]!),
      castAt: 150,
    })
  ballot('r1', su[0]!, ['i1', 'i1'])
  ballot('r1', su[1]!, ['i1', 'i1'])
  ballot('r1', su[2]!, ['i1', 'i2'])
  ballot('r1', su[3]!, ['i1', 'i3'])
  for (let i = 0; i < 10; i++) ballot('r1', st[i]!, ['i2', 'i2'])
  ballot('r1', st[10]!, ['i2', 'p1'])
  ballot('r1', st[11]!, ['i1', 'i2', 'i2'])
  ballot('r2', carer, ['i1'])
  b.doc.getMap('ballots').set('r1/someone-else', {
    roundId: 'r1',
    participantId: 'mgr',
    coproRole: 'manager-commissioner',
    cardIds: [ids.i1, ids.i1],
    castAt: 150,
  })
  return { doc: b.doc, ids }
}
