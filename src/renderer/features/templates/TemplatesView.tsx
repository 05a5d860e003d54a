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

  useEffect(
    () =>
      commands.register({
        id: 'templates.importFile',
        title: 'Import template file…',
        category: 'Templates',
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
        <label htmlFor={easyId}>Show easy-read text</label>
      </div>
      <p id={`${easyId}-help`} className="help">
        Short sentences and everyday words, on the board and in the gallery.
      </p>
      {board && (
        <section className="templates-section" aria-labelledby="templates-structure-title">
          <h3 id="templates-structure-title" className="section-title">
            Board structure
          </h3>
          <StructureEditor board={board} />
          {structure && board.canEditStructure() && (
            <details className="templates-save">
              <summary>Save board structure as template</summary>
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
          Template gallery
        </h3>
        <p className="help">Pick a proven workshop method. A new session opens with its board ready.</p>
        <div className="view-actions">
          <ImportTemplate onImported={reload} inputRef={importInput} />
        </div>
        {error && (
          <p role="alert" className="notice-error">
            Could not load the templates: {error}
          </p>
        )}
        {list && list.rejected.length > 0 && (
          <details className="templates-rejected" data-testid="templates-rejected">
            <summary>
              {list.rejected.length === 1
                ? '1 template file could not be read'
                : `${list.rejected.length} template files could not be read`}
            </summary>
            {list.rejected.map((r, i) => (
              <ProblemList key={i} file={r.name} problems={r.problems} />
            ))}
          </details>
        )}
        {list ? <TemplateGallery entries={list.entries} /> : !error && <p className="muted">Loading…</p>}
      </section>
    </div>
  )
}
