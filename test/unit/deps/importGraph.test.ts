import path from 'node:path'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import {
  buildImportGraph,
  collapseGraph,
  compareWithAllowlist,
  findBoundaryViolations,
  findCycles,
  importsOf,
} from '../../../scripts/deps/importGraph.mjs'
import { createPlugin } from '../../../scripts/deps/eslintPlugin.mjs'
import { BOUNDARIES, folderOf } from '../../../scripts/deps/policy.mjs'

/** A miniature repository with planted problems (see its README). */
const FIXTURE = path.resolve(__dirname, '../../fixtures/deps/tree')
const C = 'src/core/common'

const fixturePolicy = (allow: {
  fileCycles?: { files: string[] }[]
  folderCycles?: { files: string[] }[]
  violations?: string[]
}) => ({
  ROOT: FIXTURE,
  GRAPH_INCLUDE: ['src'],
  folderOf,
  BOUNDARIES,
  KNOWN_FILE_CYCLES: allow.fileCycles ?? [],
  KNOWN_FOLDER_CYCLES: allow.folderCycles ?? [],
  KNOWN_BOUNDARY_VIOLATIONS: allow.violations ?? [],
})

async function lintFixture(policy: ReturnType<typeof fixturePolicy>) {
  const eslint = new ESLint({
    cwd: FIXTURE,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { copro: createPlugin(policy) },
        rules: { 'copro/no-import-cycle': 'error', 'copro/import-boundaries': 'error' },
      },
    ],
  })
  const results = await eslint.lintFiles(['src/**/*.ts', 'src/**/*.tsx'])
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: path.relative(FIXTURE, r.filePath).split(path.sep).join('/'),
      line: m.line,
      rule: m.ruleId,
      message: m.message,
    })),
  )
}

describe('importsOf', () => {
  it('finds every kind of import and tells type-only ones apart', () => {
    const src = [
      "import { a } from './a'",
      "import type { B } from './b'",
      "import { type C, type D } from './c'",
      "import { type E, e } from './e'",
      "import * as f from './f'",
      "import './g.css'",
      "export { h } from './h'",
      "export type { I } from './i'",
      "export * from './j'",
      "const k = import('./k')",
      "type L = import('./l').L",
      "import m = require('./m')",
    ].join('\n')
    expect(importsOf('x.ts', src)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: true },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: false },
      { specifier: './g.css', typeOnly: false },
      { specifier: './h', typeOnly: false },
      { specifier: './i', typeOnly: true },
      { specifier: './j', typeOnly: false },
      { specifier: './k', typeOnly: false },
      { specifier: './l', typeOnly: true },
      { specifier: './m', typeOnly: false },
    ])
  })

  it('reads TSX', () => {
    expect(importsOf('x.tsx', "import { A } from './A'\nexport const v = <A />")).toEqual([
      { specifier: './A', typeOnly: false },
    ])
  })
})

describe('the checker on the fixture tree', () => {
  const graph = buildImportGraph(FIXTURE, ['src'])

  it('resolves relative imports to files of the tree, extensionless and .tsx included', () => {
    expect(
      graph.edges
        .get('src/renderer/features/alpha/AlphaView.tsx')
        ?.map((e) => e.to)
        .sort(),
    ).toEqual([
      'src/core/common/clean/text.ts',
      'src/renderer/board/shapes.ts',
      'src/renderer/features/alpha/alphaCommands.ts',
      'src/renderer/features/beta/betaModel.ts',
      'src/renderer/session/session.ts',
    ])
  })

  it('finds the runtime cycle and the type-only cycle, and no other file cycle', () => {
    const cycles = findCycles(graph)
    expect(cycles.map((c) => ({ files: c.files, typeOnly: c.typeOnly }))).toEqual([
      { files: [`${C}/runtime/a.ts`, `${C}/runtime/b.ts`], typeOnly: false },
      { files: [`${C}/types/shape.ts`, `${C}/types/style.ts`, `${C}/types/theme.ts`], typeOnly: true },
    ])
    expect(cycles[1]?.example).toEqual([
      `${C}/types/shape.ts`,
      `${C}/types/style.ts`,
      `${C}/types/theme.ts`,
      `${C}/types/shape.ts`,
    ])
  })

  it('finds folder cycles that have no file cycle', () => {
    const cycles = findCycles(collapseGraph(graph, folderOf))
    expect(cycles.map((c) => c.files)).toEqual([
      [`${C}/left`, `${C}/right`],
      ['src/renderer/board', 'src/renderer/features/alpha'],
    ])
  })

  it('finds the feature → feature, board → feature and board → session imports, and nothing a feature may import', () => {
    const v = findBoundaryViolations(graph, BOUNDARIES)
    expect(v.map((x) => `${x.rule}: ${x.from} → ${x.to}`)).toEqual([
      'layer-imports-feature: src/renderer/board/Board.ts → src/renderer/features/alpha/alphaCommands.ts',
      'layer-imports-higher-layer: src/renderer/board/shapes.ts → src/renderer/session/session.ts',
      'feature-imports-feature: src/renderer/features/alpha/AlphaView.tsx → src/renderer/features/beta/betaModel.ts',
    ])
  })

  it('compares with an allowlist: covered, unexpected and stale entries', () => {
    const cycles = findCycles(graph)
    const runtime = { files: [`${C}/runtime/a.ts`, `${C}/runtime/b.ts`] }
    const gone = { files: [`${C}/clean/text.ts`, `${C}/runtime/a.ts`] }
    const r = compareWithAllowlist(cycles, [runtime, gone])
    expect(r.unexpected.map((c) => c.files[0])).toEqual([`${C}/types/shape.ts`])
    expect(r.stale).toEqual([gone])
    // an entry that covers more than the cycle still tolerates it, but is stale (to be shrunk)
    const wide = { files: [...runtime.files, `${C}/clean/text.ts`] }
    const w = compareWithAllowlist(cycles, [wide])
    expect(w.unexpected).toHaveLength(1)
    expect(w.stale).toEqual([wide])
  })
})

describe('the ESLint rules on the fixture tree', () => {
  it('report each planted problem on the import that causes it', async () => {
    const messages = await lintFixture(fixturePolicy({}))
    const brief = messages.map((m) => `${m.rule} ${m.file}:${m.line}`).sort()
    expect(brief).toEqual(
      [
        `copro/no-import-cycle ${C}/runtime/a.ts:1`,
        `copro/no-import-cycle ${C}/runtime/b.ts:1`,
        `copro/no-import-cycle ${C}/types/shape.ts:1`,
        `copro/no-import-cycle ${C}/types/style.ts:1`,
        `copro/no-import-cycle ${C}/types/theme.ts:1`,
        `copro/no-import-cycle ${C}/left/one.ts:1`,
        `copro/no-import-cycle ${C}/right/three.ts:1`,
        'copro/no-import-cycle src/renderer/board/Board.ts:1',
        'copro/no-import-cycle src/renderer/features/alpha/AlphaView.tsx:2',
        'copro/import-boundaries src/renderer/board/Board.ts:1',
        'copro/import-boundaries src/renderer/board/shapes.ts:1',
        'copro/import-boundaries src/renderer/features/alpha/AlphaView.tsx:5',
      ].sort(),
    )
    const shape = messages.find((m) => m.file.endsWith('shape.ts'))
    expect(shape?.message).toContain(
      `Import cycle (closed by type-only imports): ${C}/types/shape.ts → ${C}/types/style.ts → ${C}/types/theme.ts → ${C}/types/shape.ts`,
    )
    const one = messages.find((m) => m.file.endsWith('one.ts'))
    expect(one?.message).toContain(`Folder cycle: ${C}/left → ${C}/right → ${C}/left`)
  })

  it('stay quiet about what the allowlists hold', async () => {
    const graph = buildImportGraph(FIXTURE, ['src'])
    const policy = fixturePolicy({
      fileCycles: findCycles(graph),
      folderCycles: findCycles(collapseGraph(graph, folderOf)),
      violations: findBoundaryViolations(graph, BOUNDARIES).map((v) => `${v.from} → ${v.to}`),
    })
    expect(await lintFixture(policy)).toEqual([])
  })
})
