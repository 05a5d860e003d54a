import { useId, useLayoutEffect, useRef, useState } from 'react'
import { CARD_KIND_INFO, CARD_TEXT_MAX, type CardKind } from '../../core/common/cards/card'
import { KindIcon } from '../device/icons/KindIcon'
import { kindPhrase, useT } from '../device/i18n'

/** The four big buttons of the simple composer, in the order people see them. */
export const SIMPLE_KINDS: readonly CardKind[] = ['pain', 'contribution', 'idea', 'question']

export interface SimpleComposerProps {
  /** Where a card of this kind will go, in plain words (e.g. "Waiting room"), or null for "the middle of your view". */
  placeFor(kind: CardKind): string | null
  /** Adds the card; returns what to tell the person, or null when it could not be added. */
  onPost(kind: CardKind, text: string): string | null
}

/**
 * The guest's way to add a card: four large buttons ("Something that's hard", "Something I can
 * offer", "An idea", "A question"); each opens a text box, and "Add to the board" posts the card.
 */
export function SimpleComposer({ placeFor, onPost }: SimpleComposerProps) {
  const t = useT()
  const [kind, setKind] = useState<CardKind | null>(null)
  const [text, setText] = useState('')
  const [said, setSaid] = useState('')
  const textRef = useRef<HTMLTextAreaElement>(null)
  const root = useRef<HTMLElement>(null)
  const returnTo = useRef<CardKind | null>(null)
  const ids = { title: useId(), where: useId() }

  // Before paint, so the first keys typed after the composer opens already land in the text box.
  useLayoutEffect(() => {
    if (kind) textRef.current?.focus()
    else if (returnTo.current) {
      root.current?.querySelector<HTMLElement>(`[data-kind="${returnTo.current}"]`)?.focus()
      returnTo.current = null
    }
  }, [kind])

  const close = () => {
    returnTo.current = kind
    setKind(null)
    setText('')
  }
  const post = (e: React.FormEvent) => {
    e.preventDefault()
    if (!kind || text.trim() === '') return
    const said = onPost(kind, text.trim())
    setSaid(said ?? t('composer.failed'))
    if (said !== null) close()
  }

  return (
    <section
      ref={root}
      className="guest-composer"
      aria-label={t('guest.addCard')}
      data-testid="guest-composer"
    >
      {kind ? (
        <form
          className="guest-composer__sheet"
          role="dialog"
          aria-modal="false"
          aria-labelledby={ids.title}
          onSubmit={post}
          onKeyDown={(e) => {
            e.stopPropagation()
            if (e.key === 'Escape') {
              e.preventDefault()
              close()
            }
          }}
        >
          <label
            id={ids.title}
            className="guest-composer__title"
            style={{ background: CARD_KIND_INFO[kind].colour }}
          >
            <span>
              <KindIcon kind={kind} /> {kindPhrase(t, kind)}
            </span>
            <textarea
              ref={textRef}
              className="guest-composer__text"
              dir="auto"
              data-testid="guest-card-text"
              rows={3}
              maxLength={CARD_TEXT_MAX}
              value={text}
              aria-describedby={ids.where}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <p id={ids.where} className="guest-hint">
            {(() => {
              const where = placeFor(kind)
              return where ? t('composer.goesTo', { where }) : t('composer.goesMiddle')
            })()}
          </p>
          <div className="guest-composer__actions">
            <button type="button" className="guest-btn" onClick={close}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="guest-btn guest-btn--primary"
              disabled={text.trim() === ''}
              data-testid="guest-card-post"
            >
              {t('guest.post')}
            </button>
          </div>
        </form>
      ) : (
        <div className="guest-composer__kinds">
          {SIMPLE_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className="guest-kind"
              data-kind={k}
              data-testid={`guest-kind-${k}`}
              style={{ background: CARD_KIND_INFO[k].colour }}
              onClick={() => {
                setSaid('')
                setKind(k)
              }}
            >
              <span aria-hidden="true" className="guest-kind__icon">
                <KindIcon kind={k} />
              </span>
              {kindPhrase(t, k)}
            </button>
          ))}
        </div>
      )}
      <p className="visually-hidden" role="status" data-testid="guest-composer-status">
        {said}
      </p>
    </section>
  )
}
