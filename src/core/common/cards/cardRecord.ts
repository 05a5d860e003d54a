import { z } from 'zod'
import { CARD_SHAPE_TYPE, CardProps } from './card'

/** The tldraw shape type name of arrows that link cards. */
export const ARROW_SHAPE_TYPE = 'arrow'

/**
 * A plain-JSON view of the tldraw card records we read outside the canvas (exports, attribution,
 * voice balance). It needs no tldraw import: records are validated with zod here.
 */
export const CardRecord = z.object({
  id: z.string().startsWith('shape:'),
  typeName: z.literal('shape'),
  type: z.literal(CARD_SHAPE_TYPE),
  x: z.number().finite(),
  y: z.number().finite(),
  rotation: z.number().finite(),
  parentId: z.string(),
  isLocked: z.boolean(),
  props: CardProps,
  meta: z.record(z.string(), z.unknown()),
})
export type CardRecord = z.infer<typeof CardRecord>

/** An arrow binding ("this card links to that card"): tldraw 3.x `binding` records of type 'arrow'. */
export const ArrowBindingRecord = z.object({
  id: z.string().startsWith('binding:'),
  typeName: z.literal('binding'),
  type: z.literal('arrow'),
  fromId: z.string(),
  toId: z.string(),
  props: z.object({ terminal: z.enum(['start', 'end']) }).passthrough(),
})
export type ArrowBindingRecord = z.infer<typeof ArrowBindingRecord>

export interface CardBounds {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export function cardBounds(card: CardRecord): CardBounds {
  return { x: card.x, y: card.y, w: card.props.w, h: card.props.h }
}

/** Picks the valid cards out of arbitrary records; invalid ones are returned separately, never thrown. */
export function selectCards(records: Iterable<unknown>): { cards: CardRecord[]; invalid: number } {
  const cards: CardRecord[] = []
  let invalid = 0
  for (const r of records) {
    if (!isShapeOfType(r, CARD_SHAPE_TYPE)) continue
    const parsed = CardRecord.safeParse(r)
    if (parsed.success) cards.push(parsed.data)
    else invalid++
  }
  return { cards, invalid }
}

function isShapeOfType(r: unknown, type: string): boolean {
  return (
    typeof r === 'object' &&
    r !== null &&
    (r as { typeName?: unknown }).typeName === 'shape' &&
    (r as { type?: unknown }).type === type
  )
}
