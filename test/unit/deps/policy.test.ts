import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import {
  buildImportGraph,
  collapseGraph,
  compareWithAllowlist,
  describeCycle,
  findBoundaryViolations,
  findCycles,
} from '../../../scripts/deps/importGraph.mjs'
import {
  BOUNDARIES,
  folderOf,
  GRAPH_INCLUDE,
  KNOWN_BOUNDARY_VIOLATIONS,
  KNOWN_FILE_CYCLES,
  KNOWN_FOLDER_CYCLES,
  KNOWN_LONG_FILES,
  LENGTH_CHECKED,
  MAX_LINES,
  ROOT,
} from '../../../scripts/deps/policy.mjs'

/**
 * The repository against its import and size policy (scripts/deps/policy.mjs, ADR 0016). ESLint reports the
 * same problems import by import; this test also fails when an allowlist entry is stale, so the lists only
 * shrink, and when the checker or its wiring stops seeing anything.
 */
const graph = buildImportGraph(ROOT, GRAPH_INCLUDE)

describe('the import graph of src/', () => {
  it('is not empty: the checker sees the imports (a checker that sees nothing passes vacuously)', () => {
    const edges = [...graph.edges.values()].flat()
    expect(graph.files.length).toBeGreaterThan(200)
    expect(edges.length).toBeGreaterThan(graph.files.length)
    expect(edges.some((e) => e.typeOnly)).toBe(true)
    // every file whose first relative import names a module (not an asset like .css or ?raw) has an edge
    const relative = /^\s*(?:import|export)\b[^'"]*['"](\.{1,2}\/[^'"]+)['"]/m
    const withRelativeImport = graph.files.filter((f) => {
      const m = readFileSync(path.join(ROOT, f), 'utf8').match(relative)
      return m && !/\?|\.(css|svg|png|json|md)$/.test(m[1] ?? '')
    })
    const withoutEdge = withRelativeImport.filter((f) => (graph.edges.get(f) ?? []).length === 0)
    expect(withoutEdge).toEqual([])
  })

  it('has no file cycle beyond KNOWN_FILE_CYCLES, and every entry there still matches a cycle', () => {
    const { unexpected, stale } = compareWithAllowlist(findCycles(graph), KNOWN_FILE_CYCLES)
    expect(unexpected.map((c) => describeCycle(c))).toEqual([])
    expect(stale.map((s) => `stale (remove or shrink it): ${s.files.join(', ')}`)).toEqual([])
  })

  it('has no folder cycle beyond KNOWN_FOLDER_CYCLES, and every entry there still matches a cycle', () => {
    const { unexpected, stale } = compareWithAllowlist(
      findCycles(collapseGraph(graph, folderOf)),
      KNOWN_FOLDER_CYCLES,
    )
    expect(unexpected.map((c) => describeCycle(c, 'folders'))).toEqual([])
    expect(stale.map((s) => `stale (remove or shrink it): ${s.files.join(', ')}`)).toEqual([])
  })

  it('breaks no boundary beyond KNOWN_BOUNDARY_VIOLATIONS, and every entry there is still an import', () => {
    const found = findBoundaryViolations(graph, BOUNDARIES).map((v) => `${v.from} → ${v.to}`)
    expect(found.filter((v) => !KNOWN_BOUNDARY_VIOLATIONS.includes(v))).toEqual([])
    expect(KNOWN_BOUNDARY_VIOLATIONS.filter((v) => !found.includes(v))).toEqual([])
  })
})

describe('file length', () => {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue
      const rel = `${dir}/${e.name}`
      if (e.isDirectory()) walk(rel)
      else if (LENGTH_CHECKED.test(rel)) files.push(rel)
    }
  }
  for (const d of ['src', 'test', 'bench', 'scripts']) walk(d)
  const lines = (f: string) => readFileSync(path.join(ROOT, f), 'utf8').replace(/\n$/, '').split('\n').length

  it(`no source, test, bench, script or style file is over ${MAX_LINES} lines, except KNOWN_LONG_FILES`, () => {
    expect(files.length).toBeGreaterThan(300)
    const long = files.filter((f) => !KNOWN_LONG_FILES.includes(f) && lines(f) > MAX_LINES)
    expect(long.map((f) => `${f}: ${lines(f)} lines`)).toEqual([])
  })

  it('every KNOWN_LONG_FILES entry still exists and is still too long (else remove it)', () => {
    const stale = KNOWN_LONG_FILES.filter((f) => !files.includes(f) || lines(f) <= MAX_LINES)
    expect(stale).toEqual([])
  })
})

describe('the lint configuration', () => {
  it('runs the import-graph rules on src and max-lines everywhere', async () => {
    const eslint = new ESLint({ cwd: ROOT })
    const board = await eslint.calculateConfigForFile('src/renderer/board/Board.tsx')
    expect(board.rules['copro/no-import-cycle']).toEqual([2])
    expect(board.rules['copro/import-boundaries']).toEqual([2])
    expect(board.rules['max-lines']?.[0]).toBe(2)
    expect(board.rules['max-lines']?.[1]).toMatchObject({ max: MAX_LINES })
    const aTest = await eslint.calculateConfigForFile('test/unit/deps/policy.test.ts')
    expect(aTest.rules['max-lines']?.[0]).toBe(2)
  })
})
