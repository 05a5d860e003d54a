import Papa from 'papaparse'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ACTIONS_HEADER,
  actionsRows,
  cardsRows,
  neutraliseCell,
  toCsv,
} from '../../../src/core/common/export/formats/csv'
import { actionsCsv, buildExportModel, cardsCsv } from '../../../src/core/common/export'
import { buildGridSession, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

function parse(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  const r = Papa.parse<string[]>(csv.slice(1), { header: false, skipEmptyLines: false, newline: '\r\n' })
  expect(r.errors).toEqual([])
  // The file ends with CRLF, which Papa reads as one trailing empty row.
  expect(r.data.at(-1)).toEqual([''])
  return r.data.slice(0, -1)
}

describe('CSV exports', () => {
  const m = buildExportModel(buildGridSession().doc, FIXTURE_EXPORT_OPTS)

  it('cards.csv parses back (papaparse) to the same rows', () => {
    const rows = cardsRows(m)
    expect(parse(cardsCsv(m))).toEqual(rows.map((r) => r.map(neutraliseCell)))
    expect(rows.length).toBe(m.cards.length + 1)
  })

  it('actions.csv parses back to the same rows, with the planning-tool header', () => {
    const back = parse(actionsCsv(m))
    expect(back).toEqual(actionsRows(m).map((r) => r.map(neutraliseCell)))
    expect(back[0]).toEqual([...ACTIONS_HEADER])
    const rewrite = back.find((r) => r[0]!.startsWith('Rewrite the letters'))!
    const col = (name: string) => rewrite[ACTIONS_HEADER.indexOf(name as (typeof ACTIONS_HEADER)[number])]
    expect(col('Assignee')).toBe('Sam Patel')
    expect(col('Due date')).toBe('2026-03-31')
    expect(col('Bucket')).toBe('Applying')
    expect(col('Labels')).toBe('co-production')
    expect(col('Description')).toContain('* I had to tell my story five times (5 votes)')
  })

  it('uses CRLF line ends, a BOM, and RFC 4180 quoting', () => {
    const csv = toCsv([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['', ' x ', 'é', '😀'],
    ])
    expect(csv).toBe('\uFEFFa,"b,c","say ""hi""","two\nlines"\r\n, x ,é,😀\r\n')
  })

  it('neutralises formula prefixes and nothing else', () => {
    for (const p of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCell(`${p}1+1`)).toBe(`'${p}1+1`)
    for (const s of ['1+1', "'=1", 'a=b', '', '2026-03-31', ' a=b', '\u00A0x'])
      expect(neutraliseCell(s)).toBe(s)
  })

  it('round-trips any text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          const width = rows[0]!.length
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''))
          const back = Papa.parse<string[]>(toCsv(table).slice(1), { newline: '\r\n' }).data.slice(0, -1)
          expect(back).toEqual(table.map((r) => r.map(neutraliseCell)))
        },
      ),
      { numRuns: 200 },
    )
  })
})
