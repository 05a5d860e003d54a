import type { TableRow } from '../../../core/common/bulk/parse'
import type { AppHost } from '../../host/types'
import { uiT } from '../../device/i18n/uiT'

/** Reads an .xlsx file's first sheet as rows, or says in plain words why it could not. */
export type ReadSpreadsheet = (base64: string) => Promise<TableRow[] | string>

/**
 * The cards import's .xlsx reader: the app's local server reads the workbook with exceljs (it ships
 * with the desktop app and `copro serve`; the renderer never loads exceljs — ADR 0044, amended), and
 * the rows are checked here exactly as a CSV's (bulk/parse.ts `parseCardRows`).
 */
export async function readSpreadsheetVia(host: AppHost, base64: string): Promise<TableRow[] | string> {
  const r = await host.call('cards.readSpreadsheet', { base64 })
  return r.ok ? r.value.rows : r.error.message
}

/** A file's bytes as base64 (FileReader: no large string building by hand). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error(uiT('outline.import.unreadable')))
    reader.readAsDataURL(file)
  })
}

export const isSpreadsheetFile = (name: string): boolean => /\.xlsx$/i.test(name)
