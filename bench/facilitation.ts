/**
 * How long the live facilitation reads take on a big board (they run after document updates).
 *   npx tsx bench/facilitation.ts
 */
import { by, person, SessionBuilder } from '../test/fixtures/docs/sessionBuilder'
import { selectCards } from '../src/core/common/cards/cardRecord'
import { liveVoiceBalance, readBalanceMaps } from '../src/core/common/export/liveBalance'
import { buildExportModel } from '../src/core/common/export/model'
import { readRecords } from '../src/core/common/session/read'
import { roundResults } from '../src/core/common/voting/tally'
import { COPRO_ROLES } from '../src/shared/model/roles'

const stages = Array.from({ length: 8 }, (_, i) => ({
  id: `s${i}`,
  label: `Stage ${i}`,
  prompt: '',
  easyRead: '',
  kinds: [],
  width: 600,
}))
const lanes = Array.from({ length: 4 }, (_, i) => ({
  id: `l${i}`,
  label: `Lane ${i}`,
  prompt: '',
  easyRead: '',
  kinds: [],
  height: 800,
}))

for (const n of [500, 2000, 5000]) {
  const b = new SessionBuilder(
    { type: 'grid', x: 0, y: 0, headerHeight: 80, laneHeaderWidth: 160, stages, lanes },
    { sessionId: 'bench-facil', title: 'Bench', templateId: null, createdAt: '2026-01-01T00:00:00.000Z' },
  )
  const people = Array.from({ length: 60 }, (_, i) =>
    person(`p${i}`, `P ${i}`, COPRO_ROLES[i % 5]!, { joinedAt: i }),
  )
  for (const p of people) b.participant(p)
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    ids.push(
      b.card(
        { x: 160 + (i % 80) * 60, y: 80 + Math.floor(i / 80) * 50 },
        i % 3 ? 'idea' : 'pain',
        `card ${i} with a few words`,
        by(people[i % 60]!),
      ),
    )
  }
  b.round({
    id: 'r1',
    title: 'q',
    status: 'closed',
    dotsPerPerson: 5,
    kinds: [],
    region: null,
    openedAt: 1,
    closedAt: 2,
  })
  for (const p of people)
    b.ballot({
      roundId: 'r1',
      participantId: p.id,
      coproRole: p.coproRole,
      cardIds: ids.slice(0, 5),
      castAt: 3,
    })
  const time = (f: () => unknown) => {
    f()
    const t = performance.now()
    const runs = 10
    for (let i = 0; i < runs; i++) f()
    return ((performance.now() - t) / runs).toFixed(1)
  }
  // The panel holds the store's validated cards; it re-reads only the small maps. Reference: the export
  // model's voice balance (re-reading and re-parsing every record), which the panel used to rebuild.
  const cards = selectCards(readRecords(b.doc)).cards
  const model = () =>
    buildExportModel(b.doc, { generatedAt: new Date(0).toISOString(), appVersion: 'bench' }).voiceBalance
  console.log(
    `${n} cards, 60 ballots: liveVoiceBalance ${time(() => liveVoiceBalance(readBalanceMaps(b.doc), cards))} ms (export model's voice balance, reference: ${time(model)} ms), roundResults ${time(() => roundResults(b.doc, 'r1'))} ms`,
  )
}
