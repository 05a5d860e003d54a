/**
 * Export benchmark: a 5,000-card session (journey grid 8 stages × 6 lanes, 12 participants,
 * 400 action→pain arrows, a closed voting round with a ballot per participant) exported to every
 * text format: model + JSON + cards.csv + actions.csv + Markdown + HTML. Target ≤ 1 s.
 *
 *   npx tsx bench/export.ts [cards=5000] [runs=7]
 */
import { performance } from 'node:perf_hooks'
import {
  actionsCsv,
  buildExportModel,
  cardsCsv,
  htmlReport,
  jsonExport,
  markdownReport,
} from '../src/core/common/export'
import { buildSession } from './lib/bigSession'

const CARDS = Number(process.argv[2] ?? 5000)
const RUNS = Number(process.argv[3] ?? 7)

const t0 = performance.now()
const doc = buildSession(CARDS)
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
