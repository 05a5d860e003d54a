import { useT } from '../../device/i18n'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { htmlReport } from '../../../core/common/export'
import { frameChoices, type ExportFrame } from '../../board/export/frames'
import { useStructure } from '../../board/structure/useStructure'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useWorkbench } from '../../workbench/store'
import {
  DEFAULT_CHOICES,
  loadModel,
  OFFICE_FORMATS,
  saveExports,
  TEXT_FORMATS,
  type ExportChoices,
} from './exportFiles'
import { fetchReportImages } from './reportImages'
import { printHtml } from './printReport'
import { ReportPreview } from './ReportPreview'
import './exportView.css'
import { uiT } from '../../device/i18n/uiT'

const frameKey = (f: ExportFrame | null) => (f ? `${f.type}:${f.id}` : '')

/**
 * The Export side-bar view for the open session: choose formats (data, spreadsheets, reports, PDF,
 * pictures of the board or one part of it), whether consenting people's names appear, preview the
 * report, and save. Everything is computed from the live session document in this window.
 */
export function ExportView() {
  const { host, store, commands } = useServices()
  const t = useT()
  const board = useBoardSession()?.board ?? null
  const appVersion = useWorkbench(store, (s) => s.info?.version ?? '')
  const structure = useStructure(board?.doc)
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_CHOICES)
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ lines: string[]; problems: string[] } | null>(null)
  const [preview, setPreview] = useState<{ html: string; title: string } | null>(null)
  const ids = useId()
  const sessionId = board?.sessionId ?? null

  useEffect(() => {
    setResult(null)
    if (!sessionId) return
    let live = true
    void host.call('sessions.get', { id: sessionId }).then((r) => {
      if (live && r.ok) setTitle(r.value.title)
    })
    return () => {
      live = false
    }
  }, [host, sessionId])

  const frames = frameChoices(structure)
  const frame =
    choices.frame && frames.some((f) => frameKey(f.frame) === frameKey(choices.frame)) ? choices.frame : null
  const anyChosen =
    TEXT_FORMATS.some((f) => choices[f.key]) ||
    OFFICE_FORMATS.some((f) => choices[f.key]) ||
    choices.pdf ||
    choices.png ||
    choices.svg
  const stateRef = useRef({ board, choices: { ...choices, frame }, title, busy, appVersion })
  stateRef.current = { board, choices: { ...choices, frame }, title, busy, appVersion }

  const openPreview = useCallback(async () => {
    const { board: b, choices: c, title: t, appVersion: v } = stateRef.current
    if (!b) return
    const model = await loadModel({ doc: b.doc, sessionId: b.sessionId, host, appVersion: v }, c.includeNames)
    const images = await fetchReportImages(model, (ref) => b.imageUrl(ref))
    setPreview({ html: htmlReport(model, images), title: t || model.session.title })
  }, [host])

  const save = useCallback(async () => {
    const { board: b, choices: c, title: ttl, busy: isBusy, appVersion: v } = stateRef.current
    if (!b || isBusy) return
    setBusy(true)
    setResult(null)
    try {
      const outcome = await saveExports(c, {
        doc: b.doc,
        sessionId: b.sessionId,
        host,
        appVersion: v,
        title: ttl,
        exportImage: (format, frame, cards) => b.exportImage(format, { frame, cards }),
        printHtml,
        imageUrl: (ref) => b.imageUrl(ref),
      })
      const lines = outcome.saved.map((f) => f.name)
      if (outcome.printed) lines.push(t('export.pdfPrinted'))
      setResult({ lines, problems: outcome.problems })
      const summary = t('export.saved', { saved: outcome.saved.length, problems: outcome.problems.length })
      store.notify(
        outcome.problems.length ? 'warning' : 'info',
        t('export.notice', { summary, details: outcome.problems.join(' ') }),
      )
      store.announce(summary)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      setResult({ lines: [], problems: [message] })
      store.notify('error', t('export.failed', { message }))
    } finally {
      setBusy(false)
    }
  }, [host, store, t])

  useEffect(() => {
    if (!sessionId) return
    return commands.register(
      {
        id: 'export.save',
        get title() {
          return uiT('export.cmd.save')
        },
        get category() {
          return uiT('export.category')
        },
        run: () => void save(),
      },
      {
        id: 'export.preview',
        get title() {
          return uiT('export.cmd.preview')
        },
        get category() {
          return uiT('export.category')
        },
        run: () => void openPreview(),
      },
    )
  }, [commands, sessionId, save, openPreview])

  if (!board) {
    return (
      <div className="view export-view">
        <p className="muted">{t('export.noSession')}</p>
      </div>
    )
  }

  const set = (patch: Partial<ExportChoices>) => setChoices((c) => ({ ...c, ...patch }))
  const check = (key: keyof ExportChoices, label: string, help?: string) => (
    <label className="radio" key={key}>
      <input
        type="checkbox"
        checked={choices[key] === true}
        onChange={(e) => set({ [key]: e.target.checked })}
        aria-describedby={help ? `${ids}-${key}-help` : undefined}
      />
      <span>
        {label}
        {help && (
          <span className="help" id={`${ids}-${key}-help`}>
            <br />
            {help}
          </span>
        )}
      </span>
    </label>
  )

  // the formats' keys are not words: these are made outside the JSX the i18n lint reads
  const pdfCheck = check(
    'pdf',
    t('export.format.pdf.label'),
    host.kind === 'electron' ? t('export.format.pdf.electron') : t('export.format.pdf.browser'),
  )
  const pngCheck = check('png', t('export.format.png'))
  const svgCheck = check('svg', t('export.format.svg'))
  const namesCheck = check('includeNames', t('export.names'), t('export.names.help'))
  return (
    <div className="view export-view" data-testid="export-view">
      <p className="help">{t('export.intro', { title: title || t('export.thisSession') })}</p>
      <fieldset className="fieldset">
        <legend>{t('export.files')}</legend>
        {TEXT_FORMATS.map((f) =>
          check(f.key, t(`export.format.${f.key}.label`), t(`export.format.${f.key}.help`)),
        )}
        {pdfCheck}
        {OFFICE_FORMATS.map((f) =>
          check(f.key, t(`export.format.${f.key}.label`), t(`export.format.${f.key}.help`)),
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('export.pictures')}</legend>
        {pngCheck}
        {svgCheck}
        <label className="field-label" htmlFor={`${ids}-frame`}>
          {t('export.pictureOf')}
        </label>
        <select
          id={`${ids}-frame`}
          value={frameKey(frame)}
          onChange={(e) =>
            set({ frame: frames.find((f) => frameKey(f.frame) === e.target.value)?.frame ?? null })
          }
        >
          <option value="">{t('export.wholeBoard')}</option>
          {frames.map((f) => (
            <option key={frameKey(f.frame)} value={frameKey(f.frame)}>
              {f.label}
            </option>
          ))}
        </select>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('export.privacy')}</legend>
        {namesCheck}
      </fieldset>
      <div className="view-actions">
        <button type="button" className="button" onClick={() => void openPreview()}>
          {t('export.preview')}
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => void save()}
          disabled={busy || !anyChosen}
          aria-busy={busy}
        >
          {busy ? t('export.saving') : t('export.save')}
        </button>
      </div>
      <p className="help">
        {host.kind === 'electron' ? t('export.files.electron') : t('export.files.browser')}
      </p>
      <div role="status" aria-live="polite" data-testid="export-result">
        {result && (
          <>
            {result.lines.length > 0 && (
              <ul className="export-result small">
                {result.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
            {result.problems.map((p) => (
              <p key={p} className="notice-error small">
                {p}
              </p>
            ))}
          </>
        )}
      </div>
      {preview && (
        <ReportPreview html={preview.html} title={preview.title} onClose={() => setPreview(null)} />
      )}
    </div>
  )
}
