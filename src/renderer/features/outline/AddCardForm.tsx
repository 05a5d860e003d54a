import { forwardRef, useId, useState } from 'react'
import {
  CARD_KINDS,
  CARD_TEXT_MAX,
  hasOwnerAndDue,
  NAME_MAX,
  type CardKind,
  type ScribedFor,
} from '../../../core/common/cards/card'
import { ScribedForField, scribedForOf, type ScribeOption } from '../../board/ScribedForField'
import { splitCardLines } from '../../../core/common/bulk/parse'

export interface AddCardFormProps {
  choices: { key: string; label: string }[]
  cellKey: string
  onCellKey(key: string): void
  onAdd(
    kind: CardKind,
    text: string,
    cellKey: string,
    extras: { owner: string; due: string; scribedFor: ScribedFor | null },
  ): boolean
  /** Facilitators: whom they may write the card for ("scribed for …"). */
  scribeOptions?: readonly ScribeOption[]
  /** Several cards of one kind in one cell (one per line); returns how many were added. */
  onAddMany(kind: CardKind, texts: readonly string[], cellKey: string): number
}

import { kindLabel, kindPhrase, useT } from '../../device/i18n'

/** Pasted text can hold many cards, one per line. */
const BULK_TEXT_MAX = 200_000

/** Add a card without the canvas: choose the kind, type the text, choose the cell. */
export const AddCardForm = forwardRef<HTMLTextAreaElement, AddCardFormProps>(
  function AddCardForm(p, textRef) {
    const t = useT()
    const [kind, setKind] = useState<CardKind>('idea')
    const [text, setText] = useState('')
    const [owner, setOwner] = useState('')
    const [due, setDue] = useState('')
    const [writtenFor, setWrittenFor] = useState('')
    const scribedFor = p.scribeOptions ? scribedForOf(p.scribeOptions, writtenFor) : null
    const [perLine, setPerLine] = useState(false)
    const ids = { title: useId(), kind: useId(), text: useId(), cell: useId(), owner: useId(), due: useId() }
    const lines = perLine ? splitCardLines(text) : []
    return (
      <form
        className="outline-add"
        aria-labelledby={ids.title}
        data-testid="outline-add"
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim() === '') return
          if (perLine) {
            if (p.onAddMany(kind, lines, p.cellKey) > 0) setText('')
            return
          }
          if (p.onAdd(kind, text.trim(), p.cellKey, { owner, due, scribedFor })) {
            setText('')
            setOwner('')
            setDue('')
          }
        }}
      >
        <h3 id={ids.title} className="outline-subtitle">
          {t('outline.add.title')}
        </h3>
        <div className="outline-add-fields">
          <span>
            <label htmlFor={ids.kind}>{t('outline.card.kind')}</label>
            <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as CardKind)}>
              {CARD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(t, k)} — {kindPhrase(t, k)}
                </option>
              ))}
            </select>
          </span>
          <span>
            <label htmlFor={ids.cell}>{t('outline.add.where')}</label>
            <select id={ids.cell} value={p.cellKey} onChange={(e) => p.onCellKey(e.target.value)}>
              {p.choices.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </span>
        </div>
        <label htmlFor={ids.text}>{t('outline.card.text')}</label>
        <textarea
          id={ids.text}
          ref={textRef}
          value={text}
          rows={2}
          maxLength={perLine ? BULK_TEXT_MAX : CARD_TEXT_MAX}
          onChange={(e) => setText(e.target.value)}
          onPaste={(e) => {
            if (/\r|\n/.test(e.clipboardData.getData('text').trim())) setPerLine(true)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !perLine) {
              e.preventDefault()
              e.currentTarget.form?.requestSubmit()
            }
          }}
          aria-describedby={`${ids.text}-help`}
        />
        <p id={`${ids.text}-help`} className="help">
          {perLine ? t('outline.add.perLineHelp') : t('outline.add.help')}
        </p>
        <label className="outline-check">
          <input
            type="checkbox"
            checked={perLine}
            onChange={(e) => setPerLine(e.target.checked)}
            data-testid="outline-add-per-line"
          />
          {t('outline.add.perLine')}
        </label>
        {hasOwnerAndDue(kind) && !perLine && (
          <div className="outline-add-fields">
            <span>
              <label htmlFor={ids.owner}>{t('outline.card.ownerLabel')}</label>
              <input
                id={ids.owner}
                value={owner}
                maxLength={NAME_MAX}
                onChange={(e) => setOwner(e.target.value)}
              />
            </span>
            <span>
              <label htmlFor={ids.due}>{t('outline.card.dueLabel')}</label>
              <input id={ids.due} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            </span>
          </div>
        )}
        {p.scribeOptions && p.scribeOptions.length > 1 && (
          <ScribedForField
            options={p.scribeOptions}
            value={writtenFor}
            onChange={setWrittenFor}
            testId="outline-scribed-for"
          />
        )}
        <button type="submit" className="button primary">
          {perLine ? t('outline.add.many', { count: lines.length }) : t('outline.add.one')}
        </button>
      </form>
    )
  },
)
