import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { isFacilitatorRole } from '../../../core/common/permissions'
import { readStructure } from '../../../core/common/session/read'
import { cardsInScope, themeScopes, BOARD_SCOPE } from '../../../core/common/themes/scope'
import { suggestThemes } from '../../../core/common/themes/suggest'
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

interface Proposal {
  readonly key: string
  name: string
  readonly cardIds: readonly string[]
  picked: boolean
}

const newId = (): string => `theme-${crypto.randomUUID()}`
const short = (s: string): string => (s.length > 90 ? `${s.slice(0, 89)}…` : s)

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

function SuggestForm(p: {
  doc: Y.Doc
  cards: readonly CardRecord[]
  structure: ReturnType<typeof readStructure>
  byId: ReadonlyMap<string, CardRecord>
  say(t: string): void
}) {
  const scopes = useMemo(() => themeScopes(p.structure), [p.structure])
  const [scope, setScope] = useState(BOARD_SCOPE.key)
  const [proposals, setProposals] = useState<Proposal[]>([])
  const suggest = () => {
    const list = cardsInScope(p.structure, p.cards, scope)
    const s = suggestThemes(list.map((c) => ({ id: c.id, text: c.props.text })))
    setProposals(s.themes.map((t, i) => ({ key: `${i}`, name: t.name, cardIds: t.cardIds, picked: false })))
    p.say(
      s.themes.length === 0
        ? 'No themes to suggest: no cards here share enough words.'
        : `${s.themes.length} suggested themes. Accept, rename, merge or discard each one.`,
    )
  }
  const update = (key: string, patch: Partial<Proposal>) =>
    setProposals((ps) => ps.map((x) => (x.key === key ? { ...x, ...patch } : x)))
  const drop = (keys: readonly string[]) => setProposals((ps) => ps.filter((x) => !keys.includes(x.key)))
  const accept = (x: Proposal) => {
    const name = x.name.replace(/\s+/g, ' ').trim()
    if (!name) return p.say('Give the theme a name first.')
    const ids = x.cardIds.filter((id) => p.byId.has(id))
    if (ids.length > 0)
      groupAsTheme(p.doc, {
        id: newId(),
        name,
        cardIds: ids,
        source: 'suggested',
        createdAt: Date.now(),
      })
    drop([x.key])
    p.say(`Theme “${name}” added with ${ids.length === 1 ? '1 card' : `${ids.length} cards`}.`)
  }
  const picked = proposals.filter((x) => x.picked)
  const mergePicked = () => {
    const [first, ...rest] = picked
    if (!first || rest.length === 0) return
    const merged: Proposal = {
      key: first.key,
      name: first.name,
      cardIds: [...new Set([first.cardIds, ...rest.map((r) => r.cardIds)].flat())],
      picked: false,
    }
    setProposals((ps) =>
      ps.filter((x) => !rest.some((r) => r.key === x.key)).map((x) => (x.key === first.key ? merged : x)),
    )
    p.say(`${picked.length} suggestions merged into “${first.name}”.`)
  }
  return (
    <section aria-labelledby="themes-suggest-title">
      <h3 id="themes-suggest-title">Suggest themes</h3>
      <p className="muted">
        Groups cards that use similar words. Runs on this device; nothing is sent anywhere.
      </p>
      <div className="row-actions">
        <label className="themes-field">
          Look at
          <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="suggest-scope">
            {scopes.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small primary" onClick={suggest} data-testid="suggest-themes">
          Suggest themes
        </button>
      </div>
      {proposals.length > 0 && (
        <>
          <div className="row-actions">
            <button type="button" className="button small" onClick={mergePicked} disabled={picked.length < 2}>
              Merge ticked suggestions ({picked.length})
            </button>
            <button type="button" className="button small" onClick={() => setProposals([])}>
              Discard all
            </button>
          </div>
          <ul className="themes-list" data-testid="theme-proposals" aria-label="Suggested themes">
            {proposals.map((x) => (
              <li key={x.key} className="theme-item" data-proposal={x.key}>
                <div className="row-actions">
                  <input
                    type="checkbox"
                    aria-label={`Tick “${x.name}” to merge`}
                    checked={x.picked}
                    onChange={(e) => update(x.key, { picked: e.target.checked })}
                  />
                  <input
                    type="text"
                    aria-label="Suggested theme name"
                    value={x.name}
                    maxLength={THEME_NAME_MAX}
                    onChange={(e) => update(x.key, { name: e.target.value })}
                  />
                </div>
                <ul className="themes-cards">
                  {x.cardIds.map((id) => (
                    <li key={id}>{short(p.byId.get(id)?.props.text ?? '')}</li>
                  ))}
                </ul>
                <div className="row-actions">
                  <button type="button" className="button small primary" onClick={() => accept(x)}>
                    Accept
                  </button>
                  <button type="button" className="button small" onClick={() => drop([x.key])}>
                    Discard
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
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
