import type ExcelJS from 'exceljs'
import Workbook from 'exceljs/lib/doc/workbook.js'
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js'

/**
 * The two parts of exceljs 4.4.0 the app uses: the in-memory workbook (reading an .xlsx for the cards
 * import) and the streaming writer (the Excel export). Imported by path, not through `exceljs`'s main
 * entry, because that entry also loads the streaming reader, whose `unzipper` brings 100-odd packages
 * (one, `buffers`, declares no licence) that the desktop package leaves out (ADR 0044, amended;
 * electron-builder.json). The types are exceljs's own.
 */
export const ExcelWorkbook = Workbook as unknown as typeof ExcelJS.Workbook
export const ExcelWorkbookWriter = WorkbookWriter as unknown as typeof ExcelJS.stream.xlsx.WorkbookWriter
export type ExcelCell = ExcelJS.Cell
