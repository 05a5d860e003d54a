import { useState } from 'react'
import { KindIcon } from '../../device/icons/KindIcon'
import { CARD_KIND_INFO, CARD_KINDS, type CardKind } from '../../../core/common/cards/card'
import { UNPLACED_LABEL } from '../../../core/common/structure/cellLabel'
import type { PhoneCardView } from './snapshot'
import { photoUrl } from '../../device/photos'
import type { Phone } from './usePhone'

/** Board: the cards grouped by cell as a readable list, the person's own cards marked, a filter by kind. */
export function BoardPanel({ phone, me }: { phone: Phone; me: string }) {
  const { snap } = phone
  const [only, setOnly] = useState<CardKind | 'all'>('all')
  const kinds = CARD_KINDS.filter((k) => snap.cards.some((c) => c.kind === k))
  const shown = snap.cards.filter((c) => only === 'all' || c.kind === only)
  const groups: Array<{ key: string; label: string; cards: PhoneCardView[] }> = snap.cells.map((c) => ({
    key: c.key,
    label: c.label,
    cards: [],
  }))
  const byKey = new Map(groups.map((g) => [g.key, g]))
  const loose = { key: 'unplaced', label: UNPLACED_LABEL, cards: [] as PhoneCardView[] }
  for (const card of shown) (byKey.get(card.cellKey) ?? loose).cards.push(card)
  const visible = [...groups, loose].filter((g) => g.cards.length > 0)
  const mine = snap.cards.filter((c) => c.authorId === me).length

  return (
    <div className="phone-panel" data-testid="phone-board">
      <p className="phone-hint">
        {snap.cards.length === 0
          ? 'No cards yet.'
          : `${snap.cards.length} ${snap.cards.length === 1 ? 'card' : 'cards'} on the board, ${mine} of them yours.`}
        {phone.waiting.length > 0 && ` ${phone.waiting.length} more only on this phone (see Add).`}
      </p>
      {kinds.length > 1 && (
        <fieldset className="phone-filter">
          <legend className="phone-label">Show</legend>
          {(['all', ...kinds] as const).map((k) => (
            <label key={k} className={`phone-chip${only === k ? ' phone-chip--on' : ''}`}>
              <input
                type="radio"
                name="phone-filter"
                value={k}
                checked={only === k}
                data-testid={`phone-filter-${k}`}
                onChange={() => setOnly(k)}
              />
              {k === 'all' ? 'All cards' : `${CARD_KIND_INFO[k].icon} ${CARD_KIND_INFO[k].label}`}
            </label>
          ))}
        </fieldset>
      )}
      {visible.map((g) => (
        <section
          key={g.key}
          className="phone-group"
          aria-labelledby={`phone-cell-${g.key}`}
          data-cell={g.key}
        >
          <h2 className="phone-h2" id={`phone-cell-${g.key}`}>
            {g.label} <span className="phone-count">({g.cards.length})</span>
          </h2>
          <ul className="phone-list">
            {g.cards.map((c) => (
              <CardRow
                key={c.id}
                card={c}
                mine={c.authorId === me}
                photoSrc={(id) =>
                  photoUrl(window.location.origin, phone.conn.sessionId, phone.conn.token, id)
                }
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

export function CardRow({
  card,
  mine,
  photoSrc,
}: {
  card: PhoneCardView
  mine: boolean
  /** Where a photo card's image is fetched from (absent: the caption only). */
  photoSrc?: (assetId: string) => string
}) {
  const info = CARD_KIND_INFO[card.kind]
  return (
    <li
      className={`phone-card${mine ? ' phone-card--mine' : ''}`}
      style={{ borderColor: info.colour }}
      data-testid="phone-card"
      data-mine={mine ? 'true' : 'false'}
    >
      <span className="phone-card__meta">
        <span className="phone-card__kind" style={{ background: info.colour }}>
          <KindIcon kind={card.kind} /> {info.label}
        </span>
        {mine && <span className="phone-card__mine">Yours</span>}
        {!mine && card.authorName && <span>{card.authorName}</span>}
      </span>
      {card.photoId && photoSrc && (
        <img className="phone-card__photo" src={photoSrc(card.photoId)} alt={card.text} loading="lazy" />
      )}
      <span className="phone-card__text">{card.text}</span>
    </li>
  )
}
