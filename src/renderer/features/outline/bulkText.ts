import type { BulkProblem, ParsedTable, RowError } from '../../../core/common/bulk/parse'
import type { TFunction } from '../../device/i18n'

/** An import problem (core/common/bulk/parse.ts) in the reader's language. */
export const problemText = (t: TFunction, p: BulkProblem): string => t(`bulk.problem.${p.code}`, p.values)

/** "Row 3: the text is empty." in the reader's language. */
export const rowErrorText = (t: TFunction, e: RowError): string =>
  e.problems.length > 0
    ? t('bulk.row', { row: e.row, problems: e.problems.map((p) => problemText(t, p)).join('; ') })
    : e.message

/** Why nothing in the file can be imported, in the reader's language. */
export const fatalText = (t: TFunction, parsed: ParsedTable): string | null =>
  parsed.fatalProblem ? problemText(t, parsed.fatalProblem) : parsed.fatal
