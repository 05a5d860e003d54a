import { useSyncExternalStore } from 'react'
import { KindIcon } from '../../device/icons/KindIcon'
import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import { dotsOn } from '../../../core/common/voting/ballots'
import type { Phone } from './usePhone'
import { kindLabel, useT } from '../../device/i18n'
import { DecidePanel } from './DecidePanel'

/**
 * Vote: while a round is open, each card that may take dots as a row with its full text and a control
 * of fixed size — "Take a dot back", the count, "Add a dot" — that never moves or changes size under the
 * finger (buttons that cannot act say so instead of disappearing). Dots stay on this phone until the
 * round closes (session/localVotes.ts), then the ballot is published (voting/ballots.ts).
 */
export function VotePanel({ phone, me }: { phone: Phone; me: string }) {
  const t = useT()
  const round = phone.snap.openRound
  useSyncExternalStore(phone.votes.subscribe, phone.votes.getVersion)
  if (!round) return <p className="phone-prompt">{t('phone.vote.none')}</p>
  if (round.method !== 'dots') return <DecidePanel phone={phone} me={me} round={round} />
  const dots = phone.votes.dots(round.id, me)
  const left = round.dotsPerPerson - dots.length
  const cards = phone.snap.cards.filter((c) => phone.snap.eligible.has(c.id))
  const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}…` : t)

  return (
    <div className="phone-panel" data-testid="phone-vote">
      {round.title && (
        <h2 className="phone-h2" dir="auto">
          {round.title}
        </h2>
      )}
      <p className="phone-dots-left" role="status" data-testid="phone-dots-left">
        {t('phone.vote.left', { left, total: round.dotsPerPerson })}
      </p>
      <p className="phone-hint">{t('phone.vote.stay')}</p>
      <ul className="phone-list">
        {cards.map((c) => {
          const n = dotsOn(dots, c.id)
          const info = CARD_KIND_INFO[c.kind]
          return (
            <li
              key={c.id}
              className="phone-vote-row"
              style={{ borderColor: info.colour }}
              data-testid="phone-vote-row"
            >
              <span className="phone-card__meta">
                <span className="phone-card__kind" style={{ background: info.colour }}>
                  <KindIcon kind={c.kind} /> {kindLabel(t, c.kind)}
                </span>
              </span>
              <span className="phone-card__text" dir="auto">
                {c.text}
              </span>
              <span
                className="phone-dots"
                role="group"
                aria-label={t('phone.vote.group', { card: short(c.text) })}
              >
                <button
                  type="button"
                  className="phone-dot-btn"
                  data-testid="phone-dot-remove"
                  aria-label={t('phone.vote.remove', { card: short(c.text) })}
                  aria-disabled={n === 0}
                  onClick={() => {
                    if (n > 0) phone.votes.unvote(round.id, me, c.id)
                  }}
                >
                  −
                </button>
                <span className="phone-dot-count" data-testid="phone-dot-count" aria-live="polite">
                  {n}
                  <span className="visually-hidden"> {t('phone.vote.dots', { count: n })}</span>
                </span>
                <button
                  type="button"
                  className="phone-dot-btn"
                  data-testid="phone-dot-add"
                  aria-label={t('phone.vote.add', { card: short(c.text) })}
                  aria-disabled={left === 0}
                  onClick={() => {
                    if (left > 0) phone.votes.vote(round.id, me, c.id, round.dotsPerPerson)
                  }}
                >
                  +
                </button>
              </span>
            </li>
          )
        })}
      </ul>
      {cards.length === 0 && <p className="phone-prompt">{t('phone.vote.noCards')}</p>}
    </div>
  )
}
