/**
 * "Suggest themes" benchmark: suggestThemes on 500 and 2,000 cards made from the labelled workshop
 * fixture (test/fixtures/themes/workshop-cards.json), each card its fixture text plus two to five
 * words drawn deterministically from the fixture's vocabulary, so no two cards are the same.
 * Targets (issue 17): 500 cards ≤ 1 s, 2,000 cards ≤ 5 s, median of the runs. Also prints the
 * agreement with the hand labels on the fixture itself (precision, recall, purity, adjusted Rand).
 *
 *   npx tsx bench/themes.ts [runs=5]
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { fixture } from '../test/fixtures/themes/workshopCards'
import { agreement } from '../test/fixtures/themes/metrics'
import { suggestThemes, type SuggestCard } from '../src/core/common/themes/suggest'

const RUNS = Number(process.argv[2] ?? 5)
const vocabulary = [...new Set(fixture.cards.flatMap((c) => c.text.toLowerCase().split(/\s+/)))].sort()

function cards(n: number): SuggestCard[] {
  let seed = 12345
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  return Array.from({ length: n }, (_, i) => {
    const base = fixture.cards[i % fixture.cards.length]!.text
    const extra = Array.from(
      { length: 2 + (i % 4) },
      () => vocabulary[Math.floor(rand() * vocabulary.length)],
    )
    return { id: `card-${i}`, text: `${base} ${extra.join(' ')}` }
  })
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const results: Record<string, unknown> = {}
for (const [n, targetMs] of [
  [500, 1000],
  [2000, 5000],
] as const) {
  const input = cards(n)
  const times: number[] = []
  let proposals = 0
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now()
    proposals = suggestThemes(input).themes.length
    times.push(performance.now() - t)
  }
  const med = median(times)
  results[`suggest${n}`] = { cards: n, medianMs: Math.round(med), targetMs, ok: med <= targetMs, proposals }
  console.log(
    `suggest themes, ${n} cards: median ${med.toFixed(0)} ms (target ≤ ${targetMs} ms), ${proposals} proposals`,
  )
}

const labelled = fixture.cards.map((c, i) => ({ id: `c${i}`, text: c.text }))
const a = agreement(
  new Map(fixture.cards.map((c, i) => [`c${i}`, c.theme])),
  suggestThemes(labelled).themes.map((t) => t.cardIds),
)
results.fixture = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))
console.log('agreement with the labelled fixture:', results.fixture)
const cpus = os.cpus()
results.machine = { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version }
results.date = new Date().toISOString()
console.log(JSON.stringify(results))
if (
  Object.values(results).some(
    (r) => typeof r === 'object' && r !== null && (r as { ok?: boolean }).ok === false,
  )
)
  process.exitCode = 1
