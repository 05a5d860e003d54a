import { useBoardSession } from '../../session/useBoardSession'
import { durabilityText, remotePublication, useRemoteDurability, useRemotePublish } from './remoteRelay'

/** In the status bar while the open session is published: whether the relay has stored the changes. */
export function RemoteSavedStatus() {
  const session = useBoardSession()
  const publication = session && !session.disposed ? session.scoped(remotePublication) : null
  const state = useRemotePublish(publication)
  const durability = useRemoteDurability(publication)
  if (state.state !== 'published' || durability === null) return null
  return (
    <span className={`status-item save-remote-${durability}`} data-testid="status-remote-saved" role="status">
      {durabilityText(durability, state.origin)}
    </span>
  )
}
