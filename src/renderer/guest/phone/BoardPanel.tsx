import { useState } from 'react'
import { KindIcon } from '../../device/icons/KindIcon'
import { CARD_KIND_INFO, CARD_KINDS, type CardKind } from '../../../core/common/cards/card'
import { useComments } from '../../session/comments'
import { CardTalkButton, PhoneCardComments, type CardTalk } from './PhoneCardComments'
import { kindLabel, useT } from '../../device/i18n'
import type { PhoneCardView } from './snapshot'
import { photoUrl } from '../../device/photos'
import { RetryingImage } from '../../device/RetryingImage'
import type { Phone } from './usePhone'

/** Board: the cards grouped by cell as a readable list, the person's own cards marked, a filter by kind. */
export function BoardPanel({
  phone,
  me,
  observer = false,
}: {
  phone: Phone
  me: string
  observer?: boolean
}) {
  const t = useT()
  const { snap } = phone
  const [only, setOnly] = useState<CardKind | 'all'>('all')
  const [open, setOpen] = useState<string | null>(null)
  const comments = useComments(phone.conn.doc)
  const openCard = open === null ? undefined : snap.cards.find((c) => c.id === open)
  if (open !== null)
    return (
      <PhoneCardComments
        phone={phone}
        card={openCard ?? null}
        mine={openCard?.authorId === me}
        state={comments}
        observer={observer}
        onBack={() => setOpen(null)}
      />
    )
  const kinds = CARD_KINDS.filter((k) => snap.cards.some((c) => c.kind === k))
  const shown = snap.cards.filter((c) => only === 'all' || c.kind === only)
  const groups: Array<{ key: string; label: string; cards: PhoneCardView[] }> = snap.cells.map((c) => ({
    key: c.key,
    label: c.label,
    cards: [],
  }))
  const byKey = new Map(groups.map((g) => [g.key, g]))
  const loose = { key: 'unplaced', label: t('phone.board.unplaced'), cards: [] as PhoneCardView[] }
  for (const card of shown) (byKey.get(card.cellKey) ?? loose).cards.push(card)
  const visible = [...groups, loose].filter((g) => g.cards.length > 0)
  const mine = snap.cards.filter((c) => c.authorId === me).length
  const filters = ['all', ...kinds] as const

  return (
    <div className="phone-panel" data-testid="phone-board">
      <p className="phone-hint">
        {snap.cards.length === 0
          ? t('phone.board.none')
          : t('phone.board.count', { count: snap.cards.length, mine })}
        {phone.waiting.length > 0 && ` ${t('phone.board.more', { count: phone.waiting.length })}`}
      </p>
      {kinds.length > 1 && (
        <fieldset className="phone-filter">
          <legend className="phone-label">{t('phone.board.show')}</legend>
          {filters.map((k) => (
            <label key={k} className={`phone-chip${only === k ? ' phone-chip--on' : ''}`}>
              <input
                type="radio"
                name="phone-filter"
                value={k}
                checked={only === k}
                data-testid={`phone-filter-${k}`}
                onChange={() => setOnly(k)}
              />
              {k === 'all' ? (
                t('phone.board.all')
              ) : (
                <>
                  <KindIcon kind={k} /> {kindLabel(t, k)}
                </>
              )}
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
            <bdi>{g.label}</bdi> <span className="phone-count">({g.cards.length})</span>
          </h2>
          <ul className="phone-list">
            {g.cards.map((c) => (
              <CardRow
                key={c.id}
                card={c}
                mine={c.authorId === me}
                talk={{
                  comments: comments.commentCount.get(c.id) ?? 0,
                  meToo: comments.meToo.get(c.id)?.total ?? 0,
                  onOpen: () => setOpen(c.id),
                }}
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
  talk,
  photoSrc,
}: {
  card: PhoneCardView
  mine: boolean
  /** Comment and "me too" counts, and what opening the card's comments does (Board only). */
  talk?: CardTalk
  /** Where a photo card's image is fetched from (absent: the caption only). */
  photoSrc?: (assetId: string) => string
}) {
  const t = useT()
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
          <KindIcon kind={card.kind} /> {kindLabel(t, card.kind)}
        </span>
        {mine && <span className="phone-card__mine">{t('phone.card.yours')}</span>}
        {!mine && card.authorName && <span dir="auto">{card.authorName}</span>}
      </span>
      {card.photoId && photoSrc && (
        <RetryingImage
          className="phone-card__photo"
          src={photoSrc(card.photoId)}
          alt={card.text}
          loading="lazy"
        />
      )}
      <span className="phone-card__text" dir="auto">
        {card.text}
      </span>
      {talk && <CardTalkButton talk={talk} text={card.text} />}
    </li>
  )
}
