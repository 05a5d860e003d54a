import {
  CARD_SHAPE_TYPE,
  newCardProps,
  type CardAuthor,
  type CardKind,
} from '../../../core/common/cards/card'
import { createShapeId, type Editor, type TLShapeId } from 'tldraw'
import type { CardShape } from './cardSchema'

export { newCardProps, type CardAuthor }

/**
 * Writes a new card with its top-left corner at `at` (and the size of its slot, when `at` has one),
 * as its own undo step; returns its id.
 */
export function createCard(
  editor: Editor,
  at: { x: number; y: number; w?: number; h?: number },
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
    props: {
      ...newCardProps(kind, text, author, extras),
      ...(at.w !== undefined && at.h !== undefined && at.w > 0 && at.h > 0 ? { w: at.w, h: at.h } : {}),
    },
  })
  return id
}
