import { ApiFailure } from '../../../shared/api'
import { buildExportModel } from '../../common/export/model'
import { readLogo } from '../export/logo'
import { collectPhotos } from '../export/photoFiles'
import type * as Y from 'yjs'
import type { AppInfo } from '../../../shared/api'
import type { SessionBackend } from './backend'
import type { Handlers } from './router'

/**
 * The app methods that need Node-only libraries (docx, exceljs), answered by the server that ships with
 * the desktop app (and `copro serve`): Word and Excel from the Export view, and reading an .xlsx for the
 * cards import's preview (issue 17 items 5 and 7; ADR 0044, amended). The renderer never loads them.
 */
export interface OfficeDeps {
  backend: SessionBackend
  /** Runs `fn` on a session's document (the live room's when loaded; handlers.ts HandlerDeps). */
  withSessionDoc<T>(sessionId: string, fn: (doc: Y.Doc) => T): Promise<T>
  info(): AppInfo
}

export function officeHandlers(deps: OfficeDeps): Pick<Handlers, 'export.office' | 'cards.readSpreadsheet'> {
  const { backend } = deps
  return {
    'export.office': async (a) => {
      if (!(await backend.get(a.id))) throw new ApiFailure('not_found', 'That session does not exist.')
      const checkpoints = backend.checkpoints ? await backend.checkpoints.list(a.id) : []
      const model = await deps.withSessionDoc(a.id, (doc) =>
        buildExportModel(doc, {
          checkpoints,
          includeNames: a.includeNames,
          generatedAt: new Date().toISOString(),
          appVersion: deps.info().version,
        }),
      )
      const assets = backend.assets
      const readAsset = async (assetId: string) => (await assets?.get(a.id, assetId))?.bytes ?? null
      // docx and exceljs load on first use, not when the app starts
      const { docxReport, xlsxWorkbook } = await import('../export/office')
      const bytes =
        a.format === 'xlsx'
          ? await xlsxWorkbook(model)
          : await docxReport(model, {
              photos: await collectPhotos(model, readAsset),
              logo: await readLogo(model, readAsset),
            })
      return { base64: Buffer.from(bytes).toString('base64') }
    },
    'cards.readSpreadsheet': async (a) => {
      const { readSpreadsheetRows, SpreadsheetError } = await import('../import/spreadsheet')
      try {
        const read = await readSpreadsheetRows(Buffer.from(a.base64, 'base64'))
        return { sheet: read.sheet, rows: read.rows.map((r) => ({ row: r.row, cells: [...r.cells] })) }
      } catch (e) {
        if (e instanceof SpreadsheetError) throw new ApiFailure('invalid_arguments', e.message)
        throw e
      }
    },
  }
}
