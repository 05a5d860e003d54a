import type { ExportModel } from '../schema'

/** export.json: the model itself, pretty-printed, newline-terminated. */
export function jsonExport(m: ExportModel): string {
  return JSON.stringify(m, null, 2) + '\n'
}
