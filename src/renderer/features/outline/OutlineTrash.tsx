import { isFacilitatorRole } from '../../../core/common/permissions'
import { trashedId, trashedText } from '../../../core/common/session/trash'
import type { SessionBoard } from '../../session/BoardSession'
import { restoreEntry, useTrash } from '../../session/trash'
import { useT } from '../../device/i18n'

const SHOWN = 5

/** The outline's way back for what was deleted: the latest deletions, restorable by a facilitator. */
export function OutlineTrash({ board, say }: { board: SessionBoard; say(message: string): void }) {
  const t = useT()
  const trash = useTrash(board.doc)
  if (trash.length === 0 || !isFacilitatorRole(board.identity.sessionRole)) return null
  return (
    <section className="outline-trash" aria-labelledby="outline-trash-title" data-testid="outline-trash">
      <h3 id="outline-trash-title" className="outline-subtitle">
        {t('outline.trash.title')}
      </h3>
      <ul>
        {trash.slice(0, SHOWN).map((e) => {
          const what =
            e.kind === 'card'
              ? e.record.props.text || t('trash.emptyCard')
              : `${t(`trash.kind.${e.kind}`)}: ${trashedText(e)}`
          return (
            <li key={`${e.kind}:${trashedId(e)}`}>
              <span dir="auto">{what.length > 80 ? `${what.slice(0, 79)}…` : what}</span>{' '}
              <button
                type="button"
                className="button small"
                onClick={() => say(restoreEntry(board, e).message)}
              >
                {t('trash.restore')}
                <span className="visually-hidden"> {what.slice(0, 80)}</span>
              </button>
            </li>
          )
        })}
      </ul>
      {trash.length > SHOWN && <p className="muted">{t('outline.trash.more', { count: trash.length })}</p>}
    </section>
  )
}
