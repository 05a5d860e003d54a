/**
 * Office export benchmark (issue 17): the 5,000-card session of bench/export.ts (journey grid 8 × 6,
 * 12 participants, 400 arrows, a closed round) as a Word report (.docx) and a workbook (.xlsx),
 * model included. Target: DOCX + XLSX ≤ 3 s (median).
 *
 *   npx tsx bench/office.ts [cards=5000] [runs=5]
 */
import { performance } from 'node:perf_hooks'
import { COPRO_ROLES, CARD_KINDS } from '../src/shared/model'
import type { GridStructure } from '../src/shared/model/structure'
import os from 'node:os'
import { buildExportModel } from '../src/core/common/export'
import { docxReport, xlsxWorkbook } from '../src/core/node/export/office'
import { by, person, SessionBuilder } from '../test/fixtures/docs/sessionBuilder'

const CARDS = Number(process.argv[2] ?? 5000)
const RUNS = Number(process.argv[3] ?? 5)

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

const doc = buildSession()
const samples = { model: [] as number[], docx: [] as number[], xlsx: [] as number[], total: [] as number[] }
let bytes = 0
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now()
  const m = buildExportModel(doc, { generatedAt: '2026-01-02T00:00:00.000Z', appVersion: 'bench' })
  const t1 = performance.now()
  const d = await docxReport(m)
  const t2 = performance.now()
  const x = await xlsxWorkbook(m)
  const t3 = performance.now()
  samples.model.push(t1 - t0)
  samples.docx.push(t2 - t1)
  samples.xlsx.push(t3 - t2)
  samples.total.push(t3 - t0)
  bytes = d.length + x.length
  if (m.cards.length !== CARDS) throw new Error(`expected ${CARDS} cards, got ${m.cards.length}`)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const out = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))]))
const cpus = os.cpus()
console.log(
  `office export, ${CARDS} cards: model ${out.model} ms, docx ${out.docx} ms, xlsx ${out.xlsx} ms, total ${out.total} ms (target ≤ 3000), ${Math.round(bytes / 1024)} kB`,
)
console.log(
  JSON.stringify({
    cards: CARDS,
    runs: RUNS,
    medianMs: out,
    ok: out.total! <= 3000,
    machine: { cpu: cpus[0]?.model, cores: cpus.length, node: process.version },
    date: new Date().toISOString(),
  }),
)
if (out.total! > 3000) process.exitCode = 1
