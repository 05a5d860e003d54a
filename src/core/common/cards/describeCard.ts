import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import type { CardProps } from './card'

/** What the card shows as its author: the name only when the author consented to store it; "(scribed)" when a facilitator wrote it for them. */
export function cardAuthorLabel(
  props: Pick<CardProps, 'authorName' | 'scribe'>,
  words: { anonymous: string; scribed: (who: string) => string } = {
    anonymous: 'Anonymous',
    scribed: (who) => `${who} (scribed)`,
  },
): string {
  const who = props.authorName.trim() !== '' ? props.authorName : words.anonymous
  return props.scribe ? words.scribed(who) : who
}

/** A short description of a card, for screen readers and the composer's announcements. */
export function describeCard(props: CardProps): string {
  const kind = CARD_KIND_INFO[props.kind].label
  const role = COPRO_ROLE_INFO[props.authorRole].short
  const extra =
    props.kind === 'action'
      ? `${props.owner ? `, owner ${props.owner}` : ''}${props.due ? `, due ${props.due}` : ''}`
      : ''
  return `${kind} card by ${cardAuthorLabel(props)} (${role})${extra}: ${props.text || 'empty'}`
}
