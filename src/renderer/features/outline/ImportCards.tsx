import { useId, useState } from 'react'
import {
  parseCardRows,
  parseCardTable,
  type ParsedTable,
  type TableRow,
} from '../../../core/common/bulk/parse'
import { importedAuthor, registerImportedPeople } from '../../../core/common/bulk/write'
import { CARD_KINDS, type CardKind } from '../../../core/common/cards/card'
import { cellName } from '../../../core/common/structure/cellLabel'
import { COPRO_ROLES, type CoproRole } from '../../../shared/model/roles'
import type { BoardStructure } from '../../../shared/model/structure'
import type { SessionBoard } from '../../session/BoardSession'
import { fatalText, rowErrorText } from './bulkText'
import { fileToBase64, isSpreadsheetFile, type ReadSpreadsheet } from './spreadsheetImport'
import { kindLabel, roleLabel, roleShort, useT } from '../../device/i18n'

/** Adds checked rows through the board (placed and undoable like any card); returns how many. */
function addImported(board: SessionBoard, cards: ParsedTable['cards']): number {
  registerImportedPeople(board.doc, cards, Date.now())
  let n = 0
  for (const c of cards) if (board.cards.add(c.kind, c.text, c.cell, { author: importedAuthor(c) })) n++
  return n
}

/** Files larger than this are refused before reading (2,000 cards of 2,000 characters fit). */
const FILE_MAX_BYTES = 5 * 1024 * 1024

/**
 * Import cards from a CSV or tab-separated file, or an Excel workbook (.xlsx): the file is checked row
 * by row and shown as a preview, with every problem listed by its row number; nothing is written until
 * the facilitator confirms, and not at all while any row has a problem.
 */
export function ImportCards(p: {
  board: SessionBoard
  structure: BoardStructure | null
  say(text: string): void
  /** Reads .xlsx files (through the app's server); absent, only CSV files are offered. */
  readSpreadsheet?: ReadSpreadsheet | undefined
}) {
  const ids = { title: useId(), file: useId(), kind: useId(), role: useId() }
  const t = useT()
  const [kind, setKind] = useState<CardKind>('idea')
  const [role, setRole] = useState<CoproRole>('service-user')
  const [file, setFile] = useState<{ name: string; text: string; rows?: TableRow[] } | null>(null)
  const [problem, setProblem] = useState('')
  const table = { defaultKind: kind, defaultRole: role }
  const parsed: ParsedTable | null = file
    ? file.rows
      ? parseCardRows(file.rows, p.structure, table)
      : parseCardTable(file.text, p.structure, table)
    : null

  const choose = async (f: File | undefined) => {
    setProblem('')
    setFile(null)
    if (!f) return
    if (f.size > FILE_MAX_BYTES) return setProblem(t('outline.import.tooBig'))
    if (isSpreadsheetFile(f.name)) {
      if (!p.readSpreadsheet) return setProblem(t('outline.import.excelInApp'))
      const rows = await p.readSpreadsheet(await fileToBase64(f))
      if (typeof rows === 'string') return setProblem(rows)
      return setFile({ name: f.name, text: '', rows })
    }
    setFile({ name: f.name, text: await f.text() })
  }
  const confirm = () => {
    if (!parsed || parsed.fatal || parsed.errors.length > 0) return
    const n = addImported(p.board, parsed.cards)
    p.say(t('outline.import.done', { count: n, file: file?.name ?? t('outline.import.theFile') }))
    setFile(null)
  }
  const n = parsed?.cards.length ?? 0
  return (
    <section className="outline-add" aria-labelledby={ids.title} data-testid="import-cards">
      <h3 id={ids.title} className="outline-subtitle">
        {t('outline.import.title')}
      </h3>
      <p className="help">{t('outline.import.help')}</p>
      <div className="outline-add-fields">
        <span>
          <label htmlFor={ids.kind}>{t('outline.import.defaultKind')}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as CardKind)}>
            {CARD_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label htmlFor={ids.role}>{t('outline.import.defaultRole')}</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as CoproRole)}>
            {COPRO_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>
        </span>
      </div>
      <label htmlFor={ids.file}>{t('outline.import.file')}</label>
      <input
        id={ids.file}
        type="file"
        accept={`.csv,.tsv,.txt,text/csv,text/tab-separated-values${p.readSpreadsheet ? ',.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : ''}`}
        onChange={(e) => void choose(e.target.files?.[0])}
        data-testid="import-cards-file"
      />
      {problem && <p role="alert">{problem}</p>}
      {parsed?.fatal && <p role="alert">{fatalText(t, parsed)}</p>}
      {parsed && !parsed.fatal && (
        <>
          {parsed.errors.length > 0 && (
            <div role="alert" data-testid="import-cards-errors">
              <p>{t('outline.import.problems', { count: parsed.errors.length })}</p>
              <ul>
                {parsed.errors.map((e) => (
                  <li key={e.row}>{rowErrorText(t, e)}</li>
                ))}
              </ul>
            </div>
          )}
          <div
            className="outline-table-wrap"
            role="region"
            aria-label={t('outline.import.preview')}
            tabIndex={0}
          >
            <table className="outline-table" data-testid="import-cards-preview">
              <caption>{t('outline.import.ready', { count: n, file: file?.name ?? '' })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outline.import.col.row')}</th>
                  <th scope="col">{t('outline.card.kind')}</th>
                  <th scope="col">{t('outline.card.text')}</th>
                  <th scope="col">{t('outline.add.where')}</th>
                  <th scope="col">{t('outline.import.col.role')}</th>
                  <th scope="col">{t('outline.import.col.name')}</th>
                </tr>
              </thead>
              <tbody>
                {parsed.cards.slice(0, 200).map((c) => (
                  <tr key={c.row}>
                    <td>{c.row}</td>
                    <td>{kindLabel(t, c.kind)}</td>
                    <td>{c.text}</td>
                    <td>{cellName(p.structure, c.cell, t('outline.unplaced'))}</td>
                    <td>{roleShort(t, c.role)}</td>
                    <td>{c.name || t('participants.anonymous')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {n > 200 && <p className="muted">{t('outline.import.more', { count: n - 200 })}</p>}
          </div>
          <button
            type="button"
            className="button primary"
            onClick={confirm}
            disabled={n === 0 || parsed.errors.length > 0}
            data-testid="import-cards-confirm"
          >
            {t('outline.add.many', { count: n })}
          </button>{' '}
          <button type="button" className="button" onClick={() => setFile(null)}>
            {t('outline.moderation.cancel')}
          </button>
        </>
      )}
    </section>
  )
}
