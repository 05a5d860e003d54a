/**
 * Office export benchmark (issue 17): the 5,000-card session of bench/export.ts (journey grid 8 × 6,
 * 12 participants, 400 arrows, a closed round) as a Word report (.docx) and a workbook (.xlsx),
 * model included. Target: DOCX + XLSX ≤ 3 s (median).
 *
 *   npx tsx bench/office.ts [cards=5000] [runs=5]
 */
import { performance } from 'node:perf_hooks'
import os from 'node:os'
import { buildExportModel } from '../src/core/common/export'
import { docxReport, xlsxWorkbook } from '../src/core/node/export/office'
import { buildSession } from './lib/bigSession'

const CARDS = Number(process.argv[2] ?? 5000)
const RUNS = Number(process.argv[3] ?? 5)

const doc = buildSession(CARDS)
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
