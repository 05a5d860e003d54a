import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import type { readStructure } from '../../../core/common/session/read'
import { BOARD_SCOPE, cardsInScope, themeScopes } from '../../../core/common/themes/scope'
import { suggestThemes } from '../../../core/common/themes/suggest'
import { groupAsTheme, THEME_NAME_MAX } from '../../../core/common/themes/theme'
import { newId, short } from './text'

/**
 * "Suggest themes": proposals for one cell or the whole board, kept on this screen until the
 * facilitator accepts one (written as a theme), renames it, merges ticked ones or discards them.
 */
interface Proposal {
  readonly key: string
  name: string
  readonly cardIds: readonly string[]
  picked: boolean
}

export function SuggestForm(p: {
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
