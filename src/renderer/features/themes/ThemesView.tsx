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
  const board = useBoardSession()?.board ?? null
  if (!board) return <p className="muted">Open a session to group its cards into themes.</p>
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
        <h3 id="themes-list-title">Themes on this board</h3>
        {themes.length === 0 ? (
          <p className="muted">No themes yet.</p>
        ) : (
          <ul className="themes-list" data-testid="themes-list">
            {themes.map((t) => (
              <ThemeItem
                key={t.id}
                doc={doc}
                theme={t}
                themes={themes}
                byId={byId}
                canEdit={canEdit}
                say={say}
              />
            ))}
          </ul>
        )}
        <p className="muted">
          {ungrouped.length === 1 ? '1 card' : `${ungrouped.length} cards`} not in a theme.
        </p>
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
  const [name, setName] = useState('')
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState('')
  const group = (ids: readonly string[]) => {
    const n = name.replace(/\s+/g, ' ').trim()
    if (!n) return setError('Give the theme a name first.')
    const valid = ids.filter((id) => p.byId.has(id))
    if (valid.length === 0)
      return setError('Choose at least one card: select cards on the canvas or tick them below.')
    const existing = p.themes.find((t) => t.name.toLowerCase() === n.toLowerCase())
    groupAsTheme(p.doc, { id: existing?.id ?? newId(), name: n, cardIds: valid, createdAt: Date.now() })
    p.say(`${valid.length === 1 ? '1 card' : `${valid.length} cards`} grouped as the theme “${n}”.`)
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
      <h3 id="themes-group-title">Group as theme</h3>
      <label className="themes-field">
        Theme name
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
          Group cards selected on the canvas
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => group([...ticked])}
          disabled={ticked.size === 0}
          data-testid="group-ticked"
        >
          Group ticked cards ({ticked.size})
        </button>
      </div>
      {error && (
        <p className="themes-error" role="alert">
          {error}
        </p>
      )}
      {p.ungrouped.length > 0 && (
        <details>
          <summary>Tick cards not yet in a theme ({p.ungrouped.length})</summary>
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
  const t = p.theme
  const [name, setName] = useState(t.name)
  const [into, setInto] = useState('')
  const cards = t.cardIds.map((id) => p.byId.get(id)).filter((c): c is CardRecord => c !== undefined)
  const others = p.themes.filter((o) => o.id !== t.id)
  return (
    <li className="theme-item" data-theme-id={t.id}>
      <h4 className="theme-name">
        {t.name} <span className="muted">({cards.length === 1 ? '1 card' : `${cards.length} cards`})</span>
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
            aria-label={`New name for “${t.name}”`}
            value={name}
            maxLength={THEME_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="button"
            className="button small"
            disabled={!name.trim() || name.trim() === t.name}
            onClick={() => {
              renameTheme(p.doc, t.id, name)
              p.say(`Theme renamed “${name.trim()}”.`)
            }}
          >
            Rename
          </button>
          {others.length > 0 && (
            <>
              <select
                aria-label={`Merge “${t.name}” into`}
                value={into}
                onChange={(e) => setInto(e.target.value)}
              >
                <option value="">Merge into…</option>
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
                  mergeThemes(p.doc, into, [t.id])
                  p.say(`“${t.name}” merged into “${others.find((o) => o.id === into)?.name ?? ''}”.`)
                }}
              >
                Merge
              </button>
            </>
          )}
          <button
            type="button"
            className="button small"
            onClick={() => {
              deleteTheme(p.doc, t.id)
              p.say(`Theme “${t.name}” ungrouped. Its cards stay on the board.`)
            }}
          >
            Ungroup
          </button>
        </div>
      )}
    </li>
  )
}
