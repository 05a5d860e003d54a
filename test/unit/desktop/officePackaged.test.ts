import Module from 'node:module'
import { readFileSync } from 'node:fs'
import { it, expect } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { buildGridSession, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

/**
 * The desktop package leaves out the cluster's packages and exceljs's streaming reader with its
 * `unzipper` tree (electron-builder.json, ADR 0044): the Word and Excel documents and the .xlsx reading
 * the app's server does must work with every one of them unavailable.
 */
const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as { files: string[] }
const leftOut = new Set(
  config.files.flatMap((f) => /^!node_modules\/\{([^}]*)\}\/\*\*$/.exec(f)?.[1]?.split(',') ?? []),
)

it('office documents and .xlsx reading work without the packages the desktop package leaves out', async () => {
  expect(leftOut.has('unzipper')).toBe(true)
  const excluded = leftOut
  const M = Module as unknown as { _load: (r: string, p: unknown, m: boolean) => unknown }
  const orig = M._load
  const hit: string[] = []
  M._load = function (req: string, parent: unknown, isMain: boolean) {
    const name = req.startsWith('@') ? req.split('/').slice(0, 2).join('/') : req.split('/')[0]!
    if (excluded.has(name) || excluded.has(name.split('/')[0]!)) {
      hit.push(name)
      throw new Error(`blocked ${req}`)
    }
    return orig.call(this, req, parent, isMain)
  }
  try {
    const { docxReport, xlsxWorkbook } = await import('../../../src/core/node/export/office')
    const { readSpreadsheetRows } = await import('../../../src/core/node/import/spreadsheet')
    const m = buildExportModel(buildGridSession().doc, FIXTURE_EXPORT_OPTS)
    expect((await docxReport(m)).byteLength).toBeGreaterThan(1000)
    const x = await xlsxWorkbook(m)
    const rows = await readSpreadsheetRows(x)
    expect(rows.rows.length).toBeGreaterThan(2)
  } finally {
    M._load = orig
  }
  expect(hit).toEqual([])
})
