import type { BoardStructure } from '../../../shared/model/structure'
import { useStructure } from '../../board/structure/useStructure'
import type { SessionBoard } from '../../session/BoardSession'
import { useServices } from '../../workbench/context'
import { ItemList } from './StructureItemList'
import { useT } from '../../device/i18n'

/**
 * "Board structure": the open board's stages and lanes (or zones). Facilitators can add, rename,
 * reorder and remove them and edit their prompts; cards move so they stay in their cells.
 */
export function StructureEditor({ board }: { board: SessionBoard }) {
  const structure = useStructure(board.doc)
  const canEdit = board.canEditStructure()
  const { store } = useServices()
  const t = useT()
  return (
    <div className="structure-editor" data-testid="structure-editor">
      {structure && (
        <div className="view-actions">
          <button type="button" className="button small" onClick={() => board.zoomToStructure()}>
            {t('templates.structure.showAll')}
          </button>
          {canEdit && board.structureUndoDepth() > 0 && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                const r = board.undoStructureEdit()
                if (!r.ok) store.notify('error', t('templates.structure.undoFailed', { error: r.message }))
                else store.announce(t('templates.structure.undone'))
              }}
            >
              {t('templates.structure.undo')}
            </button>
          )}
        </div>
      )}
      {!structure ? (
        <p className="muted">{t('templates.structure.none')}</p>
      ) : !canEdit ? (
        <>
          <p className="muted">{t('templates.structure.facilitatorsOnly')}</p>
          <Summary structure={structure} />
        </>
      ) : structure.type === 'grid' ? (
        <>
          <ItemList kind="stage" items={structure.stages} structure={structure} board={board} />
          <ItemList kind="lane" items={structure.lanes} structure={structure} board={board} />
        </>
      ) : (
        <ItemList kind="zone" items={structure.zones} structure={structure} board={board} />
      )}
    </div>
  )
}

function Summary({ structure }: { structure: BoardStructure }) {
  const items = structure.type === 'grid' ? [...structure.stages, ...structure.lanes] : structure.zones
  return (
    <ul className="structure-list">
      {items.map((x) => (
        <li key={x.id}>{x.label}</li>
      ))}
    </ul>
  )
}
