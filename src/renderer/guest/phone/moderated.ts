import type * as Y from 'yjs'
import type { CardAuthor } from '../../../core/common/cards/card'
import { CardRecord } from '../../../core/common/cards/cardRecord'
import { readRecords, readStructure } from '../../../core/common/session/read'
import type { ModerationView } from '../../session/moderation'
import type { PhoneConnection } from './connection'
import { toPhoneCard, type WaitingCard } from './outbox'
import { phoneCardRecord } from './writeCard'

/**
 * The phone's cards while the facilitator moderates (ADR 0047): each is sent to the relay's moderation
 * inbox instead of into the document, and stays in the outbox until the relay says it has it.
 */

/** Sends a card for approval once per connection (`sent` is cleared when the connection drops). */
export function submitForApproval(
  conn: PhoneConnection,
  card: WaitingCard,
  author: CardAuthor,
  sent: Set<string>,
): void {
  if (sent.has(card.id)) return
  const {
    index,
    opacity: _opacity,
    ...rest
  } = phoneCardRecord(toPhoneCard(card), author, readRecords(conn.doc), readStructure(conn.doc))
  if (conn.moderation.send({ t: 'submit', record: CardRecord.parse(rest), index })) sent.add(card.id)
}

/** Outbox cards the relay now holds, has decided, or that are on the board already. */
export function ownCardsSettled(doc: Y.Doc, view: ModerationView, waiting: readonly WaitingCard[]): string[] {
  if (waiting.length === 0 || !view.mine) return []
  const known = new Set([...view.mine.held.map((h) => h.id), ...view.mine.decisions.map((d) => d.id)])
  const onBoard = new Set(readRecords(doc).map((r) => (r as { id?: unknown } | null)?.id))
  return waiting.filter((c) => known.has(c.id) || onBoard.has(c.id)).map((c) => c.id)
}
