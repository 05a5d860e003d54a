import { useEffect, useRef } from 'react'
import { useValue } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import type { CanvasLayerProps } from '../../board/canvasLayer'
import { commentTargetKey, useComments } from '../../session/comments'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { useT } from '../../device/i18n'
import { commentsCopy } from './copy'
import { CommentIcon, MeTooIcon } from './icons'
import { provideCardTalk } from '../../board/shapes/cardTalk'
import { useOverlayPlacement } from '../../board/canvas/useOverlayPlacement'

/**
 * On the canvas, a small badge beside each card in view (placed where it covers no card's words, a
 * compact marker when the board is zoomed out: useOverlayPlacement) that has comments or "me too"s
 * (a speech bubble and a count, a raised hand and a count); it is a button that opens the card's thread in the Comments view. In wall mode only the
 * "me too" count stays, in large type (comments.css).
 */
export function CommentsLayer({ editor, doc }: CanvasLayerProps) {
  const T = commentsCopy(useT())
  const state = useComments(doc)
  const session = useBoardSession()
  const { store } = useServices()
  // a card's screen-reader description says how many comments it has (describeCard)
  useEffect(() => provideCardTalk(editor, 'comments', (id) => state.commentCount.get(id)), [editor, state])
  const badges = useValue(
    'comment badges',
    () => {
      const vp = editor.getViewportPageBounds()
      const out: { id: string; comments: number; meToo: number }[] = []
      for (const s of editor.getCurrentPageShapes()) {
        if (s.type !== CARD_SHAPE_TYPE) continue
        const comments = state.commentCount.get(s.id) ?? 0
        const meToo = state.meToo.get(s.id)?.total ?? 0
        if (comments + meToo === 0) continue
        const b = editor.getShapePageBounds(s)
        if (!b || !vp.collides(b)) continue
        out.push({ id: s.id, comments, meToo })
      }
      return out
    },
    [editor, state],
  )
  const layer = useRef<HTMLDivElement>(null)
  useOverlayPlacement(editor, layer, badges.length > 0)
  if (badges.length === 0) return null
  return (
    <div className="cmt-canvas" data-testid="comment-badges" ref={layer}>
      {badges.map((b) => (
        <button
          key={b.id}
          type="button"
          className="cmt-canvas__badge"
          data-card-id={b.id}
          data-overlay-card={b.id}
          aria-label={`${T.badge(b.comments, b.meToo)}. ${T.openComments}`}
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => {
            session?.scoped(commentTargetKey).set(b.id)
            store.showView('comments')
          }}
        >
          {b.comments > 0 && (
            <span className="cmt-canvas__comments" aria-hidden="true">
              <CommentIcon /> {b.comments}
            </span>
          )}
          {b.meToo > 0 && (
            <span className="cmt-canvas__metoo" aria-hidden="true" data-testid="me-too-badge">
              <MeTooIcon /> {b.meToo}
            </span>
          )}
        </button>
      ))}
    </div>
  )
}
