import { useMemo } from 'react'
import { readParticipants } from '../../../core/common/session/read'
import type { ActivityEntry } from '../../../core/common/session/activity'
import { trashedId, trashedText } from '../../../core/common/session/trash'
import type { SessionBoard } from '../../session/BoardSession'
import { useBoardSession } from '../../session/useBoardSession'
import { useCards } from '../../session/useCards'
import { useComments } from '../../session/comments'
import { useDocValue } from '../../session/useDoc'
import { useActivity, useTrash } from '../../session/trash'
import { actorLabel, preview, timeLabel } from './labels'

const SHOWN = 200

const VERB: Record<ActivityEntry['action'], string> = {
  created: 'added',
  edited: 'edited',
  moved: 'moved',
  deleted: 'deleted',
  restored: 'restored',
  hidden: 'hid',
  held: 'sent for approval',
  approved: 'approved',
  'not-shown': 'did not show',
}

/**
 * The session activity log: who (pseudonymous, a name only with consent) added, edited, moved, deleted
 * or restored which card, stage, lane or zone, and when — newest first. Written by the relay, so it
 * holds every client's changes whatever client they used.
 */
export function ActivitySection() {
  const board = useBoardSession()?.board ?? null
  const log = useActivity(board?.doc ?? null)
  const trash = useTrash(board?.doc ?? null)
  const people = useDocValue(board?.doc ?? null, (d) => readParticipants(d), [], 500) ?? []
  if (!board) return null
  return <ActivityList log={log} board={board} trashTexts={trash} people={people} />
}

function ActivityList({
  log,
  board,
  trashTexts,
  people,
}: {
  log: ActivityEntry[]
  board: SessionBoard
  trashTexts: ReturnType<typeof useTrash>
  people: ReturnType<typeof readParticipants>
}) {
  const cards = useCards(board, true, 500)
  const { comments } = useComments(board.doc)
  const names = useMemo(() => {
    const m = new Map<string, string>()
    for (const c of comments) m.set(c.id, c.text)
    for (const e of trashTexts) m.set(trashedId(e), trashedText(e))
    for (const c of cards) m.set(c.id, c.props.text)
    return m
  }, [cards, trashTexts, comments])
  const registry = new Map(people.map((p) => [p.id, p]))
  return (
    <section className="view trash-activity" aria-labelledby="activity-title" data-testid="activity-log">
      <h3 id="activity-title" className="section-title">
        Activity
      </h3>
      {log.length === 0 ? (
        <p className="muted">Nothing has happened on this board yet.</p>
      ) : (
        <ol className="activity-log-list" aria-label="Activity, newest first">
          {log.slice(0, SHOWN).map((e, i) => (
            <li key={`${e.at}-${i}`} className="activity-log-item">
              <span className="trash-meta">{timeLabel(e.at)}</span> {actorLabel(e.by, registry)}{' '}
              {VERB[e.action]} {e.target === 'card' ? 'card' : `the ${e.target}`} “
              {preview(names.get(e.id) ?? e.id, 60)}”
            </li>
          ))}
        </ol>
      )}
      {log.length > SHOWN && (
        <p className="muted">
          Showing the latest {SHOWN} of {log.length}. The JSON export has them all.
        </p>
      )}
    </section>
  )
}
