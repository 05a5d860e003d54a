import type { WorkshopSnapshot } from '../../session/workshop'
import { roundHow } from '../../../core/common/voting/describe'
import type { VotingBridge } from '../../session/votingBridge'
import { VotingNote } from './OutlineParts'

/** What is happening now: the current activity and the open voting round, if any. */
export function OutlineNow({
  snapshot,
  voting,
}: {
  snapshot: WorkshopSnapshot
  voting: VotingBridge | null
}) {
  const current =
    snapshot.agenda.currentIndex >= 0 ? snapshot.agenda.activities[snapshot.agenda.currentIndex] : null
  const openRound = snapshot.rounds.find((r) => r.status === 'open') ?? null
  if (!current && !openRound) return null
  return (
    <section className="outline-now" aria-label="Now">
      {current && (
        <p>
          <strong>Now:</strong> {current.title}
          {current.instructions ? ` — ${current.instructions}` : ''}
          {current.private ? ' (private writing: your cards stay hidden until they are revealed)' : ''}
        </p>
      )}
      {openRound && (
        <VotingNote
          title={openRound.title}
          dots={openRound.dotsPerPerson}
          voting={voting}
          how={openRound.method === 'dots' ? undefined : roundHow(openRound)}
        />
      )}
    </section>
  )
}
