/**
 * Card flow benchmarks (issue 14 §9), run with `npx tsx bench/placement.ts` (`--json`: only the JSON
 * line). Each figure is the whole path on the facilitator's client without the DOM: read the cards
 * from the tldraw store, plan (src/core/common/structure/flow.ts), and write the moves back as one
 * store batch through the binding into the Yjs document.
 *
 * 1. Tidy the whole board: 2,000 cards scattered over the Service Journey Map (5 × 6 cells), target
 *    ≤ 200 ms.
 * 2. A guest burst: 100 cards arrive at once (remote) in the first slots of ten cells of a board that
 *    already holds 600 settled cards; the facilitator's board settles them (lanes may grow), target
 *    ≤ 50 ms.
 */
import os from 'node:os'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { TLRecord } from 'tldraw'
import { bindStoreToDoc } from '../src/renderer/board/sync/binding'
import { createBoardStore, initialBoardRecords } from '../src/renderer/board/shapes/boardSchema'
import { cardRecord } from '../test/integration/board/cards'
import { parseTemplate } from '../src/core/common/templates/parse'
import { instantiateTemplate } from '../src/core/common/templates/instantiate'
import { cellRect } from '../src/core/common/structure/attribution'
import {
  nextSlot,
  settleArrivals,
  tidyBoard,
  type FlowCard,
  type FlowPlan,
} from '../src/core/common/structure/placement'
import type { BoardStructure, CellRef, GridStructure } from '../src/shared/model/structure'

process.env.NODE_ENV = process.env.BENCH_NODE_ENV ?? 'production'
const g = globalThis as { requestAnimationFrame?: (cb: () => void) => unknown }
g.requestAnimationFrame ??= (cb) => setTimeout(cb, 16)

const json = process.argv.includes('--json')
const runs = Number(process.env.BENCH_RUNS ?? 15)
const log = (...a: unknown[]) => {
  if (!json) console.log(...a)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (n: number) => `${n.toFixed(1)} ms`

const parsed = parseTemplate(
  readFileSync(join(import.meta.dirname, '../workshop-templates/service-journey-map.json'), 'utf8'),
)
if (!parsed.ok) throw new Error('the Service Journey Map template does not parse')
const sjm = instantiateTemplate(parsed.template).structure as GridStructure
const cells: CellRef[] = sjm.stages.flatMap((s) =>
  sjm.lanes.map((l) => ({ type: 'cell' as const, stageId: s.id, laneId: l.id })),
)

/** A store bound to a fresh document, holding `recs`. */
function boardWith(recs: TLRecord[]) {
  const doc = new Y.Doc()
  const store = createBoardStore()
  const binding = bindStoreToDoc({ store, doc, seed: initialBoardRecords })
  store.put(recs)
  store._flushHistory()
  return { store, binding }
}

/** What the facilitator's board reads: every card's box (record x, y and props w, h). */
function readCards(store: ReturnType<typeof createBoardStore>): FlowCard[] {
  const out: FlowCard[] = []
  for (const r of store.allRecords()) {
    if (r.typeName !== 'shape' || (r as { type: string }).type !== 'card') continue
    const s = r as unknown as { id: string; x: number; y: number; props: { w: number; h: number } }
    out.push({ id: s.id, x: s.x, y: s.y, w: s.props.w, h: s.props.h })
  }
  return out
}

/** Writes a plan's moves as one store batch (through the binding into the document). */
function apply(store: ReturnType<typeof createBoardStore>, plan: FlowPlan): void {
  const updates: TLRecord[] = []
  for (const m of plan.moves) {
    const rec = store.get(m.id as TLRecord['id']) as (TLRecord & { props: object }) | undefined
    if (!rec) continue
    updates.push({ ...rec, x: m.x, y: m.y, props: { ...rec.props, w: m.w, h: m.h } } as TLRecord)
  }
  store.put(updates)
  store._flushHistory()
}

// 1. Tidy a 2,000-card board
function scattered(n: number): TLRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const r = cellRect(sjm, cells[i % cells.length]!)!
    const fx = ((i * 7919) % 997) / 997
    const fy = ((i * 104_729) % 991) / 991
    return cardRecord(
      `t${i}`,
      { text: `Card ${i}`, kind: 'idea' },
      {
        x: r.x + fx * (r.w - 200),
        y: r.y + fy * (r.h - 140),
      },
    ) as TLRecord
  })
}
const tidyTimes: number[] = []
let tidyMoves = 0
for (let run = 0; run <= runs; run++) {
  const { store, binding } = boardWith(scattered(2000))
  const t0 = performance.now()
  const plan = tidyBoard(sjm, readCards(store), { canGrow: false })
  apply(store, plan)
  const t = performance.now() - t0
  binding.destroy()
  tidyMoves = plan.moves.length
  if (run > 0) tidyTimes.push(t) // the first run warms up
}
log(`tidy a 2,000-card board (SJM, ${tidyMoves} cards moved): median ${ms(median(tidyTimes))} of ${runs}`)

// 2. A guest burst of 100 cards
function settledBoard(s: BoardStructure): FlowCard[] {
  // 600 cards already in flow: 20 in each cell, placed one by one as the board would
  const out: FlowCard[] = []
  for (const cell of cells) {
    const inCell: FlowCard[] = []
    for (let k = 0; k < 20; k++) inCell.push({ id: `s${out.length + k}`, ...nextSlot(s, cell, inCell)! })
    out.push(...inCell)
  }
  return out
}
const base = tidyBoard(sjm, settledBoard(sjm), { canGrow: true })
const baseStructure = base.structure ?? sjm
const baseCards = (() => {
  const byId = new Map(base.moves.map((m) => [m.id, m]))
  return settledBoard(sjm).map((c) => byId.get(c.id) ?? c)
})()
const burstTimes: number[] = []
let burstMoves = 0
let grew = false
for (let run = 0; run <= runs; run++) {
  const recs = baseCards.map(
    (c) => ({ ...cardRecord(c.id, { kind: 'idea', w: c.w, h: c.h }, { x: c.x, y: c.y }) }) as TLRecord,
  )
  const { store, binding } = boardWith(recs)
  // the burst: 100 phone cards, 10 in each of ten cells, each written where nextSlot said
  const burst: TLRecord[] = []
  for (let k = 0; k < 100; k++) {
    const cell = cells[(k % 10) * 3]!
    const r = cellRect(baseStructure, cell)!
    burst.push(
      cardRecord(
        `g${k}`,
        { kind: 'pain', text: `Guest card ${k}` },
        { x: r.x + 20, y: r.y + 20 },
      ) as TLRecord,
    )
  }
  store.mergeRemoteChanges(() => store.put(burst))
  store._flushHistory()
  const t0 = performance.now()
  const plan = settleArrivals(
    baseStructure,
    readCards(store),
    burst.map((b) => ({ id: b.id })),
    { canGrow: true },
  )
  apply(store, plan)
  const t = performance.now() - t0
  binding.destroy()
  burstMoves = plan.moves.length
  grew = plan.structure !== null
  if (run > 0) burstTimes.push(t)
}
log(
  `settle a burst of 100 guest cards (600 on the board, ${burstMoves} moves, lanes grew: ${grew}): median ${ms(median(burstTimes))} of ${runs}`,
)

const result = {
  bench: 'placement',
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
  date: new Date().toISOString(),
  runs,
  tidy2000: { medianMs: median(tidyTimes), moves: tidyMoves, targetMs: 200 },
  burst100: { medianMs: median(burstTimes), moves: burstMoves, laneGrew: grew, targetMs: 50 },
}
console.log(JSON.stringify(result))
