/**
 * The outline model (issue 9) for a 2,000-card journey map, in Node: `npx tsx bench/outline-model.ts`.
 * This is the pure part of every outline update (attribute every card to its cell, sort, label); the
 * browser part is in bench/outline-chromium.ts.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { CardRecord } from '../src/core/common/cards/cardRecord'
import { instantiateTemplate } from '../src/core/common/templates/instantiate'
import { parseTemplate } from '../src/core/common/templates/parse'
import { buildOutline } from '../src/renderer/features/outline/outlineModel'

const CARDS = Number(process.env.BENCH_CARDS ?? 2000)
const parsed = parseTemplate(readFileSync('workshop-templates/service-journey-map.json', 'utf8'))
if (!parsed.ok) throw new Error('the journey map template does not parse')
const { structure } = instantiateTemplate(parsed.template)
const kinds = ['pain', 'gain', 'contribution', 'idea', 'question', 'action', 'quote'] as const
const cards: CardRecord[] = Array.from({ length: CARDS }, (_, i) => ({
  id: `shape:c${i}`,
  typeName: 'shape',
  type: 'card',
  x: (i * 37) % 6000,
  y: (i * 53) % 3000,
  rotation: 0,
  parentId: 'page:page',
  isLocked: false,
  meta: {},
  props: {
    w: 200,
    h: 140,
    kind: kinds[i % kinds.length]!,
    text: `Card ${i}: something people said about the service`,
    authorId: `p${i % 12}`,
    authorRole: 'service-user',
    authorName: '',
    createdAt: i,
    owner: '',
    due: '',
  },
}))

const times: number[] = []
for (let run = 0; run < 60; run++) {
  const t = performance.now()
  buildOutline(structure, cards, { easyRead: run % 2 === 0, meId: 'p1' })
  times.push(performance.now() - t)
}
const sorted = times.slice(10).sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]!
console.log(
  JSON.stringify({
    bench: 'outline-model',
    cards: CARDS,
    medianMs: median,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)],
  }),
)
console.log(`outline model for ${CARDS} cards: median ${median.toFixed(2)} ms per rebuild`)
