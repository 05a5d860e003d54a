import { useEffect, useState } from 'react'
import { sessionMap } from '../../../core/common/session/docSchema'
import { readParticipants, readWithdrawn } from '../../../core/common/session/read'
import { writeWithdrawn } from '../../../core/common/session/write'
import { isFacilitatorRole } from '../../../core/common/permissions'
import type { Participant } from '../../../shared/model/participant'
import type { PresenceState } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'

/**
 * Participants of the open session: who has joined (and who is here now), their co-production role,
 * follow anyone's view, and — for facilitators — withdraw a person's contributions at their request:
 * their cards and votes leave every future export (the board keeps a record of the withdrawal).
 */
export function ParticipantsView() {
  const board = useBoardSession()?.board ?? null
  const { store } = useServices()
  const [people, setPeople] = useState<Participant[]>([])
  const [withdrawn, setWithdrawn] = useState<ReadonlySet<string>>(new Set())
  const [peers, setPeers] = useState<PresenceState[]>([])
  useEffect(() => {
    if (!board) return
    const doc = board.doc
    const read = () => {
      setPeople(readParticipants(doc))
      setWithdrawn(readWithdrawn(doc))
    }
    read()
    const pm = sessionMap(doc, 'participants')
    const wm = sessionMap(doc, 'withdrawn')
    pm.observe(read)
    wm.observe(read)
    setPeers(board.getPeers())
    const off = board.onPeers(setPeers)
    return () => {
      pm.unobserve(read)
      wm.unobserve(read)
      off()
    }
  }, [board])
  if (!board) return <p className="muted">Open a session to see who is here.</p>
  const here = new Set(peers.map((p) => p.user.id))
  // people, not connections: a guest with two tabs (one participant id) is one person
  const others = [...here].filter((id) => id !== board.identity.id).length
  here.add(board.identity.id)
  const isFacilitator = isFacilitatorRole(board.identity.sessionRole)
  const withdraw = (p: Participant) => {
    const who = p.anonymous || !p.name ? 'this anonymous person' : p.name
    if (
      !window.confirm(
        `Withdraw everything ${who} wrote and voted? It will be left out of every export from now on.`,
      )
    )
      return
    writeWithdrawn(board.doc, p.id, new Date().toISOString())
    store.announce(`Contributions of ${who} withdrawn from exports.`)
  }
  return (
    <div className="view participants-view">
      <p>
        {others === 0
          ? 'You are the only person on this board.'
          : others === 1
            ? 'You and 1 other person are on this board.'
            : `You and ${others} other people are on this board.`}
      </p>
      {people.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <ul className="session-list" aria-label="People in this session" data-testid="participants-list">
          {people.map((p) => (
            <li key={p.id} className="session-row" data-participant={p.id}>
              <span className="session-title">
                {p.anonymous || !p.name ? 'Anonymous' : p.name}
                {p.id === board.identity.id ? ' (you)' : ''}
              </span>
              <span className="session-meta">
                {COPRO_ROLE_INFO[p.coproRole].label} · {here.has(p.id) ? 'here now' : 'not connected'}
                {withdrawn.has(p.id) ? ' · contributions withdrawn' : ''}
              </span>
              <div className="row-actions">
                {p.id !== board.identity.id && here.has(p.id) && (
                  <button type="button" className="button small" onClick={() => board.followUser(p.id)}>
                    Follow
                    <span className="visually-hidden"> {p.anonymous ? 'anonymous person' : p.name}</span>
                  </button>
                )}
                {isFacilitator && !withdrawn.has(p.id) && (
                  <button type="button" className="button small" onClick={() => withdraw(p)}>
                    Withdraw contributions
                    <span className="visually-hidden"> of {p.anonymous ? 'anonymous person' : p.name}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
