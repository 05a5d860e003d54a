import { useEffect, useState } from 'react'
import { sessionMap } from '../../../core/common/session/docSchema'
import { readParticipants, readWithdrawn } from '../../../core/common/session/read'
import { writeWithdrawn } from '../../../core/common/session/write'
import { isFacilitatorRole } from '../../../core/common/permissions'
import type { Participant } from '../../../shared/model/participant'
import type { PresenceState } from '../../../shared/model/participant'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { roleLabel, useT } from '../../device/i18n'

/**
 * Participants of the open session: who has joined (and who is here now), their co-production role,
 * follow anyone's view, and — for facilitators — withdraw a person's contributions at their request:
 * their cards and votes leave every future export (the board keeps a record of the withdrawal).
 */
export function ParticipantsView() {
  const board = useBoardSession()?.board ?? null
  const { store } = useServices()
  const t = useT()
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
  if (!board) return <p className="muted">{t('participants.noSession')}</p>
  const here = new Set(peers.map((p) => p.user.id))
  // people, not connections: a guest with two tabs (one participant id) is one person
  const others = [...here].filter((id) => id !== board.identity.id).length
  here.add(board.identity.id)
  const isFacilitator = isFacilitatorRole(board.identity.sessionRole)
  const withdraw = (p: Participant) => {
    const who = p.anonymous || !p.name ? t('participants.thisAnonymous') : p.name
    if (!window.confirm(t('participants.withdrawQuestion', { who }))) return
    writeWithdrawn(board.doc, p.id, new Date().toISOString())
    store.announce(t('participants.withdrawnDone', { who }))
  }
  return (
    <div className="view participants-view">
      <p>{t('participants.here', { count: others })}</p>
      {people.length === 0 ? (
        <p className="muted">{t('participants.none')}</p>
      ) : (
        <ul className="session-list" aria-label={t('participants.list')} data-testid="participants-list">
          {people.map((p) => (
            <li key={p.id} className="session-row" data-participant={p.id}>
              <span className="session-title">
                {p.anonymous || !p.name ? t('participants.anonymous') : <bdi>{p.name}</bdi>}
                {p.id === board.identity.id ? ` ${t('participants.you')}` : ''}
              </span>
              <span className="session-meta">
                {roleLabel(t, p.coproRole)} ·{' '}
                {here.has(p.id) ? t('participants.hereNow') : t('participants.notConnected')}
                {withdrawn.has(p.id) ? ` · ${t('participants.withdrawn')}` : ''}
              </span>
              <div className="row-actions">
                {p.id !== board.identity.id && here.has(p.id) && (
                  <button type="button" className="button small" onClick={() => board.followUser(p.id)}>
                    {t('participants.follow')}
                    <span className="visually-hidden">
                      {' '}
                      {p.anonymous ? t('participants.anonymousPerson') : p.name}
                    </span>
                  </button>
                )}
                {isFacilitator && !withdrawn.has(p.id) && (
                  <button type="button" className="button small" onClick={() => withdraw(p)}>
                    {t('participants.withdraw')}
                    <span className="visually-hidden">
                      {' '}
                      {t('participants.withdrawOf', {
                        who: p.anonymous ? t('participants.anonymousPerson') : (p.name ?? ''),
                      })}
                    </span>
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
