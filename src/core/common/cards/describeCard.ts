import { translator, type MessageKey, type MessageValues } from '../../../shared/i18n'
import type { CardProps } from './card'

/** A translator's `t` (translator(locale).t, useT() or uiT): the words come from the catalogues. */
export type CardWordsT = (key: MessageKey, values?: MessageValues) => string

const english: CardWordsT = (key, values) => translator('en').t(key, values)

/** What the card shows as its author: the name only when the author consented to store it; "(scribed)" when a facilitator wrote it for them. */
export function cardAuthorLabel(
  props: Pick<CardProps, 'authorName' | 'scribe'>,
  words: { anonymous: string; scribed: (who: string) => string } = {
    anonymous: english('board.card.anonymous'),
    scribed: (who) => english('board.card.scribed', { who }),
  },
): string {
  const who = props.authorName.trim() !== '' ? props.authorName : words.anonymous
  return props.scribe ? words.scribed(who) : who
}

/** What others did with a card, where the screen knows it (absent: not said). */
export interface CardTalk {
  /** Votes (dots) it has in the round whose results are shown. */
  votes?: number
  comments?: number
}

/**
 * A short description of a card, for screen readers (tldraw's announcements of the canvas, the
 * composer's) in the reader's language: "Idea card by Sam (Staff), 2 votes, 1 comment: Ring back".
 * The card's own words are never translated.
 */
export function describeCard(props: CardProps, t: CardWordsT = english, talk: CardTalk = {}): string {
  const details = [
    props.kind === 'action' && props.owner ? t('cards.sr.owner', { owner: props.owner }) : '',
    props.kind === 'action' && props.due ? t('cards.sr.due', { due: props.due }) : '',
    talk.votes !== undefined ? t('cards.sr.votes', { count: talk.votes }) : '',
    talk.comments ? t('cards.sr.comments', { count: talk.comments }) : '',
  ].join('')
  return t('cards.sr.card', {
    kind: t(`kinds.${props.kind}.label`),
    author: cardAuthorLabel(props, {
      anonymous: t('cards.sr.anonymous'),
      scribed: (who) => t('cards.sr.scribed', { who }),
    }),
    role: t(`roles.${props.authorRole}.short`),
    details,
    text: props.text || t('cards.sr.empty'),
  })
}
