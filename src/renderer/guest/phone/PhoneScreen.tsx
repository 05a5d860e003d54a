import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { GuestSessionInfo } from '../../../shared/api/contract'
import type { CardAuthor } from '../../../core/common/cards/card'
import type { GuestIdentity } from '../joinExchange'
import type { GuestProfile, GuestRole } from '../guestIdentity'
import { isDeadLinkClose, type JoinLink } from '../joinLink'
import { readyToSend } from './outbox'
import { usePhone, usePhoneParts, type Phone, type PhoneParts, type Place } from './usePhone'
import { NowPanel } from './NowPanel'
import { AddPanel } from './AddPanel'
import { BoardPanel } from './BoardPanel'
import { VotePanel } from './VotePanel'
import { PhoneResults } from './PhoneResults'
import { MenuPanel } from './MenuPanel'
import type { MessageKey } from '../../../shared/i18n'
import { useT } from '../../device/i18n'
import { closeWords } from '../../board/sync/closeMessage'
import './phone.css'

type Joined = GuestProfile & { coproRole: GuestRole }

export interface PhoneRootProps {
  link: JoinLink
  info: GuestSessionInfo
  identity: GuestIdentity
  profile: Joined
  onProfile(profile: Joined): void
  onDead(): void
}

const PLACE_WORDS: Record<Place, { label: MessageKey; icon: string }> = {
  now: { label: 'phone.place.now', icon: '◷' },
  add: { label: 'phone.place.add', icon: '+' },
  board: { label: 'phone.place.board', icon: '☰' },
  vote: { label: 'phone.place.vote', icon: '●' },
  results: { label: 'phone.place.results', icon: '▤' },
  menu: { label: 'phone.place.menu', icon: '⋯' },
}

/** The author of this phone's cards: the name only with consent (CardAuthor, cards/card.ts). */
export function authorOf(identity: GuestIdentity, profile: Joined): CardAuthor {
  return {
    id: identity.participantId,
    name: profile.name,
    anonymous: profile.anonymous,
    coproRole: profile.coproRole,
  }
}

/** Makes the phone's parts for the session, then shows the screen. */
export function PhoneRoot(props: PhoneRootProps) {
  const author = authorOf(props.identity, props.profile)
  const parts = usePhoneParts(props.link.sessionId, props.identity, author)
  if (!parts) return null
  return <PhoneScreen {...props} parts={parts} author={author} />
}

function PhoneScreen({
  link,
  info,
  identity,
  profile,
  onProfile,
  onDead,
  parts,
  author,
}: PhoneRootProps & { parts: PhoneParts; author: CardAuthor }) {
  const t = useT()
  const phone = usePhone(parts, identity, author)
  const observer = identity.role === 'observer'
  const [place, setPlace] = useState<Place>('now')
  const voting = phone.snap.openRound !== null && !observer
  // after a round closes, the results the facilitator shows (PhoneResults)
  const results = !voting && phone.snap.results !== null
  const shown: Place = (place === 'vote' && !voting) || (place === 'results' && !results) ? 'now' : place
  const extra: Place[] = voting ? ['vote'] : results ? ['results'] : []
  const places: Place[] = observer
    ? ['now', 'board', ...(results ? (['results'] as const) : [])]
    : ['now', 'add', 'board', ...extra]
  const navPlaces: Place[] = [...places, 'menu']
  const headingRef = useRef<HTMLHeadingElement>(null)
  const moved = useRef(false)
  const ids = { title: useId() }

  // a permanent close that says the link is dead ends the visit
  useEffect(() => {
    const code = phone.status.closedWith
    if (code !== null && isDeadLinkClose(code)) onDead()
  }, [phone.status.closedWith, onDead])

  // after choosing a place, the page starts at its heading (focus moves there, for screen readers too)
  useLayoutEffect(() => {
    if (!moved.current) return
    moved.current = false
    window.scrollTo(0, 0)
    headingRef.current?.focus()
  }, [shown])

  const go = (p: Place) => {
    moved.current = true
    setPlace(p)
  }

  return (
    <div className="phone" data-testid="phone-screen" data-role={identity.role} data-place={shown}>
      <header className="phone-top">
        <p className="phone-top__title" id={ids.title} dir="auto">
          {info.title}
        </p>
        <ConnectionBanner phone={phone} observer={observer} />
        <nav className="phone-nav" aria-label={t('phone.nav.label')}>
          {navPlaces.map((p) => (
            <button
              key={p}
              type="button"
              className="phone-nav__btn"
              aria-current={shown === p ? 'page' : undefined}
              data-testid={`phone-go-${p}`}
              onClick={() => go(p)}
            >
              <span aria-hidden="true" className="phone-nav__icon">
                {PLACE_WORDS[p].icon}
              </span>
              {t(PLACE_WORDS[p].label)}
              {p === 'vote' && <span className="visually-hidden"> {t('phone.nav.voteOpen')}</span>}
            </button>
          ))}
        </nav>
      </header>
      <main className="phone-main" aria-labelledby={`${ids.title}-h`}>
        <h1 id={`${ids.title}-h`} className="phone-h1" tabIndex={-1} ref={headingRef}>
          {t(PLACE_WORDS[shown].label)}
        </h1>
        {observer && (
          <p className="phone-note" data-testid="phone-observer-note">
            {t('phone.observerNote')}
          </p>
        )}
        {shown === 'now' && <NowPanel phone={phone} observer={observer} onGo={go} />}
        {shown === 'add' && <AddPanel phone={phone} onGo={go} />}
        {shown === 'board' && <BoardPanel phone={phone} me={identity.participantId} observer={observer} />}
        {shown === 'vote' && <VotePanel phone={phone} me={identity.participantId} />}
        {shown === 'results' && <PhoneResults phone={phone} />}
        {shown === 'menu' && (
          <MenuPanel
            phone={phone}
            link={link}
            identity={identity}
            profile={profile}
            observer={observer}
            onProfile={onProfile}
          />
        )}
      </main>
    </div>
  )
}

/**
 * Says when the connection is lost or back, in the page's flow (never over content): lost stays until
 * the connection is back; "back" stays until the next change.
 */
function ConnectionBanner({ phone, observer }: { phone: Phone; observer: boolean }) {
  const t = useT()
  const { link, synced } = phone.status
  const [wasLost, setWasLost] = useState(false)
  const online = link === 'connected' && synced
  useEffect(() => {
    if (link === 'offline') setWasLost(true)
  }, [link])
  // cards of a private activity wait for the reveal, not for the connection
  const waiting = phone.waiting.filter((c) => readyToSend(c, phone.snap.revealed)).length
  let text = ''
  let tone: 'lost' | 'back' | 'wait' | '' = ''
  if (phone.status.closedWith !== null) {
    // the relay's reason in plain words (close codes: board/sync/closeMessage.ts)
    text = closeWords(t, phone.status.closedWith) ?? t('conn.closed')
    tone = 'lost'
  } else if (link === 'offline') {
    text = observer ? t('conn.lostObserver') : t('conn.lost')
    tone = 'lost'
  } else if (online && wasLost) {
    text = t('conn.back')
    tone = 'back'
  } else if (!online) {
    text = t('conn.connecting')
    tone = 'wait'
  }
  return (
    <div
      className="phone-status"
      role="status"
      data-testid="phone-connection"
      data-link={online ? 'online' : link}
      data-closed={phone.status.closedWith ?? undefined}
    >
      {text && (
        <p className={`phone-banner phone-banner--${tone}`} data-testid="phone-banner">
          {text}
          {waiting > 0 && !observer && ` ${t('conn.waiting', { count: waiting })}`}
        </p>
      )}
    </div>
  )
}
