import { T, type RecordProps, type TLBaseShape } from 'tldraw'
import type { z } from 'zod'
import { CARD_SHAPE_TYPE, CardProps, defaultCardProps } from '../../../core/common/cards/card'

export { defaultCardProps }

/**
 * The tldraw `card` shape: its props are exactly the card's zod CardProps (core/common/cards/card.ts),
 * and each tldraw validator below runs that prop's zod schema, so tldraw rejects exactly what zod would
 * reject (ADR 0009). No React here: Node tests build the same schema with `createTLSchema` (see
 * boardSchema.ts).
 */
export type CardShape = TLBaseShape<typeof CARD_SHAPE_TYPE, CardProps>

type Shape = typeof CardProps.shape

/** A tldraw validator for one card prop, from its zod schema (the message names the first problem). */
function fromZod<K extends keyof Shape>(key: K): T.Validator<z.infer<Shape[K]>> {
  const schema = CardProps.shape[key]
  return new T.Validator((value: unknown) => {
    const r = schema.safeParse(value)
    if (!r.success) throw new T.ValidationError(r.error.issues[0]?.message ?? `invalid ${String(key)}`)
    return r.data as z.infer<Shape[K]>
  })
}

/** Every prop of CardProps, each checked by its own zod schema (TypeScript insists none is missing). */
export const cardShapeProps: RecordProps<CardShape> = {
  w: fromZod('w'),
  h: fromZod('h'),
  kind: fromZod('kind'),
  text: fromZod('text'),
  authorId: fromZod('authorId'),
  authorRole: fromZod('authorRole'),
  authorName: fromZod('authorName'),
  createdAt: fromZod('createdAt'),
  owner: fromZod('owner'),
  due: fromZod('due'),
  scribe: fromZod('scribe'),
  photo: fromZod('photo'),
}
