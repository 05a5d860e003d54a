import type * as Y from 'yjs'
import { COPRO_ROLES, CARD_KINDS } from '../../src/shared/model'
import type { GridStructure } from '../../src/shared/model/structure'
import { by, person, SessionBuilder } from '../../test/fixtures/docs/sessionBuilder'

/**
 * The large session bench/export.ts and bench/office.ts export: a journey grid of 8 stages × 6 lanes,
 * 12 participants, `CARDS` cards with action→pain arrows and a closed voting round (a ballot per
 * participant) — one definition, so both benchmarks measure the same board.
 */
const stages = Array.from({ length: 8 }, (_, i) => ({
  id: `stage-${i}`,
  label: `Stage ${i + 1}`,
  prompt: '',
  easyRead: '',
  kinds: [],
  width: 1200,
}))
const lanes = Array.from({ length: 6 }, (_, i) => ({
  id: `lane-${i}`,
  label: `Lane ${i + 1}`,
  prompt: '',
  easyRead: '',
  kinds: [],
  height: 1200,
}))
const grid: GridStructure = {
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 80,
  laneHeaderWidth: 160,
  stages,
  lanes,
}

export function buildSession(CARDS: number): Y.Doc {
  const b = new SessionBuilder(grid, {
    sessionId: 'bench-5000',
    title: 'Benchmark session',
    templateId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  const people = Array.from({ length: 12 }, (_, i) =>
    person(`p${i}`, `Person ${i}`, COPRO_ROLES[i % COPRO_ROLES.length]!, {
      joinedAt: i,
      anonymous: i % 5 === 4,
    }),
  )
  const ids: string[] = []
  b.doc.transact(() => {
    for (const p of people) b.participant(p)
    for (let i = 0; i < CARDS; i++) {
      const kind = CARD_KINDS[i % CARD_KINDS.length]!
      const where = {
        type: 'cell' as const,
        stageId: stages[i % 8]!.id,
        laneId: lanes[Math.floor(i / 8) % 6]!.id,
      }
      const text =
        `Card ${i}: ${'something people said about this stage of the service '.repeat(1 + (i % 3))}`.trim()
      const extra = kind === 'action' ? { owner: `Owner ${i % 10}`, due: '2026-06-30' } : {}
      ids.push(b.card(where, kind, text, by(people[i % people.length]!, i % 7 === 0), extra))
    }
    for (let i = 0; i < 400; i++) {
      const action = ids[(i * 7 + 5) % ids.length]!
      const pain = ids[(i * 7) % ids.length]!
      b.arrow(action, pain)
    }
    b.round({
      id: 'r1',
      title: 'Priorities',
      status: 'closed',
      dotsPerPerson: 5,
      kinds: [],
      region: null,
      openedAt: 0,
      closedAt: 1,
    })
    people.forEach((p, i) =>
      b.ballot({
        roundId: 'r1',
        participantId: p.id,
        coproRole: p.coproRole,
        cardIds: [0, 1, 2, 3, 4].map((k) => ids[(i * 31 + k * 7) % ids.length]!),
        castAt: 0,
      }),
    )
  })
  return b.doc
}
