import { useEffect } from 'react'
import type * as Y from 'yjs'
import { publishPendingBallots } from '../../../../core/common/voting/ballots'
import type { BoardIdentity } from '../../../board/Board'
import type { BoardSession } from '../../../session/BoardSession'

/** Publishes this person's ballot once a round closes (also after reconnecting). */
export function useBallotPublishing(
  doc: Y.Doc,
  session: BoardSession,
  identity: BoardIdentity,
  relayNow: () => number,
): void {
  const observer = identity.sessionRole === 'observer'
  useEffect(() => {
    if (observer) return
    const publish = () =>
      void publishPendingBallots(
        doc,
        identity,
        (roundId) => session.votes.answers(roundId, identity.id),
        relayNow(),
      )
    publish()
    doc.on('update', publish)
    return () => doc.off('update', publish)
  }, [doc, session, observer, identity, relayNow])
}
