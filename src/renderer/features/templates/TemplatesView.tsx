import { useEffect, useId, useRef } from 'react'
import { setStructureDisplay, useStructureDisplay } from '../../device/displayOptions'
import { useStructure } from '../../board/structure/useStructure'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { ImportTemplate } from './ImportTemplate'
import { ProblemList } from './ProblemList'
import { SaveStructureForm } from './SaveStructureForm'
import { StructureEditor } from './StructureEditor'
import { TemplateGallery } from './TemplateGallery'
import { useTemplates } from './useTemplates'
import { useT } from '../../device/i18n'
import { uiT } from '../../device/i18n/uiT'
import './templates.css'

/**
 * The Templates side-bar view: the open board's structure (facilitators edit it here), saving it as a
 * template, and the gallery of workshop templates with import.
 */
export function TemplatesView() {
  const { host, commands } = useServices()
  const { list, error, reload } = useTemplates(host)
  const board = useBoardSession()?.board ?? null
  const structure = useStructure(board?.doc)
  const importInput = useRef<HTMLInputElement>(null)
  const { easyRead } = useStructureDisplay()
  const easyId = useId()
  const t = useT()

  useEffect(
    () =>
      commands.register({
        id: 'templates.importFile',
        get title() {
          return uiT('templates.cmd.import')
        },
        get category() {
          return uiT('templates.category')
        },
        run: () => importInput.current?.click(),
      }),
    [commands],
  )

  return (
    <div className="view templates-view" data-testid="templates-view">
      <div className="radio">
        <input
          id={easyId}
          type="checkbox"
          checked={easyRead}
          aria-describedby={`${easyId}-help`}
          onChange={(e) => setStructureDisplay({ easyRead: e.target.checked })}
        />
        <label htmlFor={easyId}>{t('templates.easyRead.label')}</label>
      </div>
      <p id={`${easyId}-help`} className="help">
        {t('templates.easyRead.help')}
      </p>
      {board && (
        <section className="templates-section" aria-labelledby="templates-structure-title">
          <h3 id="templates-structure-title" className="section-title">
            {t('templates.structure.title')}
          </h3>
          <StructureEditor board={board} />
          {structure && board.canEditStructure() && (
            <details className="templates-save">
              <summary>{t('templates.save.summary')}</summary>
              <SaveStructureForm board={board} onSaved={reload} />
            </details>
          )}
        </section>
      )}
      <section
        className={board ? 'templates-section view-section' : 'templates-section'}
        aria-labelledby="templates-gallery-title"
      >
        <h3 id="templates-gallery-title" className="section-title">
          {t('templates.gallery.title')}
        </h3>
        <p className="help">{t('templates.gallery.help')}</p>
        <div className="view-actions">
          <ImportTemplate onImported={reload} inputRef={importInput} />
        </div>
        {error && (
          <p role="alert" className="notice-error">
            {t('templates.loadFailed', { error })}
          </p>
        )}
        {list && list.rejected.length > 0 && (
          <details className="templates-rejected" data-testid="templates-rejected">
            <summary>{t('templates.rejected', { count: list.rejected.length })}</summary>
            {list.rejected.map((r, i) => (
              <ProblemList key={i} file={r.name} problems={r.problems} />
            ))}
          </details>
        )}
        {list ? (
          <TemplateGallery entries={list.entries} />
        ) : (
          !error && <p className="muted">{t('sessions.loading')}</p>
        )}
      </section>
    </div>
  )
}
