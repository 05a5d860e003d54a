import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { CardAuthor } from '../../../core/common/cards/card'
import { registerParticipant } from '../../../core/common/session/write'
import { publishPendingBallots } from '../../../core/common/voting/ballots'
import { LocalVotes } from '../../session/localVotes'
import { relayClockFor, type RelayClock } from '../../session/relayClock'
import type { GuestIdentity } from '../joinExchange'
import { guestSyncUrl } from '../joinLink'
import { PhoneConnection, type PhoneStatus } from './connection'
import { Outbox, readyToSend, toPhoneCard, type WaitingCard } from './outbox'
import { readPhoneSnapshot, type PhoneSnapshot } from './snapshot'
import { writePhoneCard } from './writeCard'
import { useModeration, type ModerationView } from '../../session/moderation'
import { ownCardsSettled, submitForApproval } from './moderated'

/**
 * Everything one open phone screen holds for a session — its connection, document snapshot, cards
 * waiting to send, dots and relay clock — made when the screen opens and disposed when it closes
 * (no module-level state). Sending is one rule: whenever the phone is connected and synced (and after
 * every document change), each waiting card that may be shared is written, then forgotten.
 */
/** The places of the participant screen (Menu included). */
export type Place = 'now' | 'add' | 'board' | 'vote' | 'results' | 'menu'

export interface Phone {
  readonly conn: PhoneConnection
  readonly status: PhoneStatus
  readonly snap: PhoneSnapshot
  readonly waiting: readonly WaitingCard[]
  readonly outbox: Outbox
  readonly votes: LocalVotes
  readonly clock: RelayClock
  readonly author: CardAuthor
  /** Whether cards wait for the facilitator, this person's waiting cards and decisions. */
  readonly moderation: ModerationView
  /** Keeps the card on this phone and sends it as soon as it may go; returns whether it went now. */
  add(card: WaitingCard): boolean
}

export interface PhoneParts {
  conn: PhoneConnection
  outbox: Outbox
  votes: LocalVotes
  clock: RelayClock
}

/** The phone's parts for a session, made in an effect (so StrictMode's second run gets fresh ones). */
export function usePhoneParts(
  sessionId: string,
  identity: GuestIdentity,
  author: CardAuthor,
): PhoneParts | null {
  const [parts, setParts] = useState<PhoneParts | null>(null)
  const first = useRef(author)
  useEffect(() => {
    const syncUrl = guestSyncUrl()
    const a = first.current
    const p: PhoneParts = {
      conn: new PhoneConnection(syncUrl, sessionId, identity.syncToken, {
        id: identity.participantId,
        name: a.anonymous ? '' : a.name,
        coproRole: a.coproRole,
        sessionRole: identity.role,
      }),
      outbox: new Outbox(Outbox.keyFor(sessionId, identity.participantId)),
      votes: new LocalVotes(sessionId),
      clock: relayClockFor(syncUrl),
    }
    const release = p.clock.retain()
    setParts(p)
    return () => {
      release()
      p.clock.dispose()
      p.votes.dispose()
      p.conn.dispose()
    }
  }, [sessionId, identity.syncToken, identity.participantId, identity.role])
  return parts
}

export function usePhone(parts: PhoneParts, identity: GuestIdentity, author: CardAuthor): Phone {
  const observer = identity.role === 'observer'
  const { conn, outbox, votes, clock } = parts
  const status = useSyncExternalStore(
    (l) => conn.subscribe(l),
    () => conn.get(),
  )
  const waiting = useSyncExternalStore(outbox.subscribe, outbox.list)
  const moderation = useModeration(conn.moderation)
  // cards sent for approval on this connection (sent again after a reconnect; the relay ignores repeats)
  const submitted = useRef(new Set<string>())
  useEffect(() => {
    if (status.link !== 'connected') submitted.current.clear()
  }, [status.link])
  const [snap, setSnap] = useState<PhoneSnapshot>(() => readPhoneSnapshot(conn.doc))
  const authorRef = useRef(author)
  authorRef.current = author

  useEffect(() => {
    conn.setIdentity({
      id: identity.participantId,
      name: author.anonymous ? '' : author.name,
      coproRole: author.coproRole,
      sessionRole: identity.role,
    })
  }, [conn, identity.participantId, identity.role, author.anonymous, author.name, author.coproRole])

  // the snapshot follows the document (at most once a frame)
  useEffect(() => {
    let frame = 0
    const onUpdate = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setSnap(readPhoneSnapshot(conn.doc))
      })
    }
    conn.doc.on('update', onUpdate)
    onUpdate()
    return () => {
      conn.doc.off('update', onUpdate)
      cancelAnimationFrame(frame)
    }
  }, [conn])

  const flush = useMemo(
    () => (): void => {
      const s = conn.get()
      if (observer || s.link !== 'connected' || !s.synced) return
      const revealed = readPhoneSnapshot(conn.doc).revealed
      const moderated = conn.moderation.get().mine?.moderated === true
      for (const card of outbox.list()) {
        if (!readyToSend(card, revealed)) continue
        if (moderated) {
          submitForApproval(conn, card, authorRef.current, submitted.current)
          continue
        }
        writePhoneCard(conn.doc, toPhoneCard(card), authorRef.current)
        outbox.remove(card.id)
      }
    },
    [conn, outbox, observer],
  )

  // the relay took a card for approval (or decided it, or it is on the board): it leaves the outbox
  useEffect(() => {
    for (const id of ownCardsSettled(conn.doc, moderation, outbox.list())) outbox.remove(id)
    flush()
  }, [conn, moderation, outbox, flush])

  // connected and synced: register, send what waits, publish the ballots of closed rounds
  useEffect(() => {
    if (observer || status.link !== 'connected' || !status.synced) return
    const a = authorRef.current
    registerParticipant(
      conn.doc,
      { id: a.id, name: a.name, anonymous: a.anonymous, coproRole: a.coproRole, sessionRole: 'participant' },
      Date.now(),
    )
    const onUpdate = () => {
      flush()
      publishPendingBallots(
        conn.doc,
        { id: authorRef.current.id, coproRole: authorRef.current.coproRole },
        (roundId) => votes.answers(roundId, authorRef.current.id),
        clock.now(),
      )
    }
    onUpdate()
    conn.doc.on('update', onUpdate)
    return () => conn.doc.off('update', onUpdate)
  }, [observer, status.link, status.synced, conn, flush, votes, clock])

  const add = (card: WaitingCard): boolean => {
    outbox.add(card)
    flush()
    return !outbox.list().some((c) => c.id === card.id)
  }

  return { conn, status, snap, waiting, outbox, votes, clock, author, moderation, add }
}
