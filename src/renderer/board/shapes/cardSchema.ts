import { T, type RecordProps, type TLBaseShape } from 'tldraw'
import { CARD_DEFAULT_SIZE, CARD_TEXT_MAX, type CardProps } from '../../../core/common/cards/card'
import { CARD_KINDS } from '../../../shared/model/cardKinds'
import { NAME_MAX } from '../../../shared/model/participant'
import { COPRO_ROLES } from '../../../shared/model/roles'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'

/**
 * The tldraw `card` shape: its props are exactly the shared CardProps (zod), and the validators below
 * mirror that schema so tldraw rejects what zod would reject. No React here: Node tests build the
 * same schema with `createTLSchema` (see boardSchema.ts).
 */
export type CardShape = TLBaseShape<typeof CARD_SHAPE_TYPE, CardProps>

const boundedString = (max: number) =>
  T.string.check((s) => {
    if (s.length > max) throw new Error(`Expected at most ${max} characters, got ${s.length}`)
  })

const positiveSize = T.nonZeroNumber.check((n) => {
  if (n > 4000) throw new Error(`Expected at most 4000, got ${n}`)
})

export const cardShapeProps: RecordProps<CardShape> = {
  w: positiveSize,
  h: positiveSize,
  kind: T.literalEnum(...CARD_KINDS),
  text: boundedString(CARD_TEXT_MAX),
  authorId: boundedString(64),
  authorRole: T.literalEnum(...COPRO_ROLES),
  authorName: boundedString(NAME_MAX),
  createdAt: T.positiveInteger,
  owner: boundedString(NAME_MAX),
  due: T.string.check((s) => {
    if (!/^(\d{4}-\d{2}-\d{2})?$/.test(s)) throw new Error(`Expected a YYYY-MM-DD date or '', got ${s}`)
  }),
}

export function defaultCardProps(): CardProps {
  return {
    w: CARD_DEFAULT_SIZE.w,
    h: CARD_DEFAULT_SIZE.h,
    kind: 'idea',
    text: '',
    authorId: '',
    authorRole: 'facilitator',
    authorName: '',
    createdAt: 0,
    owner: '',
    due: '',
  }
}
