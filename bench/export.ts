/**
 * Export benchmark: a 5,000-card session (journey grid 8 stages × 6 lanes, 12 participants,
 * 400 action→pain arrows, a closed voting round with a ballot per participant) exported to every
 * text format: model + JSON + cards.csv + actions.csv + Markdown + HTML. Target ≤ 1 s.
 *
 *   npx tsx bench/export.ts [cards=5000] [runs=7]
 */
import { performance } from 'node:perf_hooks'
import { COPRO_ROLES, CARD_KINDS } from '../src/shared/model'
import type { GridStructure } from '../src/shared/model/structure'
import {
  actionsCsv,
  buildExportModel,
  cardsCsv,
  htmlReport,
  jsonExport,
  markdownReport,
} from '../src/core/common/export'
import { by, person, SessionBuilder } from '../test/fixtures/docs/sessionBuilder'

const CARDS = Number(process.argv[2] ?? 5000)
const RUNS = Number(process.argv[3] ?? 7)

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

function buildSession() {
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

const t0 = performance.now()
const doc = buildSession()
const buildMs = performance.now() - t0

const stepNames = ['model', 'json', 'cards.csv', 'actions.csv', 'markdown', 'html', 'total'] as const
const samples: Record<(typeof stepNames)[number], number[]> = Object.fromEntries(
  stepNames.map((n) => [n, []]),
) as never
let bytes = 0
for (let run = 0; run < RUNS; run++) {
  const start = performance.now()
  let t = start
  const lap = (name: (typeof stepNames)[number]) => {
    const now = performance.now()
    samples[name].push(now - t)
    t = now
  }
  const m = buildExportModel(doc, { generatedAt: '2026-01-02T00:00:00.000Z', appVersion: 'bench' })
  lap('model')
  const out = [jsonExport(m)]
  lap('json')
  out.push(cardsCsv(m))
  lap('cards.csv')
  out.push(actionsCsv(m))
  lap('actions.csv')
  out.push(markdownReport(m))
  lap('markdown')
  out.push(htmlReport(m))
  lap('html')
  samples.total.push(performance.now() - start)
  bytes = out.reduce((n, s) => n + Buffer.byteLength(s), 0)
  if (m.cards.length !== CARDS) throw new Error(`expected ${CARDS} cards, got ${m.cards.length}`)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}
console.log(
  `export benchmark: ${CARDS} cards, ${RUNS} runs (doc built in ${buildMs.toFixed(0)} ms, not timed)`,
)
for (const n of stepNames)
  console.log(`  ${n.padEnd(12)} median ${median(samples[n]).toFixed(1).padStart(7)} ms`)
console.log(
  `  output ${(bytes / 1024 / 1024).toFixed(2)} MB in 6 files; target total ≤ 1000 ms: ${median(samples.total) <= 1000 ? 'met' : 'NOT met'}`,
)
