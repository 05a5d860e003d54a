import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import type { readStructure } from '../../../core/common/session/read'
import { BOARD_SCOPE, cardsInScope, themeScopes } from '../../../core/common/themes/scope'
import { suggestThemes } from '../../../core/common/themes/suggest'
import { groupAsTheme, THEME_NAME_MAX } from '../../../core/common/themes/theme'
import { useT } from '../../device/i18n'
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
  const t = useT()
  const scopes = useMemo(() => themeScopes(p.structure), [p.structure])
  const [scope, setScope] = useState(BOARD_SCOPE.key)
  const [proposals, setProposals] = useState<Proposal[]>([])
  const suggest = () => {
    const list = cardsInScope(p.structure, p.cards, scope)
    const s = suggestThemes(list.map((c) => ({ id: c.id, text: c.props.text })))
    setProposals(s.themes.map((x, i) => ({ key: `${i}`, name: x.name, cardIds: x.cardIds, picked: false })))
    p.say(
      s.themes.length === 0
        ? t('themes.suggest.none')
        : t('themes.suggest.found', { count: s.themes.length }),
    )
  }
  const update = (key: string, patch: Partial<Proposal>) =>
    setProposals((ps) => ps.map((x) => (x.key === key ? { ...x, ...patch } : x)))
  const drop = (keys: readonly string[]) => setProposals((ps) => ps.filter((x) => !keys.includes(x.key)))
  const accept = (x: Proposal) => {
    const name = x.name.replace(/\s+/g, ' ').trim()
    if (!name) return p.say(t('themes.group.needName'))
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
    p.say(t('themes.suggest.added', { name, count: ids.length }))
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
    p.say(t('themes.suggest.merged', { count: picked.length, name: first.name }))
  }
  return (
    <section aria-labelledby="themes-suggest-title">
      <h3 id="themes-suggest-title">{t('themes.suggest.title')}</h3>
      <p className="muted">{t('themes.suggest.help')}</p>
      <div className="row-actions">
        <label className="themes-field">
          {t('themes.suggest.lookAt')}
          <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="suggest-scope">
            {scopes.map((s) => (
              <option key={s.key} value={s.key}>
                {s.key === BOARD_SCOPE.key ? t('themes.suggest.wholeBoard') : s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small primary" onClick={suggest} data-testid="suggest-themes">
          {t('themes.suggest.title')}
        </button>
      </div>
      {proposals.length > 0 && (
        <>
          <div className="row-actions">
            <button type="button" className="button small" onClick={mergePicked} disabled={picked.length < 2}>
              {t('themes.suggest.merge', { count: picked.length })}
            </button>
            <button type="button" className="button small" onClick={() => setProposals([])}>
              {t('themes.suggest.discardAll')}
            </button>
          </div>
          <ul className="themes-list" data-testid="theme-proposals" aria-label={t('themes.suggest.list')}>
            {proposals.map((x) => (
              <li key={x.key} className="theme-item" data-proposal={x.key}>
                <div className="row-actions">
                  <input
                    type="checkbox"
                    aria-label={t('themes.suggest.tick', { name: x.name })}
                    checked={x.picked}
                    onChange={(e) => update(x.key, { picked: e.target.checked })}
                  />
                  <input
                    type="text"
                    aria-label={t('themes.suggest.name')}
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
                    {t('themes.suggest.accept')}
                  </button>
                  <button type="button" className="button small" onClick={() => drop([x.key])}>
                    {t('themes.suggest.discard')}
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
