import type { CardPhoto } from '../../../core/common/photos/photo'
import {
  CARD_SHAPE_TYPE,
  newCardProps,
  scribedAuthor,
  type CardAuthor,
  type CardKind,
  type ScribedFor,
} from '../../../core/common/cards/card'
import { isFacilitatorRole } from '../../../core/common/permissions'
import { createShapeId, type Editor, type TLShapeId } from 'tldraw'
import type { CardShape } from './cardSchema'

export { newCardProps, type CardAuthor }

/**
 * Writes a new card with its top-left corner at `at` (and the size of its slot, when `at` has one),
 * as its own undo step; returns its id. A facilitator or co-facilitator may write it for someone else
 * (`scribedFor`): the card is then theirs, with the facilitator recorded as its scribe; anyone else's
 * `scribedFor` is ignored.
 */
export function createCard(
  editor: Editor,
  at: { x: number; y: number; w?: number; h?: number },
  kind: CardKind,
  text: string,
  writer: CardAuthor & { sessionRole?: string },
  extras: { owner?: string; due?: string; scribedFor?: ScribedFor | null; photo?: CardPhoto } = {},
): TLShapeId {
  const { scribedFor, ...fields } = extras
  const scribed =
    scribedFor && isFacilitatorRole(writer.sessionRole) ? scribedAuthor(writer, scribedFor) : null
  const author = scribed?.author ?? writer
  const id = createShapeId()
  editor.markHistoryStoppingPoint('add card')
  editor.createShape<CardShape>({
    id,
    type: CARD_SHAPE_TYPE,
    x: at.x,
    y: at.y,
    props: {
      ...newCardProps(kind, text, author, { ...fields, ...(scribed ? { scribe: scribed.scribe } : {}) }),
      ...(at.w !== undefined && at.h !== undefined && at.w > 0 && at.h > 0 ? { w: at.w, h: at.h } : {}),
    },
  })
  return id
}
