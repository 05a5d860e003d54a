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
import { useT } from '../../device/i18n'

const SHOWN = 200

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
  const t = useT()
  return (
    <section className="view trash-activity" aria-labelledby="activity-title" data-testid="activity-log">
      <h3 id="activity-title" className="section-title">
        {t('trash.activity.title')}
      </h3>
      {log.length === 0 ? (
        <p className="muted">{t('trash.activity.empty')}</p>
      ) : (
        <ol className="activity-log-list" aria-label={t('trash.activity.list')}>
          {log.slice(0, SHOWN).map((e, i) => (
            <li key={`${e.at}-${i}`} className="activity-log-item">
              <span className="trash-meta">{timeLabel(e.at)}</span>{' '}
              {t('trash.activity.entry', {
                who: actorLabel(e.by, registry, t),
                action: e.action === 'not-shown' ? 'notShown' : e.action,
                target: e.target,
                text: preview(names.get(e.id) ?? e.id, 60, t('trash.emptyCard')),
              })}
            </li>
          ))}
        </ol>
      )}
      {log.length > SHOWN && (
        <p className="muted">{t('trash.activity.more', { shown: SHOWN, count: log.length })}</p>
      )}
    </section>
  )
}
