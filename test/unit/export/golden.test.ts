import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  actionsCsv,
  buildExportModel,
  cardsCsv,
  jsonExport,
  markdownReport,
  type ExportModel,
} from '../../../src/core/common/export'
import {
  buildGridSession,
  buildZonesSession,
  FIXTURE_CHECKPOINTS,
  FIXTURE_EXPORT_OPTS,
} from '../../fixtures/docs/buildDoc'
import { templateFixtures } from '../../fixtures/docs/templateDocs'

/**
 * Golden files: test/fixtures/golden/<name>/{export.json, cards.csv, actions.csv, report.md}.
 * After an intended change, regenerate with UPDATE_GOLDEN=1 npx vitest run test/unit/export/golden.test.ts
 * and review the diff.
 */
const GOLDEN = fileURLToPath(new URL('../../fixtures/golden/', import.meta.url))
const update = process.env.UPDATE_GOLDEN === '1'

const cases: { name: string; doc: () => Y.Doc; includeNames?: boolean }[] = [
  { name: 'grid', doc: () => buildGridSession().doc },
  { name: 'grid-named', doc: () => buildGridSession().doc, includeNames: true },
  { name: 'zones', doc: () => buildZonesSession().doc },
  ...templateFixtures().map((t) => ({ name: `template-${t.templateId}`, doc: t.build })),
]

function render(m: ExportModel): Record<string, string> {
  return {
    'export.json': jsonExport(m),
    'cards.csv': cardsCsv(m),
    'actions.csv': actionsCsv(m),
    'report.md': markdownReport(m),
  }
}

describe('golden exports', () => {
  for (const c of cases) {
    it(`${c.name} matches its golden files`, () => {
      const m = buildExportModel(c.doc(), {
        ...FIXTURE_EXPORT_OPTS,
        checkpoints: FIXTURE_CHECKPOINTS,
        includeNames: c.includeNames ?? false,
      })
      const dir = join(GOLDEN, c.name)
      const files = render(m)
      if (update) {
        mkdirSync(dir, { recursive: true })
        for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text)
      }
      for (const [f, text] of Object.entries(files)) {
        const path = join(dir, f)
        expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`).toBe(true)
        expect(text, `${c.name}/${f}`).toBe(readFileSync(path, 'utf8'))
      }
    })
  }

  it('covers a grid and a zones board', () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['grid', 'zones']))
  })
})
