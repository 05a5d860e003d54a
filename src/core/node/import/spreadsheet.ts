import { ExcelWorkbook, type ExcelCell } from '../export/excel'
import { BULK_MAX_CARDS, type TableRow } from '../../common/bulk/parse'

/**
 * Reads the first sheet of an .xlsx workbook as rows of text for the cards import (issue 17 item 5):
 * each row keeps its spreadsheet number, each cell the text the spreadsheet shows (a formula's result,
 * never the formula; dates and numbers as shown). The rows are then checked exactly as a CSV's
 * (bulk/parse.ts `parseCardRows`). Read with exceljs 4.4.0 in Node (the CLI, and the app's local
 * server, which ships with the desktop app — ADR 0044).
 */
export const SPREADSHEET_LIMITS = {
  bytes: 10 * 1024 * 1024,
  /** Columns read per row (a table of cards has seven). */
  columns: 50,
  /** Characters kept per cell (a card's text is at most 2,000: longer is reported, not silently cut). */
  cellChars: 20_000,
} as const

export class SpreadsheetError extends Error {}

/** The rows of the workbook's first sheet, or a SpreadsheetError in plain words. */
export async function readSpreadsheetRows(bytes: Uint8Array): Promise<{ sheet: string; rows: TableRow[] }> {
  if (bytes.byteLength > SPREADSHEET_LIMITS.bytes)
    throw new SpreadsheetError('This spreadsheet is too large: the limit is 10 MB.')
  // an .xlsx file is a zip archive: "PK\x03\x04"
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    throw new SpreadsheetError(
      'This is not an Excel workbook (.xlsx). Save it as .xlsx or CSV and try again.',
    )
  const wb = new ExcelWorkbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch {
    throw new SpreadsheetError('This workbook could not be read. Save it as .xlsx or CSV and try again.')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw new SpreadsheetError('This workbook has no sheets.')
  const rows: TableRow[] = []
  // the header and at most BULK_MAX_CARDS rows, plus one so "too many" is reported by the parser
  const last = Math.min(ws.rowCount, BULK_MAX_CARDS + 2 + 1000)
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r)
    const width = Math.min(row.cellCount, SPREADSHEET_LIMITS.columns)
    const cells: string[] = []
    for (let c = 1; c <= width; c++)
      cells.push(cellText(row.getCell(c)).slice(0, SPREADSHEET_LIMITS.cellChars))
    if (cells.some((x) => x.trim() !== '')) rows.push({ row: r, cells })
    if (rows.length > BULK_MAX_CARDS + 1) break
  }
  return { sheet: ws.name, rows }
}

function cellText(cell: ExcelCell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('formula' in v || 'sharedFormula' in v) {
      const res = (v as { result?: unknown }).result
      return res === undefined || res === null || typeof res === 'object' ? '' : String(res)
    }
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('error' in v) return ''
  }
  return cell.text ?? ''
}
