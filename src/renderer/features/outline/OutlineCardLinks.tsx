import { useId, useState } from 'react'
import type { CardKind } from '../../../core/common/cards/card'
import { defaultLinkKind, LINK_KINDS, type LinkKind } from '../../../core/common/cards/link'
import { useT } from '../../device/i18n'

/** A card's links in the outline (ADR 0035): listed under the card, with their kind; and a form to add one. */

/** What the outline does with links (part of its card actions). */
export interface LinkActions {
  link(fromId: string, toId: string, kind: LinkKind): void
  setLinkKind(arrowId: string, kind: LinkKind): void
  unlink(arrowId: string, cardId: string): void
  mode(id: string, mode: 'view'): void
}

export interface LinkProps {
  card: { id: string; kind: CardKind }
  readOnly: boolean
  links: readonly OutlineLink[]
  linkTargets(): readonly LinkTarget[]
  actions: LinkActions
}

/** A link of this card as the outline lists it: the other card in words, the direction and kind. */
export interface OutlineLink {
  arrowId: string
  /** 'to': this card → other; 'from': other → this card. */
  dir: 'to' | 'from'
  otherId: string
  /** "Pain: The letter is hard to read" */
  other: string
  kind: LinkKind
}

/** Another card this one can link to (the "Link to" list). */
export interface LinkTarget {
  id: string
  kind: CardKind
  label: string
}

/** The card's links: the other card, the kind (changeable) and a way to remove the link. */
export function LinkList(p: LinkProps & { name: string }) {
  const t = useT()
  return (
    <ul
      className="outline-links"
      aria-label={t('outline.links.of', { name: p.name })}
      data-testid="outline-links"
    >
      {p.links.map((l) => (
        <li key={l.arrowId} data-link-id={l.arrowId}>
          {p.readOnly ? (
            <span>{t(`links.${l.kind}.label`)}</span>
          ) : (
            <select
              value={l.kind}
              aria-label={t('outline.links.kindWith', { other: l.other })}
              onChange={(e) => p.actions.setLinkKind(l.arrowId, e.target.value as LinkKind)}
            >
              {LINK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {l.dir === 'to'
                    ? t(`links.${k}.label`)
                    : t('outline.links.from', { link: t(`links.${k}.label`) })}
                </option>
              ))}
            </select>
          )}{' '}
          <span dir="auto">
            {l.dir === 'to' ? '→ ' : '← '}
            {l.other}
          </span>{' '}
          {!p.readOnly && (
            <button
              type="button"
              className="button small"
              aria-label={t('outline.links.removeWith', { other: l.other })}
              onClick={() => p.actions.unlink(l.arrowId, p.card.id)}
            >
              {t('outline.links.remove')}
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}

/** Link this card to another: which card, and the kind (it starts with the one the two kinds suggest). */
export function LinkForm(p: LinkProps) {
  const targets = p.linkTargets()
  const [to, setTo] = useState(targets[0]?.id ?? '')
  const target = targets.find((x) => x.id === to)
  const [kind, setKind] = useState<LinkKind | null>(null)
  const shown = kind ?? (target ? defaultLinkKind(p.card.kind, target.kind) : 'relates')
  const ids = { to: useId(), kind: useId() }
  const t = useT()
  return (
    <form
      className="outline-inline outline-form"
      aria-label={t('outline.links.form')}
      onSubmit={(e) => {
        e.preventDefault()
        if (to) p.actions.link(p.card.id, to, shown)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          p.actions.mode(p.card.id, 'view')
        }
      }}
    >
      {targets.length === 0 ? (
        <p>{t('outline.links.none')}</p>
      ) : (
        <>
          <label htmlFor={ids.kind}>{t('outline.links.kind')}</label>
          <select id={ids.kind} value={shown} onChange={(e) => setKind(e.target.value as LinkKind)}>
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`links.${k}.label`)}
              </option>
            ))}
          </select>
          <label htmlFor={ids.to}>{t('outline.links.to')}</label>
          <select id={ids.to} value={to} onChange={(e) => setTo(e.target.value)} autoFocus>
            {targets.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="outline-form-buttons">
        <button type="submit" className="button primary" disabled={!to}>
          {t('outline.links.link')}
        </button>
        <button type="button" className="button" onClick={() => p.actions.mode(p.card.id, 'view')}>
          {t('outline.moderation.cancel')}
        </button>
      </div>
    </form>
  )
}
