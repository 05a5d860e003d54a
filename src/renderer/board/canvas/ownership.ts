import type { Editor, TLBinding, TLShape } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import type { BoardIdentity } from '../boardApi'

/**
 * What a participant's canvas lets them change: the relay's rule (src/core/node/relay/rights.ts), applied
 * before anything is sent, so the app never makes a change the relay refuses. A participant changes,
 * moves and deletes only their own cards (props.authorId) and drawings (meta.authorId, stamped on every
 * shape they create); tldraw's Delete, drag or edit on someone else's card does nothing. Facilitators and
 * co-facilitators are not limited here.
 */
export function shapeOwner(shape: TLShape): string | null {
  if (shape.type === CARD_SHAPE_TYPE) {
    const authorId = (shape.props as { authorId?: unknown }).authorId
    return typeof authorId === 'string' ? authorId : null
  }
  const authorId = (shape.meta as { authorId?: unknown }).authorId
  return typeof authorId === 'string' ? authorId : null
}

/** Whether `identity` may change this shape (participants: only their own). */
export function mayChangeShape(identity: BoardIdentity, shape: TLShape): boolean {
  return identity.sessionRole !== 'participant' || shapeOwner(shape) === identity.id
}

/** Installs the participant's limits on an editor; returns the uninstaller. */
export function guardOwnership(editor: Editor, identity: () => BoardIdentity): () => void {
  const participant = () => identity().sessionRole === 'participant'
  const previousMeta = editor.getInitialMetaForShape
  editor.getInitialMetaForShape = (shape) =>
    participant()
      ? { ...previousMeta.call(editor, shape), authorId: identity().id }
      : previousMeta.call(editor, shape)
  const mine = (shape: TLShape | undefined) => shape === undefined || mayChangeShape(identity(), shape)
  const arrowOf = (b: TLBinding) => editor.getShape(b.fromId)
  const offs = [
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
      source === 'user' && !mine(prev) ? prev : next,
    ),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
      source === 'user' && !mine(shape) ? false : undefined,
    ),
    editor.sideEffects.registerBeforeDeleteHandler('binding', (b, source) =>
      source === 'user' && !mine(arrowOf(b)) ? false : undefined,
    ),
  ]
  return () => {
    for (const off of offs) off()
    editor.getInitialMetaForShape = previousMeta
  }
}
