import { useEffect } from 'react'
import type * as Y from 'yjs'
import { registerParticipant } from '../../../../core/common/session/write'
import type { BoardIdentity } from '../../../board/Board'

/** Registers this person in the participant map (observers cannot write, so they are not registered). */
export function useParticipantRegistration(doc: Y.Doc, identity: BoardIdentity): void {
  const observer = identity.sessionRole === 'observer'
  useEffect(() => {
    if (observer) return
    registerParticipant(
      doc,
      {
        id: identity.id,
        name: identity.name,
        anonymous: identity.anonymous,
        coproRole: identity.coproRole,
        sessionRole: identity.sessionRole,
      },
      Date.now(),
    )
  }, [
    doc,
    observer,
    identity.id,
    identity.name,
    identity.anonymous,
    identity.coproRole,
    identity.sessionRole,
  ])
}
