import { useState } from 'react'
import { isFacilitatorRole } from '../../../core/common/permissions'
import type { HeldCard } from '../../../core/common/moderation/moderation'
import type { SessionBoard } from '../../session/BoardSession'
import { type ModerationClient, useModeration } from '../../session/moderation'
import { roleShort, useT, type TFunction } from '../../device/i18n'

/** The words of the outline's moderation section (kept together for the message catalogues, issue 19). */
export const moderationCopy = (t: TFunction) => ({
  queue: t('outline.moderation.queue'),
  stateHold: t('outline.moderation.stateHold'),
  stateWords: t('outline.moderation.stateWords'),
  stateOff: t('outline.moderation.stateOff'),
  notSent: t('outline.moderation.notSent'),
  approve: t('outline.moderation.approve'),
  notNow: t('outline.moderation.notNow'),
  edit: t('outline.moderation.edit'),
  approveEdited: t('outline.moderation.approveEdited'),
  cancel: t('outline.moderation.cancel'),
  approveAll: t('outline.moderation.approveAll'),
  keys: t('outline.moderation.keys'),
  flagged: (word: string) => t('outline.moderation.flagged', { word }),
  approved: (count: number) => t('outline.moderation.approved', { count }),
  rejected: t('outline.moderation.rejected'),
  waiting: (text: string, who: string) => t('outline.moderation.waiting', { text, who }),
  cardText: t('outline.moderation.cardText'),
})

/**
 * Facilitators' moderation in the outline (ADR 0047): the session's settings and the queue of guests'
 * cards waiting for approval, each focusable, with Approve, Not now and Edit-then-approve (keys A, N, E
 * on the focused card), and Approve all. Held cards are not in the board's document: they come from the
 * relay's inbox over the board's own connection (session/moderation.ts).
 */
export function OutlineModeration({
  board,
  client,
  say,
}: {
  board: SessionBoard
  client: ModerationClient
  say(message: string): void
}) {
  const view = useModeration(client)
  const MODERATION_COPY = moderationCopy(useT())
  const role = board.identity.sessionRole
  if (!isFacilitatorRole(role) || !view.inbox) return null
  const { settings, held } = view.inbox
  const send = (request: Parameters<ModerationClient['send']>[0], done: string) =>
    say(client.send(request) ? done : MODERATION_COPY.notSent)
  return (
    <section
      className="outline-moderation"
      aria-labelledby="outline-moderation-title"
      data-testid="outline-moderation"
    >
      <h3 id="outline-moderation-title" className="outline-subtitle">
        {MODERATION_COPY.queue} ({held.length})
      </h3>
      <p className="muted" data-testid="moderation-state">
        {settings.hold
          ? MODERATION_COPY.stateHold
          : settings.words.length > 0
            ? MODERATION_COPY.stateWords
            : MODERATION_COPY.stateOff}
      </p>
      {held.length > 0 && (
        <>
          <p className="muted">{MODERATION_COPY.keys}</p>
          <p>
            <button
              type="button"
              className="button small"
              onClick={() =>
                send(
                  { t: 'approve', ids: held.map((h) => h.record.id) },
                  MODERATION_COPY.approved(held.length),
                )
              }
            >
              {MODERATION_COPY.approveAll} ({held.length})
            </button>
          </p>
          <ul className="outline-held" aria-label={MODERATION_COPY.queue}>
            {held.map((h) => (
              <HeldItem key={h.record.id} held={h} send={send} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function HeldItem({
  held,
  send,
}: {
  held: HeldCard
  send(request: Parameters<ModerationClient['send']>[0], done: string): void
}) {
  const [editing, setEditing] = useState<string | null>(null)
  const t = useT()
  const MODERATION_COPY = moderationCopy(t)
  const id = held.record.id
  const text = held.record.props.text
  const approve = () => send({ t: 'approve', ids: [id] }, MODERATION_COPY.approved(1))
  const reject = () => send({ t: 'reject', ids: [id] }, MODERATION_COPY.rejected)
  const who = `${held.record.props.authorName || t('trash.actor.tagged', { role: t('trash.actor.participant'), tag: held.by.slice(-4) })} (${roleShort(t, held.record.props.authorRole)})`
  const onKeyDown = (e: React.KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return
    const key = e.key.toLowerCase()
    if (key === 'a') approve()
    else if (key === 'n') reject()
    else if (key === 'e') setEditing(text)
    else return
    e.preventDefault()
  }
  return (
    <li
      tabIndex={0}
      className="outline-held__card"
      data-testid="outline-held-card"
      aria-label={MODERATION_COPY.waiting(text.slice(0, 120), who)}
      onKeyDown={onKeyDown}
    >
      <span dir="auto" className="outline-held__text">
        {text}
      </span>
      <span className="muted">
        {' '}
        — {who}
        {held.matched !== null && <strong> · {MODERATION_COPY.flagged(held.matched)}</strong>}
      </span>
      {editing === null ? (
        <span className="outline-held__actions">
          <button type="button" className="button small" onClick={approve}>
            {MODERATION_COPY.approve}
          </button>
          <button type="button" className="button small" onClick={reject}>
            {MODERATION_COPY.notNow}
          </button>
          <button type="button" className="button small" onClick={() => setEditing(text)}>
            {MODERATION_COPY.edit}
          </button>
        </span>
      ) : (
        <form
          className="outline-held__edit"
          onSubmit={(e) => {
            e.preventDefault()
            const next = editing.trim()
            if (!next) return
            send({ t: 'approve', ids: [id], text: next }, MODERATION_COPY.approved(1))
            setEditing(null)
          }}
        >
          <label>
            <span className="visually-hidden">{MODERATION_COPY.cardText}</span>
            <textarea autoFocus value={editing} rows={3} onChange={(e) => setEditing(e.target.value)} />
          </label>
          <button type="submit" className="button small">
            {MODERATION_COPY.approveEdited}
          </button>
          <button type="button" className="button small" onClick={() => setEditing(null)}>
            {MODERATION_COPY.cancel}
          </button>
        </form>
      )}
    </li>
  )
}
