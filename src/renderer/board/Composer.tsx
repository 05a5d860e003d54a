import { useId, useLayoutEffect, useRef, useState } from 'react'
import {
  CARD_KIND_INFO,
  CARD_KINDS,
  CARD_TEXT_MAX,
  hasOwnerAndDue,
  isDueDate,
  NAME_MAX,
  type CardKind,
  type ScribedFor,
} from '../../core/common/cards/card'
import { ScribedForField, scribedForOf, type ScribeOption } from './ScribedForField'
import './composer.css'
import { KindIcon } from '../device/icons/KindIcon'
import { kindLabel, kindPhrase, useT } from '../device/i18n'

export interface ComposerProps {
  initialKind: CardKind
  /** Text to start with (pasted text). */
  initialText?: string
  /** Where the card will go, in the one cell wording ("Arriving · How it feels"). */
  where: string
  onSubmit(
    kind: CardKind,
    text: string,
    extras: { owner: string; due: string; scribedFor: ScribedFor | null },
  ): void
  onClose(): void
  /** Facilitators and co-facilitators: whom they may write the card for (absent: only themselves). */
  scribeOptions?: readonly ScribeOption[]
}

/**
 * The keyboard path to a card: pick a kind (arrow keys or its number 1–7), type, Enter to place it
 * (Shift+Enter for a new line), Escape to cancel.
 */
export function Composer({
  initialKind,
  initialText = '',
  where,
  onSubmit,
  onClose,
  scribeOptions,
}: ComposerProps) {
  const t = useT()
  const [writtenFor, setWrittenFor] = useState('')
  const [kind, setKind] = useState<CardKind>(initialKind)
  const [text, setText] = useState(initialText.slice(0, CARD_TEXT_MAX))
  const [owner, setOwner] = useState('')
  const [due, setDue] = useState('')
  const textRef = useRef<HTMLTextAreaElement>(null)
  const titleId = useId()
  const whereId = useId()
  // Before paint, so the first keys typed after the composer opens already land in the text box.
  useLayoutEffect(() => {
    textRef.current?.focus()
  }, [])
  const submit = () => {
    if (text.trim() === '') return
    onSubmit(kind, text, {
      owner: owner.trim().slice(0, NAME_MAX),
      due,
      scribedFor: scribeOptions ? scribedForOf(scribeOptions, writtenFor) : null,
    })
  }
  return (
    <div
      className="copro-composer"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={whereId}
      data-testid="card-composer"
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape') {
          e.preventDefault()
          onClose()
        } else if (e.altKey && /^[1-7]$/.test(e.key)) {
          e.preventDefault()
          setKind(CARD_KINDS[Number(e.key) - 1]!)
        }
      }}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <h2 id={titleId} className="copro-composer__title">
        {t('board.composer.title')}
      </h2>
      <p id={whereId} className="copro-composer__where" data-testid="composer-where">
        {t('board.composer.goesTo')} <strong>{where}</strong>
      </p>
      <fieldset className="copro-composer__kinds">
        <legend>{t('board.composer.kind')}</legend>
        {CARD_KINDS.map((k, i) => {
          const info = CARD_KIND_INFO[k]
          return (
            <label
              key={k}
              className="copro-composer__kind"
              style={{
                background: `var(--copro-kind-${k}-bg, ${info.colour})`,
                color: `var(--copro-kind-${k}-fg, #1a1a1a)`,
              }}
            >
              <input
                type="radio"
                name="copro-card-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`composer-kind-${k}`}
              />
              <KindIcon kind={k} /> {kindLabel(t, k)}
              <span className="copro-composer__hint"> {kindPhrase(t, k)}</span>
              <span className="copro-composer__key" aria-hidden="true">
                {i + 1}
              </span>
            </label>
          )
        })}
      </fieldset>
      <label className="copro-composer__label">
        {t('board.composer.text')}
        <textarea
          ref={textRef}
          dir="auto"
          rows={3}
          maxLength={CARD_TEXT_MAX}
          value={text}
          data-testid="composer-text"
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault()
              submit()
            }
          }}
        />
      </label>
      {hasOwnerAndDue(kind) && (
        <div className="copro-composer__row">
          <label className="copro-composer__label">
            {t('board.composer.owner')}
            <input
              type="text"
              dir="auto"
              maxLength={NAME_MAX}
              value={owner}
              data-testid="composer-owner"
              onChange={(e) => setOwner(e.currentTarget.value)}
            />
          </label>
          <label className="copro-composer__label">
            {t('board.composer.due')}
            <input
              type="date"
              value={due}
              data-testid="composer-due"
              onChange={(e) => setDue(isDueDate(e.currentTarget.value) ? e.currentTarget.value : '')}
            />
          </label>
        </div>
      )}
      {scribeOptions && scribeOptions.length > 1 && (
        <ScribedForField
          className="copro-composer__label"
          options={scribeOptions}
          value={writtenFor}
          onChange={setWrittenFor}
          testId="composer-scribed-for"
        />
      )}
      <div className="copro-composer__actions">
        <button type="button" onClick={onClose}>
          {t('board.composer.cancel')}
        </button>
        <button type="button" onClick={submit} disabled={text.trim() === ''} data-testid="composer-add">
          {t('board.composer.add')}
        </button>
      </div>
    </div>
  )
}
