/**
 * Template and structure benchmarks: parsing shipped templates, attributing many cards, structure edits.
 * Run: npx tsx bench/templates.ts
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { attributeCards } from '../src/core/common/structure/attribution'
import { applyStructureEdit } from '../src/core/common/structure/edits'
import { parseTemplate } from '../src/core/common/templates/parse'
import type { GridStructure } from '../src/shared/model/structure'

function time(label: string, runs: number, fn: () => void): void {
  fn() // warm up
  const t0 = performance.now()
  for (let i = 0; i < runs; i++) fn()
  const ms = (performance.now() - t0) / runs
  console.log(`${label.padEnd(58)} ${ms.toFixed(3)} ms/run (${runs} runs)`)
}

const dir = join(import.meta.dirname, '../workshop-templates')
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(dir, f), 'utf8'))
time(`parse + validate all ${texts.length} shipped templates`, 50, () => {
  for (const t of texts) if (!parseTemplate(t).ok) throw new Error('invalid')
})

const bigText = JSON.stringify({ purpose: 'x'.repeat(1000 * 1000) })
time('reject a ~1 MB file with one huge string (schema errors)', 20, () => void parseTemplate(bigText))
const deep = '['.repeat(10_000) + ']'.repeat(10_000)
time('reject 10,000 levels of nesting', 200, () => void parseTemplate(deep))

const item = (id: string) => ({ id, label: id, prompt: '', easyRead: '', kinds: [] })
const grid: GridStructure = {
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 180,
  laneHeaderWidth: 300,
  stages: Array.from({ length: 49 }, (_, i) => ({ ...item(`s${i}`), width: 480 })),
  lanes: Array.from({ length: 50 }, (_, i) => ({ ...item(`l${i}`), height: 340 })),
}
const cards = Array.from({ length: 10_000 }, (_, i) => ({
  id: `c${i}`,
  x: (i * 7919) % 24_500,
  y: (i * 104_729) % 17_200,
  w: 200,
  h: 140,
}))
time('attribute 10,000 cards on a 49 × 50 grid', 50, () => void attributeCards(grid, cards))
time('add a stage at index 0 with 10,000 cards (49 × 50 grid)', 20, () => {
  const r = applyStructureEdit(grid, cards, {
    type: 'addStage',
    index: 0,
    stage: { id: 'new', label: 'New', width: 400 },
  })
  if (!r.ok) throw new Error(r.message)
})
time('remove a stage with 10,000 cards (49 × 50 grid)', 20, () => {
  const r = applyStructureEdit(grid, cards, { type: 'removeStage', id: 's10' })
  if (!r.ok) throw new Error(r.message)
})
