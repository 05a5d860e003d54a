import type * as Y from 'yjs'
import { readAgenda, writeAgenda } from './facilitation/state'
import { activityArray, sessionMap, WORKSHOP_KEYS } from './session/docSchema'
import { writeMeta } from './session/write'

/**
 * Turns a copy of a session into a fresh run of it (sessions.duplicate without `keepLiveState`): the
 * structure, the cards, the agenda's plan, the participant registry (cards stay attributed) and
 * withdrawals stay; what belonged to the run that was copied goes — the current activity, the timer,
 * revealed private writing, spotlight, follow-the-lead, shown results, passes, voting rounds and
 * ballots, the board trash and the activity log. `meta` names the copy.
 */
export function startFreshRun(
  doc: Y.Doc,
  meta: { sessionId: string; title: string },
  origin: unknown = null,
): void {
  doc.transact(() => {
    writeMeta(doc, meta, origin)
    const workshop = sessionMap(doc, 'workshop')
    workshop.delete(WORKSHOP_KEYS.timer)
    workshop.delete(WORKSHOP_KEYS.reveal)
    const agenda = readAgenda(doc)
    if (agenda.currentIndex !== -1) writeAgenda(doc, { ...agenda, currentIndex: -1 }, origin)
    for (const name of ['facilitation', 'voting', 'ballots', 'trash'] as const) {
      const m = sessionMap(doc, name)
      for (const k of [...m.keys()]) m.delete(k)
    }
    const log = activityArray(doc)
    if (log.length > 0) log.delete(0, log.length)
  }, origin)
}
