import { useEffect, useId, useState } from 'react'
import type * as Y from 'yjs'
import { isFacilitatorRole } from '../../../core/common/permissions'
import {
  readReportSettings,
  REPORT_SECTION_LABELS,
  REPORT_SECTIONS,
  writeReportSettings,
  type ReportSettings,
} from '../../../core/common/export/report'
import { useBoardSession } from '../../session/useBoardSession'
import { useMapsValue } from '../../session/useDoc'
import { useServices } from '../../workbench/context'
import { LogoField } from './LogoField'

/**
 * The report to circulate: what the facilitator writes (organisation, summary, purpose, who took part,
 * next steps) and which sections the report includes. Saved in the session, so co-facilitators see the
 * same text; every report and document export uses it.
 */
export function ReportSettingsSection() {
  const board = useBoardSession()?.board ?? null
  if (!board || !isFacilitatorRole(board.identity.sessionRole)) return null
  return <ReportSettingsForm doc={board.doc} />
}

const FIELDS = [
  ['organisation', 'Organisation', 1],
  ['summary', 'Summary', 4],
  ['purpose', 'Purpose of the workshop', 2],
  ['whoTookPart', 'Who took part (in role terms; the roles are counted for you)', 2],
  ['nextSteps', 'Next steps', 3],
] as const

export function ReportSettingsForm({ doc }: { doc: Y.Doc }) {
  const { store } = useServices()
  const saved = useMapsValue(doc, ['workshop'], readReportSettings)
  const [draft, setDraft] = useState<ReportSettings>(saved)
  useEffect(() => setDraft(saved), [saved])
  const id = useId()
  const save = () => {
    writeReportSettings(doc, draft)
    store.announce('Report text and sections saved.')
  }
  return (
    <details className="export-report-settings" data-testid="report-settings">
      <summary>Report: summary, context and sections</summary>
      {FIELDS.map(([key, label, rows]) => (
        <label key={key} className="export-field" htmlFor={`${id}-${key}`}>
          {label}
          {rows === 1 ? (
            <input
              id={`${id}-${key}`}
              value={draft[key]}
              maxLength={200}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            />
          ) : (
            <textarea
              id={`${id}-${key}`}
              rows={rows}
              value={draft[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            />
          )}
        </label>
      ))}
      <LogoField value={draft.logo} onChange={(logo) => setDraft({ ...draft, logo })} />
      <fieldset>
        <legend>Sections in the report</legend>
        {REPORT_SECTIONS.map((s) => (
          <label key={s} className="export-check">
            <input
              type="checkbox"
              checked={!draft.hidden.includes(s)}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  hidden: e.target.checked ? draft.hidden.filter((x) => x !== s) : [...draft.hidden, s],
                })
              }
            />{' '}
            {REPORT_SECTION_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button primary" onClick={save} data-testid="report-settings-save">
        Save report text
      </button>
    </details>
  )
}
