import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { neutraliseCell, toCsv } from '../../../src/core/common/export/formats/csv'

/** Cells a spreadsheet reads as formulas although they do not start with a plain = + - @ (issue 22). */
const HIDDEN_FORMULAS = [
  '＝1+1', // full-width equals
  '＋1+1',
  '－1+1',
  '＠SUM(1,1)',
  '−1+1', // minus sign
  ' =1+1',
  '  +1+1',
  '\u00A0=1+1', // NBSP
  '\u200B=1+1', // ZWSP
  '\uFEFF=1+1', // BOM
  '\u2028=1+1', // line separator
  '\u2029=1+1',
  '\u3000=1+1', // ideographic space
  '\u2060@SUM(1,1)', // word joiner
  '\u200B \u00A0\uFEFF=HYPERLINK("http://x.invalid","click")',
  '\n=1+1',
]
const PLAIN = ['1+1', 'a=b', ' a = b', '\u00A0text', 'Ｔｅｘｔ', '😀=1', 'é', '']

describe('CSV neutralising (issue 22 item 5)', () => {
  it('neutralises full-width and white-space- or invisible-prefixed formulas', () => {
    for (const s of HIDDEN_FORMULAS) expect(neutraliseCell(s), JSON.stringify(s)).toBe(`'${s}`)
  })

  it('leaves plain text alone', () => {
    for (const s of PLAIN) expect(neutraliseCell(s), JSON.stringify(s)).toBe(s)
  })

  it('every neutralised cell starts with an apostrophe once parsed back (papaparse)', () => {
    const back = Papa.parse<string[]>(toCsv([HIDDEN_FORMULAS]).slice(1), { newline: '\r\n' }).data[0]!
    expect(back).toHaveLength(HIDDEN_FORMULAS.length)
    for (const cell of back) expect(cell.startsWith("'")).toBe(true)
  })

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p))
  if (!soffice)
    console.warn(
      'skipping the LibreOffice check: soffice is not installed (apt-get install libreoffice-calc-nogui)',
    )
  it.skipIf(!soffice)(
    'LibreOffice reads every cell as text, none as a formula result',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'copro-csv-'))
      try {
        const rows = [...HIDDEN_FORMULAS, ...PLAIN.filter(Boolean)].map((c) => [c])
        writeFileSync(path.join(dir, 'cells.csv'), toCsv(rows))
        // Re-saving as CSV writes each cell's displayed value: a formula would show its result (2).
        execFileSync(
          soffice!,
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--infilter=CSV:44,34,76,1,,0,false,true,false,false,true',
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false',
            '--outdir',
            path.join(dir, 'out'),
            path.join(dir, 'cells.csv'),
          ],
          { stdio: 'pipe', timeout: 120_000 },
        )
        const out = readFileSync(path.join(dir, 'out', 'cells.csv'), 'utf8').replace(/^\uFEFF/, '')
        const cells = Papa.parse<string[]>(out, {}).data.map((r) => r[0] ?? '')
        for (const c of cells.slice(0, HIDDEN_FORMULAS.length)) {
          expect(c, JSON.stringify(c)).not.toBe('2')
          expect(c).not.toMatch(/^#|^Err:/)
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    180_000,
  )
})
