import type { ExportModel } from '../schema'
import { actionsCsv, cardsCsv, picturesRows, themesCsv, toCsv } from './csv'
import { commentsRows, meTooRows } from './comments'
import { decisionsRows, hasDecisions } from './decisions'
import { htmlReport } from './html'
import { jsonExport } from './json'
import { markdownReport } from './markdown'
import type { ReportImages } from './photosHtml'

export const EXPORT_FORMATS = ['json', 'csv', 'md', 'html'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportFile {
  readonly name: string
  readonly mediaType: string
  readonly text: string
}

/**
 * The files one format produces (csv gives cards and actions, and themes, comments, "me too"s and
 * decisions — every round's results — and pictures.csv when the board has any).
 */
export function renderFormat(m: ExportModel, format: ExportFormat, images: ReportImages = {}): ExportFile[] {
  switch (format) {
    case 'json':
      return [{ name: 'export.json', mediaType: 'application/json', text: jsonExport(m) }]
    case 'csv':
      return [
        { name: 'cards.csv', mediaType: 'text/csv; charset=utf-8', text: cardsCsv(m) },
        { name: 'actions.csv', mediaType: 'text/csv; charset=utf-8', text: actionsCsv(m) },
        ...(m.themes.length
          ? [{ name: 'themes.csv', mediaType: 'text/csv; charset=utf-8', text: themesCsv(m) }]
          : []),
        ...(m.comments.length
          ? [{ name: 'comments.csv', mediaType: 'text/csv; charset=utf-8', text: toCsv(commentsRows(m)) }]
          : []),
        ...(m.meToo.length
          ? [{ name: 'me-too.csv', mediaType: 'text/csv; charset=utf-8', text: toCsv(meTooRows(m)) }]
          : []),
        ...(hasDecisions(m)
          ? [{ name: 'decisions.csv', mediaType: 'text/csv; charset=utf-8', text: toCsv(decisionsRows(m)) }]
          : []),
        ...(m.images?.length
          ? [{ name: 'pictures.csv', mediaType: 'text/csv; charset=utf-8', text: toCsv(picturesRows(m)) }]
          : []),
      ]
    case 'md':
      return [{ name: 'report.md', mediaType: 'text/markdown; charset=utf-8', text: markdownReport(m) }]
    case 'html':
      return [{ name: 'report.html', mediaType: 'text/html; charset=utf-8', text: htmlReport(m, images) }]
  }
}

export type { ReportImages }
export { actionsCsv, cardsCsv, themesCsv, htmlReport, jsonExport, markdownReport }
