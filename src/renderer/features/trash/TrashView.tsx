import { isFacilitatorRole } from '../../../core/common/permissions'
import { readParticipants } from '../../../core/common/session/read'
import { trashedId, trashedText, type TrashEntry } from '../../../core/common/session/trash'
import { useBoardSession } from '../../session/useBoardSession'
import { useDocValue } from '../../session/useDoc'
import { restoreEntry, useTrash } from '../../session/trash'
import { useServices } from '../../workbench/context'
import { actorLabel, preview, timeLabel } from './labels'
import { kindLabel, useT } from '../../device/i18n'
import './trash.css'

/**
 * The board trash of the open session: every card, stage, lane and zone that was deleted, by whom and
 * when (the relay records it, ADR 0041). A facilitator restores from here; undo and the outline restore
 * too.
 */
export function TrashView() {
  const board = useBoardSession()?.board ?? null
  const { store } = useServices()
  const t = useT()
  const trash = useTrash(board?.doc ?? null)
  const people = useDocValue(board?.doc ?? null, (d) => readParticipants(d), [], 500) ?? []
  if (!board) return <p className="muted">{t('trash.noSession')}</p>
  const registry = new Map(people.map((p) => [p.id, p]))
  const canRestore = isFacilitatorRole(board.identity.sessionRole)
  const restore = (e: TrashEntry) => {
    const r = restoreEntry(board, e)
    if (r.ok) store.announce(r.message)
    else store.notify('error', r.message)
  }
  return (
    <section className="view trash-view" aria-labelledby="trash-title" data-testid="trash-view">
      <h3 id="trash-title" className="section-title">
        {t('trash.title')}
      </h3>
      {trash.length === 0 ? (
        <p className="muted">{t('trash.empty')}</p>
      ) : (
        <ul className="trash-list" aria-label={t('trash.title')}>
          {trash.map((e) => {
            const what =
              e.kind === 'card'
                ? `${kindLabel(t, e.record.props.kind)}: ${preview(e.record.props.text, 80, t('trash.emptyCard'))}`
                : `${t(`trash.kind.${e.kind}`)}: ${preview(trashedText(e), 80, t('trash.emptyCard'))}`
            return (
              <li key={`${e.kind}:${trashedId(e)}`} className="trash-item" data-trash-id={trashedId(e)}>
                <span className="trash-what">{what}</span>
                <span className="trash-meta">
                  {t('trash.deletedBy', { who: actorLabel(e.by, registry, t), time: timeLabel(e.at) })}
                </span>
                {canRestore && (
                  <button type="button" className="button small" onClick={() => restore(e)}>
                    {t('trash.restore')}
                    <span className="visually-hidden"> {what}</span>
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {!canRestore && trash.length > 0 && <p className="muted">{t('trash.facilitatorRestores')}</p>}
    </section>
  )
}
