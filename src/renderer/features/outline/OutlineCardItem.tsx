import { memo, useEffect, useId, useRef, useState } from 'react'
import {
  CARD_KINDS,
  CARD_TEXT_MAX,
  hasOwnerAndDue,
  NAME_MAX,
  type CardKind,
} from '../../../core/common/cards/card'
import type { CardPatch } from '../../board/a11y/cardOps'
import type { OutlineCard } from './outlineModel'
import { KindIcon } from '../../device/icons/KindIcon'
import { OutlinePhoto } from './OutlinePhoto'
import { kindLabel, kindPhrase, useT } from '../../device/i18n'
import { LinkForm, LinkList, type LinkActions, type LinkTarget, type OutlineLink } from './OutlineCardLinks'

export type { LinkTarget, OutlineLink }

export type CardMode = 'view' | 'edit' | 'move' | 'delete' | 'link'

/** What a card can do; one stable object for the whole outline, so unchanged cards do not re-render. */
export interface CardActions extends LinkActions {
  mode(id: string, mode: CardMode): void
  save(id: string, patch: CardPatch): void
  move(id: string, fromKey: string, toKey: string): void
  remove(id: string, cellKey: string): void
  reveal(id: string): void
  vote(id: string): void
  unvote(id: string): void
  /** Opens the card's comments (absent where there is no Comments view). */
  comments?(id: string): void
}

/** This person's votes on a card while a round is open (null: the card cannot take votes). */
export interface CardVote {
  mine: number
  left: number
}

export interface CardItemProps {
  card: OutlineCard
  mode: CardMode
  readOnly: boolean
  /** A participant changes only their own cards (the relay enforces it): others' cards show no Edit/Move/Delete. */
  ownOnly: boolean
  cellKey: string
  choices: { key: string; label: string }[]
  vote: CardVote | null
  /** This card's links (a stable array while they do not change). */
  links: readonly OutlineLink[]
  /** Its comments and "me too"s in words ("2 comments, 1 me too"), '' for none. */
  talk?: string
  /** Cards it could link to; read only while the link form is open. */
  linkTargets(): readonly LinkTarget[]
  actions: CardActions
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text)

const sameCard = (a: OutlineCard, b: OutlineCard) =>
  a === b ||
  (a.id === b.id &&
    a.kind === b.kind &&
    a.text === b.text &&
    a.author === b.author &&
    a.roleLabel === b.roleLabel &&
    a.mine === b.mine &&
    a.owner === b.owner &&
    a.due === b.due &&
    a.photoId === b.photoId)

/** One card in the outline (memoised: only cards that changed re-render). */
export const OutlineCardItem = memo(
  CardItem,
  (a, b) =>
    sameCard(a.card, b.card) &&
    a.mode === b.mode &&
    a.readOnly === b.readOnly &&
    a.ownOnly === b.ownOnly &&
    a.cellKey === b.cellKey &&
    a.choices === b.choices &&
    a.actions === b.actions &&
    a.links === b.links &&
    a.talk === b.talk &&
    a.vote?.mine === b.vote?.mine &&
    a.vote?.left === b.vote?.left,
)

/** One card: what it says and who wrote it, with edit / move / vote / delete / show on canvas. */
function CardItem(p: CardItemProps) {
  const { card, actions } = p
  const t = useT()
  const setMode = (m: CardMode) => actions.mode(card.id, m)
  const name = t('outline.card.name', {
    kind: kindLabel(t, card.kind),
    text: short(card.text) || t('outline.card.emptyName'),
  })
  return (
    <li className="outline-card" data-card-id={card.id} data-kind={card.kind}>
      {card.photoId && <OutlinePhoto assetId={card.photoId} caption={card.text} />}
      <p className="outline-card-text">
        <span className="outline-kind">
          <KindIcon kind={card.kind} /> {kindLabel(t, card.kind)}:
        </span>{' '}
        <span data-testid="outline-card-text" dir="auto">
          {card.text || <em>{t('outline.card.empty')}</em>}
        </span>{' '}
        <span className="outline-author">
          — {card.author} ({card.roleLabel}){card.mine ? `, ${t('outline.card.yours')}` : ''}
        </span>
        {hasOwnerAndDue(card.kind) && (card.owner || card.due) && (
          <span className="outline-action">
            {card.owner ? ` ${t('outline.card.owner', { owner: card.owner })}` : ''}
            {card.due ? ` ${t('outline.card.due', { due: card.due })}` : ''}
          </span>
        )}
      </p>
      {p.links.length > 0 && <LinkList {...p} name={name} />}
      {p.mode === 'edit' && <EditForm {...p} />}
      {p.mode === 'link' && <LinkForm {...p} />}
      {p.mode === 'move' && <MoveForm {...p} />}
      {p.mode === 'delete' && (
        <div className="outline-inline" role="group" aria-label={t('outline.card.deleteQuestion', { name })}>
          <span>{t('outline.card.deleteThis')}</span>
          <button
            type="button"
            className="button"
            onClick={() => actions.remove(card.id, p.cellKey)}
            autoFocus
          >
            {t('outline.card.delete')}
          </button>
          <button type="button" className="button" onClick={() => setMode('view')}>
            {t('outline.card.keep')}
          </button>
        </div>
      )}
      {p.mode === 'view' && (
        <div className="outline-card-actions">
          {!p.readOnly && (card.mine || !p.ownOnly) && (
            <>
              <button
                type="button"
                className="button small"
                data-action="edit"
                aria-label={t('outline.card.editOf', { name })}
                onClick={() => setMode('edit')}
              >
                {t('outline.card.edit')}
              </button>
              <button
                type="button"
                className="button small"
                data-action="move"
                aria-label={t('outline.card.moveOf', { name })}
                onClick={() => setMode('move')}
              >
                {t('outline.card.move')}
              </button>
              <button
                type="button"
                className="button small"
                data-action="link"
                aria-label={t('outline.card.linkOf', { name })}
                onClick={() => setMode('link')}
              >
                {t('outline.card.link')}
              </button>
              <button
                type="button"
                className="button small"
                data-action="delete"
                aria-label={t('outline.card.deleteOf', { name })}
                onClick={() => setMode('delete')}
              >
                {t('outline.card.delete')}
              </button>
            </>
          )}
          {p.vote && (
            <>
              <button
                type="button"
                className="button small"
                data-action="vote"
                aria-label={`${t('outline.card.vote', { mine: p.vote.mine })}: ${name}`}
                disabled={p.vote.left === 0}
                onClick={() => actions.vote(card.id)}
              >
                {t('outline.card.vote', { mine: p.vote.mine })}
              </button>
              {p.vote.mine > 0 && (
                <button
                  type="button"
                  className="button small"
                  data-action="unvote"
                  aria-label={`${t('outline.card.unvote')}: ${name}`}
                  onClick={() => actions.unvote(card.id)}
                >
                  {t('outline.card.unvote')}
                </button>
              )}
            </>
          )}
          {actions.comments && (
            <button
              type="button"
              className="button small"
              data-action="comments"
              aria-label={`${t('outline.card.comments')}${p.talk ? ` (${p.talk})` : ''}: ${name}`}
              onClick={() => actions.comments?.(card.id)}
            >
              {t('outline.card.comments')}
              {p.talk ? ` (${p.talk})` : ''}
            </button>
          )}
          <button
            type="button"
            className="button small"
            data-action="reveal"
            aria-label={`${t('outline.card.reveal')}: ${name}`}
            onClick={() => actions.reveal(card.id)}
          >
            {t('outline.card.reveal')}
          </button>
        </div>
      )}
    </li>
  )
}

function EditForm(p: CardItemProps) {
  const [kind, setKind] = useState<CardKind>(p.card.kind)
  const [text, setText] = useState(p.card.text)
  const [owner, setOwner] = useState(p.card.owner)
  const [due, setDue] = useState(p.card.due)
  const ids = { kind: useId(), text: useId(), owner: useId(), due: useId() }
  const textRef = useRef<HTMLTextAreaElement>(null)
  const t = useT()
  useEffect(() => textRef.current?.focus(), [])
  return (
    <form
      className="outline-inline outline-form"
      aria-label={t('outline.card.editForm')}
      onSubmit={(e) => {
        e.preventDefault()
        p.actions.save(p.card.id, { kind, text, owner, due })
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          p.actions.mode(p.card.id, 'view')
        }
      }}
    >
      <label htmlFor={ids.kind}>{t('outline.card.kind')}</label>
      <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as CardKind)}>
        {CARD_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(t, k)} — {kindPhrase(t, k)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.text}>{t('outline.card.text')}</label>
      <textarea
        id={ids.text}
        ref={textRef}
        value={text}
        maxLength={CARD_TEXT_MAX}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      {hasOwnerAndDue(kind) && (
        <>
          <label htmlFor={ids.owner}>{t('outline.card.ownerLabel')}</label>
          <input
            id={ids.owner}
            value={owner}
            maxLength={NAME_MAX}
            onChange={(e) => setOwner(e.target.value)}
          />
          <label htmlFor={ids.due}>{t('outline.card.dueLabel')}</label>
          <input id={ids.due} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </>
      )}
      <div className="outline-form-buttons">
        <button type="submit" className="button primary">
          {t('outline.card.save')}
        </button>
        <button type="button" className="button" onClick={() => p.actions.mode(p.card.id, 'view')}>
          {t('outline.moderation.cancel')}
        </button>
      </div>
    </form>
  )
}

function MoveForm(p: CardItemProps) {
  const [to, setTo] = useState(p.cellKey)
  const id = useId()
  const t = useT()
  return (
    <form
      className="outline-inline outline-form"
      aria-label={t('outline.card.moveForm')}
      onSubmit={(e) => {
        e.preventDefault()
        p.actions.move(p.card.id, p.cellKey, to)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          p.actions.mode(p.card.id, 'view')
        }
      }}
    >
      <label htmlFor={id}>{t('outline.card.moveTo')}</label>
      <select id={id} value={to} onChange={(e) => setTo(e.target.value)} autoFocus>
        {p.choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
            {c.key === p.cellKey ? ` ${t('outline.card.whereNow')}` : ''}
          </option>
        ))}
      </select>
      <div className="outline-form-buttons">
        <button type="submit" className="button primary">
          {t('outline.card.move')}
        </button>
        <button type="button" className="button" onClick={() => p.actions.mode(p.card.id, 'view')}>
          {t('outline.moderation.cancel')}
        </button>
      </div>
    </form>
  )
}
