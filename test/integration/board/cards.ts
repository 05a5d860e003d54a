import { createShapeId, type TLShapeId } from 'tldraw'
import type { CardShape } from '../../../src/renderer/board/shapes/cardSchema'
import { defaultCardProps } from '../../../src/renderer/board/shapes/cardSchema'
import { BOARD_PAGE_ID } from '../../../src/renderer/board/shapes/boardSchema'
import type { CardProps } from '../../../src/core/common/cards/card'

/** A complete card record, as the editor would create it. */
export function cardRecord(
  id: string,
  props: Partial<CardProps> = {},
  at: { x: number; y: number } = { x: 0, y: 0 },
): CardShape {
  return {
    id: createShapeId(id) as TLShapeId,
    typeName: 'shape',
    type: 'card',
    x: at.x,
    y: at.y,
    rotation: 0,
    index: 'a1' as CardShape['index'],
    parentId: BOARD_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...defaultCardProps(), createdAt: 1, ...props },
  }
}
