import { forwardRef, useId, useState } from 'react'
import {
  CARD_KIND_INFO,
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

/** Pasted text can hold many cards, one per line. */
const BULK_TEXT_MAX = 200_000

/** Add a card without the canvas: choose the kind, type the text, choose the cell. */
export const AddCardForm = forwardRef<HTMLTextAreaElement, AddCardFormProps>(
  function AddCardForm(p, textRef) {
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
          Add a card
        </h3>
        <div className="outline-add-fields">
          <span>
            <label htmlFor={ids.kind}>Kind</label>
            <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as CardKind)}>
              {CARD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CARD_KIND_INFO[k].label} — {CARD_KIND_INFO[k].phrase}
                </option>
              ))}
            </select>
          </span>
          <span>
            <label htmlFor={ids.cell}>Where</label>
            <select id={ids.cell} value={p.cellKey} onChange={(e) => p.onCellKey(e.target.value)}>
              {p.choices.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </span>
        </div>
        <label htmlFor={ids.text}>Text</label>
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
          {perLine
            ? 'Each line becomes a card of this kind in this place. Enter starts a new line.'
            : 'Enter adds the card; Shift+Enter starts a new line.'}
        </p>
        <label className="outline-check">
          <input
            type="checkbox"
            checked={perLine}
            onChange={(e) => setPerLine(e.target.checked)}
            data-testid="outline-add-per-line"
          />
          One card per line (for pasting a list)
        </label>
        {hasOwnerAndDue(kind) && !perLine && (
          <div className="outline-add-fields">
            <span>
              <label htmlFor={ids.owner}>Owner</label>
              <input
                id={ids.owner}
                value={owner}
                maxLength={NAME_MAX}
                onChange={(e) => setOwner(e.target.value)}
              />
            </span>
            <span>
              <label htmlFor={ids.due}>Due date</label>
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
          {perLine ? `Add ${lines.length === 1 ? '1 card' : `${lines.length} cards`}` : 'Add card'}
        </button>
      </form>
    )
  },
)
