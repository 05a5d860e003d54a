import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { isFacilitatorRole } from '../../../core/common/permissions'
import { readStructure } from '../../../core/common/session/read'
import {
  deleteTheme,
  groupAsTheme,
  mergeThemes,
  readThemes,
  renameTheme,
  THEME_NAME_MAX,
  themeOfCard,
  type Theme,
} from '../../../core/common/themes/theme'
import type { SessionBoard } from '../../session/BoardSession'
import { useBoardSession } from '../../session/useBoardSession'
import { useCards } from '../../session/useCards'
import { useMapsValue } from '../../session/useDoc'
import { useServices } from '../../workbench/context'
import { useT } from '../../device/i18n'
import { SuggestForm } from './SuggestThemes'
import { short, newId } from './text'
import './themes.css'

/**
 * Themes: group cards under a name, by hand (cards selected on the canvas, or ticked here) or from
 * suggestions ("Suggest themes" groups a cell's or the whole board's cards by similar wording, on this
 * device). Facilitators accept, rename, merge or discard each suggestion; nothing is written until they
 * accept. Everyone sees the themes; only facilitators change them.
 */
export function ThemesView() {
  const t = useT()
  const board = useBoardSession()?.board ?? null
  if (!board) return <p className="muted">{t('themes.noSession')}</p>
  return <BoardThemes board={board} />
}

function BoardThemes({ board }: { board: SessionBoard }) {
  const { store } = useServices()
  const cards = useCards(board)
  return (
    <ThemesPanel
      doc={board.doc}
      cards={cards}
      canEdit={isFacilitatorRole(board.identity.sessionRole) && !board.cards.readOnly()}
      selectedCardIds={() => board.getSelectedCardIds()}
      say={(t) => store.announce(t)}
    />
  )
}

export interface ThemesPanelProps {
  readonly doc: Y.Doc
  /** The cards this person sees. */
  readonly cards: readonly CardRecord[]
  /** Facilitators change themes; everyone else reads them. */
  readonly canEdit: boolean
  /** Cards selected on the canvas. */
  selectedCardIds(): string[]
  /** Reads text out through a polite live region. */
  say(text: string): void
}

/** The themes of one session document (no workbench needed: the component tests render it). */
export function ThemesPanel({ doc, cards, canEdit, selectedCardIds, say }: ThemesPanelProps) {
  const t = useT()
  const themes = useMapsValue(doc, ['themes'], readThemes)
  const structure = useMapsValue(doc, ['workshop'], readStructure)
  const byId = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards])
  const inTheme = useMemo(() => themeOfCard(themes), [themes])
  const ungrouped = cards.filter((c) => !inTheme.has(c.id))

  return (
    <div className="view themes-view" data-testid="themes-view">
      {canEdit && (
        <GroupForm
          doc={doc}
          selectedCardIds={selectedCardIds}
          ungrouped={ungrouped}
          say={say}
          themes={themes}
          byId={byId}
        />
      )}
      {canEdit && <SuggestForm doc={doc} cards={ungrouped} structure={structure} say={say} byId={byId} />}
      <section aria-labelledby="themes-list-title">
        <h3 id="themes-list-title">{t('themes.list.title')}</h3>
        {themes.length === 0 ? (
          <p className="muted">{t('themes.list.empty')}</p>
        ) : (
          <ul className="themes-list" data-testid="themes-list">
            {themes.map((x) => (
              <ThemeItem
                key={x.id}
                doc={doc}
                theme={x}
                themes={themes}
                byId={byId}
                canEdit={canEdit}
                say={say}
              />
            ))}
          </ul>
        )}
        <p className="muted">{t('themes.list.ungrouped', { count: ungrouped.length })}</p>
      </section>
    </div>
  )
}

function GroupForm(p: {
  doc: Y.Doc
  selectedCardIds(): string[]
  ungrouped: readonly CardRecord[]
  themes: readonly Theme[]
  byId: ReadonlyMap<string, CardRecord>
  say(t: string): void
}) {
  const t = useT()
  const [name, setName] = useState('')
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState('')
  const group = (ids: readonly string[]) => {
    const n = name.replace(/\s+/g, ' ').trim()
    if (!n) return setError(t('themes.group.needName'))
    const valid = ids.filter((id) => p.byId.has(id))
    if (valid.length === 0) return setError(t('themes.group.chooseCards'))
    const existing = p.themes.find((x) => x.name.toLowerCase() === n.toLowerCase())
    groupAsTheme(p.doc, { id: existing?.id ?? newId(), name: n, cardIds: valid, createdAt: Date.now() })
    p.say(t('themes.group.done', { count: valid.length, name: n }))
    setName('')
    setTicked(new Set())
    setError('')
  }
  const toggle = (id: string) =>
    setTicked((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  return (
    <section aria-labelledby="themes-group-title">
      <h3 id="themes-group-title">{t('themes.group.title')}</h3>
      <label className="themes-field">
        {t('themes.group.name')}
        <input
          type="text"
          value={name}
          maxLength={THEME_NAME_MAX}
          onChange={(e) => setName(e.target.value)}
          data-testid="theme-name"
        />
      </label>
      <div className="row-actions">
        <button
          type="button"
          className="button small primary"
          onClick={() => group(p.selectedCardIds())}
          data-testid="group-selected"
        >
          {t('themes.group.selected')}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => group([...ticked])}
          disabled={ticked.size === 0}
          data-testid="group-ticked"
        >
          {t('themes.group.ticked', { count: ticked.size })}
        </button>
      </div>
      {error && (
        <p className="themes-error" role="alert">
          {error}
        </p>
      )}
      {p.ungrouped.length > 0 && (
        <details>
          <summary>{t('themes.group.tick', { count: p.ungrouped.length })}</summary>
          <ul className="themes-cards">
            {p.ungrouped.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" checked={ticked.has(c.id)} onChange={() => toggle(c.id)} />{' '}
                  {short(c.props.text)}
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

function ThemeItem(p: {
  doc: Y.Doc
  theme: Theme
  themes: readonly Theme[]
  byId: ReadonlyMap<string, CardRecord>
  canEdit: boolean
  say(t: string): void
}) {
  const t = useT()
  const th = p.theme
  const [name, setName] = useState(th.name)
  const [into, setInto] = useState('')
  const cards = th.cardIds.map((id) => p.byId.get(id)).filter((c): c is CardRecord => c !== undefined)
  const others = p.themes.filter((o) => o.id !== th.id)
  return (
    <li className="theme-item" data-theme-id={th.id}>
      <h4 className="theme-name">
        {th.name} <span className="muted">({t('themes.cards', { count: cards.length })})</span>
      </h4>
      <ul className="themes-cards">
        {cards.map((c) => (
          <li key={c.id}>{short(c.props.text)}</li>
        ))}
      </ul>
      {p.canEdit && (
        <div className="row-actions">
          <input
            type="text"
            aria-label={t('themes.item.newName', { name: th.name })}
            value={name}
            maxLength={THEME_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="button"
            className="button small"
            disabled={!name.trim() || name.trim() === th.name}
            onClick={() => {
              renameTheme(p.doc, th.id, name)
              p.say(t('themes.item.renamed', { name: name.trim() }))
            }}
          >
            {t('themes.item.rename')}
          </button>
          {others.length > 0 && (
            <>
              <select
                aria-label={t('themes.item.mergeInto', { name: th.name })}
                value={into}
                onChange={(e) => setInto(e.target.value)}
              >
                <option value="">{t('themes.item.mergeIntoPlaceholder')}</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button small"
                disabled={!into}
                onClick={() => {
                  mergeThemes(p.doc, into, [th.id])
                  p.say(
                    t('themes.item.merged', {
                      name: th.name,
                      into: others.find((o) => o.id === into)?.name ?? '',
                    }),
                  )
                }}
              >
                {t('themes.item.merge')}
              </button>
            </>
          )}
          <button
            type="button"
            className="button small"
            onClick={() => {
              deleteTheme(p.doc, th.id)
              p.say(t('themes.item.ungrouped', { name: th.name }))
            }}
          >
            {t('themes.item.ungroup')}
          </button>
        </div>
      )}
    </li>
  )
}
