import type { WorkshopSnapshot } from '../../session/workshop'
import { roundHow } from '../../../core/common/voting/describe'
import type { VotingBridge } from '../../session/votingBridge'
import { VotingNote } from './OutlineParts'
import { useT } from '../../device/i18n'

/** What is happening now: the current activity and the open voting round, if any. */
export function OutlineNow({
  snapshot,
  voting,
}: {
  snapshot: WorkshopSnapshot
  voting: VotingBridge | null
}) {
  const t = useT()
  const current =
    snapshot.agenda.currentIndex >= 0 ? snapshot.agenda.activities[snapshot.agenda.currentIndex] : null
  const openRound = snapshot.rounds.find((r) => r.status === 'open') ?? null
  if (!current && !openRound) return null
  return (
    <section className="outline-now" aria-label={t('outline.now.label')}>
      {current && (
        <p>
          <strong>{t('outline.now.title')}</strong> {current.title}
          {current.instructions ? ` — ${current.instructions}` : ''}
          {current.private ? ` ${t('outline.now.private')}` : ''}
        </p>
      )}
      {openRound && (
        <VotingNote
          title={openRound.title}
          dots={openRound.dotsPerPerson}
          voting={voting}
          how={openRound.method === 'dots' ? undefined : roundHow(openRound, t)}
        />
      )}
    </section>
  )
}
