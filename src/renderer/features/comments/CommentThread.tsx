import { useId, useState } from 'react'
import type * as Y from 'yjs'
import {
  commentByline,
  emptyMeToo,
  threadsOf,
  type Comment,
  type CommentAuthor,
  type MeTooCount,
} from '../../../core/common/comments/comment'
import { addComment, editComment, removeComment, toggleMeToo } from '../../../core/common/session/comments'
import { COPRO_ROLES } from '../../../shared/model/roles'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import type { CommentsState } from '../../session/comments'
import { commentsCopy } from './copy'
import { MeTooIcon } from './icons'
import './comments.css'
import { useT } from '../../device/i18n'

export interface CommentThreadProps {
  readonly doc: Y.Doc
  readonly cardId: string
  readonly state: CommentsState
  /** Who writes here; null: read only (observers, or no identity). */
  readonly author: CommentAuthor | null
  /** Facilitators and co-facilitators hide other people's comments. */
  readonly canHide: boolean
  /** False while a phone is offline: writing waits for the connection. */
  readonly canSend: boolean
  /** Tells the person what happened (a live region). */
  readonly say: (message: string) => void
  /** 'phone' uses the participant screen's larger type. */
  readonly variant?: 'phone' | 'desktop'
}

/**
 * A card's comment threads, its "me too" button and count by role, and a form to add a comment or
 * reply — the same on the desktop (Comments view, outline) and the phone's Board. Every control is a
 * real button or field with a label; the author of each comment is shown as on cards (a name only
 * with consent). The relay enforces who may do what; the buttons offered follow the same rules.
 */
export function CommentThread(p: CommentThreadProps) {
  const T = commentsCopy(useT())
  const threads = threadsOf(p.state.comments, p.cardId)
  const count = p.state.comments.filter((c) => c.cardId === p.cardId).length
  const meToo = p.state.meToo.get(p.cardId) ?? emptyMeToo()
  const mine = p.author !== null && p.state.reactedBy(p.cardId, p.author.id)
  const headingId = useId()
  const write = p.author !== null && p.canSend
  return (
    <section
      className={`cmt cmt--${p.variant ?? 'desktop'}`}
      aria-labelledby={headingId}
      data-testid="comment-thread"
      data-card-id={p.cardId}
    >
      <MeTooRow
        count={meToo}
        on={mine}
        disabled={!write}
        onToggle={() => {
          if (!p.author) return
          const on = toggleMeToo(p.doc, p.cardId, p.author)
          p.say(on ? T.meTooSaid : T.meTooTaken)
        }}
      />
      <h3 className="cmt-heading" id={headingId}>
        {T.heading(count)}
      </h3>
      {threads.length > 0 && (
        <ul className="cmt-list">
          {threads.map((t) => (
            <li key={t.comment.id}>
              <CommentItem {...p} comment={t.comment} canReply={write} />
              {t.replies.length > 0 && (
                <ul className="cmt-list cmt-replies">
                  {t.replies.map((r) => (
                    <li key={r.id}>
                      <CommentItem {...p} comment={r} canReply={false} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.author === null ? (
        <p className="cmt-note">{T.readOnly}</p>
      ) : !p.canSend ? (
        <p className="cmt-note">{T.offline}</p>
      ) : (
        <CommentForm
          label={T.addLabel}
          submit={T.send}
          onSend={(text) => {
            addComment(p.doc, { cardId: p.cardId, author: p.author!, text })
            p.say(T.sent)
          }}
          say={p.say}
        />
      )}
    </section>
  )
}

function MeTooRow(p: { count: MeTooCount; on: boolean; disabled: boolean; onToggle: () => void }) {
  const T = commentsCopy(useT())
  const split = COPRO_ROLES.filter((r) => p.count.byRole[r] > 0).map(
    (r) => `${COPRO_ROLE_INFO[r].short} ${p.count.byRole[r]}`,
  )
  return (
    <div className="cmt-metoo">
      <button
        type="button"
        className={`cmt-btn cmt-metoo__btn${p.on ? ' cmt-metoo__btn--on' : ''}`}
        aria-pressed={p.on}
        disabled={p.disabled}
        onClick={p.onToggle}
        data-testid="me-too"
      >
        <MeTooIcon /> {T.meToo} <span className="cmt-metoo__n">{p.count.total}</span>
      </button>
      <span className="cmt-metoo__split" data-testid="me-too-split">
        {p.count.total === 0 ? T.meTooNone : `${T.meTooCount(p.count.total)}: ${split.join(', ')}`}
      </span>
    </div>
  )
}

function CommentItem(p: CommentThreadProps & { comment: Comment; canReply: boolean }) {
  const c = p.comment
  const t = useT()
  const T = commentsCopy(t)
  const [mode, setMode] = useState<'read' | 'edit' | 'reply'>('read')
  const own = p.author !== null && p.author.id === c.authorId
  const who = own ? T.you : commentByline(c)
  return (
    <article className="cmt-item" data-testid="comment" data-comment-id={c.id}>
      <p className="cmt-meta">
        <span className="cmt-author" dir="auto">
          {who}
        </span>
        {c.editedAt !== undefined && <span className="cmt-edited"> · {T.edited}</span>}
      </p>
      {mode === 'edit' ? (
        <CommentForm
          label={T.edit}
          submit={T.save}
          initial={c.text}
          onSend={(text) => {
            if (editComment(p.doc, c.id, text)) p.say(T.saved)
            setMode('read')
          }}
          onCancel={() => setMode('read')}
          say={p.say}
        />
      ) : (
        <p className="cmt-text" dir="auto">
          {c.text}
        </p>
      )}
      {mode === 'read' && (
        <div className="cmt-actions">
          {p.canReply && (
            <button type="button" className="cmt-btn" onClick={() => setMode('reply')}>
              {T.reply}
              <span className="visually-hidden">{t('comments.sr.toWho', { who })}</span>
            </button>
          )}
          {own && p.canSend && (
            <>
              <button type="button" className="cmt-btn" onClick={() => setMode('edit')}>
                {T.edit}
                <span className="visually-hidden">{t('comments.sr.yours')}</span>
              </button>
              <button
                type="button"
                className="cmt-btn"
                onClick={() => {
                  if (removeComment(p.doc, c.id)) p.say(T.deleted)
                }}
              >
                {T.delete}
                <span className="visually-hidden">{t('comments.sr.yours')}</span>
              </button>
            </>
          )}
          {!own && p.canHide && (
            <button
              type="button"
              className="cmt-btn"
              data-testid="comment-hide"
              onClick={() => {
                if (removeComment(p.doc, c.id)) p.say(T.hidden)
              }}
            >
              {T.hide}
              <span className="visually-hidden">{t('comments.sr.byWho', { who })}</span>
            </button>
          )}
        </div>
      )}
      {mode === 'reply' && p.author && (
        <CommentForm
          label={T.replyLabel(who)}
          submit={T.sendReply}
          onSend={(text) => {
            addComment(p.doc, { cardId: c.cardId, parentId: c.id, author: p.author!, text })
            p.say(T.sent)
            setMode('read')
          }}
          onCancel={() => setMode('read')}
          say={p.say}
          autoFocus
        />
      )}
    </article>
  )
}

function CommentForm(p: {
  label: string
  submit: string
  initial?: string
  onSend: (text: string) => void
  onCancel?: () => void
  say: (message: string) => void
  autoFocus?: boolean
}) {
  const T = commentsCopy(useT())
  const [text, setText] = useState(p.initial ?? '')
  const id = useId()
  return (
    <form
      className="cmt-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (!text.trim()) {
          p.say(T.empty)
          return
        }
        p.onSend(text)
        setText('')
      }}
    >
      <label className="cmt-label" htmlFor={id}>
        {p.label}
      </label>
      <textarea
        id={id}
        className="cmt-input"
        rows={2}
        maxLength={2000}
        value={text}
        autoFocus={p.autoFocus}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit()
          if (e.key === 'Escape' && p.onCancel) p.onCancel()
        }}
        data-testid="comment-input"
      />
      <div className="cmt-actions">
        <button type="submit" className="cmt-btn cmt-btn--primary" data-testid="comment-send">
          {p.submit}
        </button>
        {p.onCancel && (
          <button type="button" className="cmt-btn" onClick={p.onCancel}>
            {T.cancel}
          </button>
        )}
      </div>
    </form>
  )
}
