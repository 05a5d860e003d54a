#!/usr/bin/env node
// @ts-check
/**
 * `npm run deps`: the import-graph policy (ADR 0016) for the whole tree in one report — cycles, boundary
 * breaks and long files that no allowlist entry covers, and allowlist entries that are stale (to remove).
 * Exits 1 when there is anything to fix. Lint and test/unit/deps report the same problems; this is the
 * overview for whoever empties the allowlists in scripts/deps/policy.mjs.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import {
  buildImportGraph,
  collapseGraph,
  compareWithAllowlist,
  describeCycle,
  findBoundaryViolations,
  findCycles,
} from './importGraph.mjs'
import * as P from './policy.mjs'

const graph = buildImportGraph(P.ROOT, P.GRAPH_INCLUDE)
const files = compareWithAllowlist(findCycles(graph), P.KNOWN_FILE_CYCLES)
const folders = compareWithAllowlist(findCycles(collapseGraph(graph, P.folderOf)), P.KNOWN_FOLDER_CYCLES)
const violations = findBoundaryViolations(graph, P.BOUNDARIES).map((v) => ({
  ...v,
  key: `${v.from} → ${v.to}`,
}))

/** @type {string[]} */
const checked = []
/** @param {string} dir */
const walk = (dir) => {
  for (const e of readdirSync(path.join(P.ROOT, dir), { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const rel = `${dir}/${e.name}`
    if (e.isDirectory()) walk(rel)
    else if (P.LENGTH_CHECKED.test(rel)) checked.push(rel)
  }
}
for (const d of ['src', 'test', 'bench', 'scripts']) walk(d)
/** @param {string} f */
const lines = (f) => readFileSync(path.join(P.ROOT, f), 'utf8').replace(/\n$/, '').split('\n').length
const long = checked.filter((f) => lines(f) > P.MAX_LINES)

/** @type {[string, string[]][]} */
const sections = [
  ['File cycles (not allowlisted)', files.unexpected.map((c) => describeCycle(c))],
  ['Folder cycles (not allowlisted)', folders.unexpected.map((c) => describeCycle(c, 'folders'))],
  [
    'Boundary breaks (not allowlisted)',
    violations.filter((v) => !P.KNOWN_BOUNDARY_VIOLATIONS.includes(v.key)).map((v) => `${v.rule}: ${v.key}`),
  ],
  [`Files over ${P.MAX_LINES} lines (not allowlisted)`, long.filter((f) => !P.KNOWN_LONG_FILES.includes(f))],
  ['Stale KNOWN_FILE_CYCLES entries (remove or shrink)', files.stale.map((s) => s.files.join(', '))],
  ['Stale KNOWN_FOLDER_CYCLES entries (remove or shrink)', folders.stale.map((s) => s.files.join(', '))],
  [
    'Stale KNOWN_BOUNDARY_VIOLATIONS entries (remove)',
    P.KNOWN_BOUNDARY_VIOLATIONS.filter((k) => !violations.some((v) => v.key === k)),
  ],
  ['Stale KNOWN_LONG_FILES entries (remove)', P.KNOWN_LONG_FILES.filter((f) => !long.includes(f))],
]

let problems = 0
const edges = [...graph.edges.values()].reduce((n, e) => n + e.length, 0)
console.log(`Import graph of ${P.GRAPH_INCLUDE.join(', ')}: ${graph.files.length} files, ${edges} imports.`)
for (const [title, items] of sections) {
  if (items.length === 0) continue
  problems += items.length
  console.log(`\n${title}:`)
  for (const i of items) console.log(`  ${i}`)
}
const listed =
  P.KNOWN_FILE_CYCLES.length +
  P.KNOWN_FOLDER_CYCLES.length +
  P.KNOWN_BOUNDARY_VIOLATIONS.length +
  P.KNOWN_LONG_FILES.length
console.log(
  `\n${problems === 0 ? 'OK' : `${problems} to fix`}; ${listed} allowlist entries left in scripts/deps/policy.mjs.`,
)
process.exit(problems === 0 ? 0 : 1)
