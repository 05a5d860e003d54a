import { CARD_DEFAULT_SIZE, CARD_TEXT_MAX } from '../../../core/common/cards/card'
import { NAME_MAX } from '../../../shared/model/participant'
import { type CardKind } from '../../../shared/model/cardKinds'
import type { CoproRole } from '../../../shared/model/roles'
import { createShapeId, type Editor, type TLShapeId } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import type { CardShape } from './cardSchema'

/** Who writes a new card: the name is stored only when they agreed to show it. */
export interface CardAuthor {
  id: string
  name: string
  anonymous: boolean
  coproRole: CoproRole
}

/**
 * The props of a new card, from every path that writes one (composer, outline, guests' phones):
 * default size, text and names cut to their limits, owner and due date only on actions, a due date only
 * when it is a calendar date (YYYY-MM-DD).
 */
export function newCardProps(
  kind: CardKind,
  text: string,
  author: CardAuthor,
  extras: { owner?: string; due?: string } = {},
): CardShape['props'] {
  return {
    w: CARD_DEFAULT_SIZE.w,
    h: CARD_DEFAULT_SIZE.h,
    kind,
    text: text.slice(0, CARD_TEXT_MAX),
    authorId: author.id,
    authorRole: author.coproRole,
    authorName: author.anonymous ? '' : author.name.slice(0, NAME_MAX),
    createdAt: Date.now(),
    owner: kind === 'action' ? (extras.owner ?? '').slice(0, NAME_MAX) : '',
    due: kind === 'action' && /^\d{4}-\d{2}-\d{2}$/.test(extras.due ?? '') ? extras.due! : '',
  }
}

/** Writes a new card with its top-left corner at `at`, as its own undo step; returns its id. */
export function createCard(
  editor: Editor,
  at: { x: number; y: number },
  kind: CardKind,
  text: string,
  author: CardAuthor,
  extras: { owner?: string; due?: string } = {},
): TLShapeId {
  const id = createShapeId()
  editor.markHistoryStoppingPoint('add card')
  editor.createShape<CardShape>({
    id,
    type: CARD_SHAPE_TYPE,
    x: at.x,
    y: at.y,
    props: newCardProps(kind, text, author, extras),
  })
  return id
}
