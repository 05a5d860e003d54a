import { useEffect, useId, useState } from 'react'
import type * as Y from 'yjs'
import { isFacilitatorRole } from '../../../core/common/permissions'
import {
  readReportSettings,
  REPORT_SECTIONS,
  writeReportSettings,
  type ReportSettings,
} from '../../../core/common/export/report'
import { useBoardSession } from '../../session/useBoardSession'
import { useMapsValue } from '../../session/useDoc'
import { useServices } from '../../workbench/context'
import { LogoField } from './LogoField'
import { useT } from '../../device/i18n'
import { useSessionLanguage } from '../../session/useSessionLanguage'
import { LANGUAGES, type Language } from '../../../shared/i18n'

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
  ['organisation', 'export.report.field.organisation', 1],
  ['summary', 'export.report.field.summary', 4],
  ['purpose', 'export.report.field.purpose', 2],
  ['whoTookPart', 'export.report.field.whoTookPart', 2],
  ['nextSteps', 'export.report.field.nextSteps', 3],
] as const

/** The report's language: the session's (stored as []), one language, or two side by side (issue 19). */
const REPORT_LANGUAGES = [
  ['', 'export.report.language.session'],
  ['en', 'export.report.language.en'],
  ['cy', 'export.report.language.cy'],
  ['cy,en', 'export.report.language.cyEn'],
  ['en,cy', 'export.report.language.enCy'],
] as const

export function ReportSettingsForm({ doc }: { doc: Y.Doc }) {
  const { store } = useServices()
  const saved = useMapsValue(doc, ['workshop'], readReportSettings)
  const [draft, setDraft] = useState<ReportSettings>(saved)
  useEffect(() => setDraft(saved), [saved])
  const id = useId()
  const t = useT()
  const session = useSessionLanguage()
  const sessionLanguageName = LANGUAGES.find((l) => l.code === session.language)?.name ?? session.language
  const save = () => {
    writeReportSettings(doc, draft)
    store.announce(t('export.report.saved'))
  }
  return (
    <details className="export-report-settings" data-testid="report-settings">
      <summary>{t('export.report.summary')}</summary>
      <label className="export-field" htmlFor={`${id}-languages`}>
        {t('export.report.language')}
        <select
          id={`${id}-languages`}
          data-testid="report-language"
          value={draft.languages.join(',')}
          onChange={(e) =>
            setDraft({
              ...draft,
              languages: e.target.value ? (e.target.value.split(',') as Language[]) : [],
            })
          }
        >
          {REPORT_LANGUAGES.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key, { language: sessionLanguageName })}
            </option>
          ))}
        </select>
      </label>
      {FIELDS.map(([key, label, rows]) => (
        <label key={key} className="export-field" htmlFor={`${id}-${key}`}>
          {t(label)}
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
        <legend>{t('export.report.sections')}</legend>
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
            {t(`export.section.${s}`)}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button primary" onClick={save} data-testid="report-settings-save">
        {t('export.report.save')}
      </button>
    </details>
  )
}
