import { useT } from '../../device/i18n'
import { uiT } from '../../device/i18n/uiT'
import { useEffect, useRef } from 'react'
import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import { isFacilitatorRole } from '../../../core/common/permissions'
import type { BoardSession, SessionBoard } from '../../session/BoardSession'
import { commentTargetKey, useComments, useCommentTarget } from '../../session/comments'
import { useBoardSession } from '../../session/useBoardSession'
import { useCards } from '../../session/useCards'
import { useServices } from '../../workbench/context'
import { CommentThread } from './CommentThread'
import { commentsCopy } from './copy'

const preview = (s: string, n = 80) =>
  s.length > n ? `${s.slice(0, n - 1)}…` : s || uiT('comments.emptyCard')

/**
 * The Comments view (Ctrl+Alt+M): the thread of one card — chosen from the canvas (the selected card, a
 * card's comment badge), the outline's "Comments" button or the list of cards people have talked
 * about below it — with its "me too" button and count by role. Facilitators hide comments here.
 */
export function CommentsView() {
  const T = commentsCopy(useT())
  const session = useBoardSession()
  const board = session?.board ?? null
  if (!session || !board) return <p className="muted">{T.noCard}</p>
  return <BoardComments session={session} board={board} />
}

function BoardComments({ session, board }: { session: BoardSession; board: SessionBoard }) {
  const { store } = useServices()
  const t = useT()
  const T = commentsCopy(t)
  const target = session.scoped(commentTargetKey)
  const cardId = useCommentTarget(target)
  const state = useComments(board.doc)
  const cards = useCards(board, true, 500)
  const card = cards.find((c) => c.id === cardId) ?? null
  const say = (m: string) => store.announce(m)
  const discussed = cards.filter(
    (c) => (state.commentCount.get(c.id) ?? 0) > 0 || (state.meToo.get(c.id)?.total ?? 0) > 0,
  )
  const me = board.identity
  // a card chosen from the outline, the canvas or the list: keyboard and screen-reader users land on it
  const cardRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (cardId) cardRef.current?.focus()
  }, [cardId])
  return (
    <section className="view comments-view" aria-labelledby="comments-title" data-testid="comments-view">
      <h3 id="comments-title" className="section-title">
        {T.title}
      </h3>
      <button
        type="button"
        className="button"
        onClick={() => {
          const id = board.getSelectedCardIds()[0] ?? null
          target.set(id)
          if (!id) say(T.noCard)
        }}
      >
        {t('comments.showSelected')}
      </button>
      {card ? (
        <>
          <p className="comments-card" dir="auto" data-testid="comments-card" ref={cardRef} tabIndex={-1}>
            <strong>{CARD_KIND_INFO[card.props.kind].label}:</strong> {card.props.text}
          </p>
          <CommentThread
            doc={board.doc}
            cardId={card.id}
            state={state}
            author={me.sessionRole === 'observer' ? null : me}
            canHide={isFacilitatorRole(me.sessionRole)}
            canSend={!board.cards.readOnly()}
            say={say}
          />
        </>
      ) : (
        <p className="muted">{cardId ? T.cardGone : T.noCard}</p>
      )}
      {discussed.length > 0 && (
        <>
          <h4 className="section-title">{t('comments.discussed')}</h4>
          <ul className="comments-cards">
            {discussed.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="button small"
                  aria-current={c.id === cardId ? 'true' : undefined}
                  onClick={() => target.set(c.id)}
                >
                  {preview(c.props.text)}{' '}
                  <span className="cmt-badge">
                    ({T.badge(state.commentCount.get(c.id) ?? 0, state.meToo.get(c.id)?.total ?? 0)})
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
