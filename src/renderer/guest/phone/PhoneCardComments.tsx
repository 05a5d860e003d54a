import { useEffect, useRef, useState } from 'react'
import { CommentThread } from '../../features/comments/CommentThread'
import { CommentIcon } from '../../features/comments/icons'
import type { CommentsState } from '../../session/comments'
import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import { kindLabel, useT } from '../../device/i18n'
import type { PhoneCardView } from './snapshot'
import type { Phone } from './usePhone'

export interface CardTalk {
  readonly comments: number
  readonly meToo: number
  readonly onOpen: () => void
}

/** The button under a card on the Board: how many comments and "me too"s it has; opens them. */
export function CardTalkButton({ talk, text }: { talk: CardTalk; text: string }) {
  const t = useT()
  const counts = [
    talk.comments ? t('phone.comments.count', { count: talk.comments }) : '',
    talk.meToo ? t('phone.comments.meTooCount', { count: talk.meToo }) : '',
  ]
    .filter(Boolean)
    .join(', ')
  return (
    <button
      type="button"
      className="phone-btn phone-card__talk"
      onClick={talk.onOpen}
      data-testid="phone-card-comments"
    >
      <CommentIcon /> {counts ? t('phone.comments.badge', { counts }) : t('phone.comments.none')}
      <span className="visually-hidden"> — {t('phone.comments.openFor', { text: text.slice(0, 80) })}</span>
    </button>
  )
}

/**
 * One card's comments on the phone (issue 17 item 3): the card, its "me too" button and count by role,
 * its threads and a form to comment or reply. Writing waits for the connection (the relay checks each
 * comment against the person's registry entry); observers read only.
 */
export function PhoneCardComments(p: {
  phone: Phone
  card: PhoneCardView | null
  mine: boolean
  state: CommentsState
  observer: boolean
  onBack: () => void
}) {
  const t = useT()
  const [said, setSaid] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const online = p.phone.status.link === 'connected' && p.phone.status.synced
  return (
    <div className="phone-panel" data-testid="phone-card-thread">
      <button type="button" className="phone-btn" onClick={p.onBack} data-testid="phone-comments-back">
        {t('phone.comments.back')}
      </button>
      <h2 className="phone-h2" ref={heading} tabIndex={-1}>
        {t('phone.comments.title')}
      </h2>
      {p.card === null ? (
        <p className="phone-hint">{t('phone.comments.cardGone')}</p>
      ) : (
        <>
          <p
            className={`phone-card${p.mine ? ' phone-card--mine' : ''}`}
            style={{ borderColor: CARD_KIND_INFO[p.card.kind].colour }}
          >
            <span className="phone-card__meta">
              {kindLabel(t, p.card.kind)}
              {p.mine
                ? ` · ${t('phone.comments.yours')}`
                : p.card.authorName
                  ? ` · ${p.card.authorName}`
                  : ''}
            </span>
            <span className="phone-card__text" dir="auto">
              {p.card.text}
            </span>
          </p>
          <CommentThread
            doc={p.phone.conn.doc}
            cardId={p.card.id}
            state={p.state}
            author={p.observer ? null : p.phone.author}
            canHide={false}
            canSend={online}
            say={setSaid}
            variant="phone"
          />
        </>
      )}
      <p className="phone-said" role="status" data-testid="phone-comments-status">
        {said}
      </p>
    </div>
  )
}
