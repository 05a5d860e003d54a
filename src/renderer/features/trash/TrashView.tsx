import { isFacilitatorRole } from '../../../core/common/permissions'
import { readParticipants } from '../../../core/common/session/read'
import { trashedId, trashedText, type TrashEntry } from '../../../core/common/session/trash'
import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import { useBoardSession } from '../../session/useBoardSession'
import { useDocValue } from '../../session/useDoc'
import { restoreEntry, useTrash } from '../../session/trash'
import { useServices } from '../../workbench/context'
import { actorLabel, preview, timeLabel } from './labels'
import './trash.css'

const KIND_LABEL = { card: 'Card', stage: 'Stage', lane: 'Lane', zone: 'Zone', comment: 'Comment' } as const

/**
 * The board trash of the open session: every card, stage, lane and zone that was deleted, by whom and
 * when (the relay records it, ADR 0041). A facilitator restores from here; undo and the outline restore
 * too.
 */
export function TrashView() {
  const board = useBoardSession()?.board ?? null
  const { store } = useServices()
  const trash = useTrash(board?.doc ?? null)
  const people = useDocValue(board?.doc ?? null, (d) => readParticipants(d), [], 500) ?? []
  if (!board) return <p className="muted">Open a session to see what was deleted from its board.</p>
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
        Deleted from the board
      </h3>
      {trash.length === 0 ? (
        <p className="muted">Nothing has been deleted from this board.</p>
      ) : (
        <ul className="trash-list" aria-label="Deleted from the board">
          {trash.map((e) => {
            const what =
              e.kind === 'card'
                ? `${CARD_KIND_INFO[e.record.props.kind].label}: ${preview(e.record.props.text)}`
                : `${KIND_LABEL[e.kind]}: ${preview(trashedText(e))}`
            return (
              <li key={`${e.kind}:${trashedId(e)}`} className="trash-item" data-trash-id={trashedId(e)}>
                <span className="trash-what">{what}</span>
                <span className="trash-meta">
                  Deleted by {actorLabel(e.by, registry)} at {timeLabel(e.at)}
                </span>
                {canRestore && (
                  <button type="button" className="button small" onClick={() => restore(e)}>
                    Restore<span className="visually-hidden"> {what}</span>
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {!canRestore && trash.length > 0 && (
        <p className="muted">A facilitator can restore what was deleted.</p>
      )}
    </section>
  )
}
