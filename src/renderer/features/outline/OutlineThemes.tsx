import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { readThemes } from '../../../core/common/themes/theme'
import type { SessionBoard } from '../../session/BoardSession'
import { useMapsValue } from '../../session/useDoc'
import { useT } from '../../device/i18n'

/** The board's themes in the outline: each theme's name and the cards grouped under it. */
export function OutlineThemes({ board, cards }: { board: SessionBoard; cards: readonly CardRecord[] }) {
  const tr = useT()
  const themes = useMapsValue(board.doc, ['themes'], readThemes)
  if (themes.length === 0) return null
  const byId = new Map(cards.map((c) => [c.id, c]))
  return (
    <section className="outline-zone" data-testid="outline-themes" aria-labelledby="outline-themes">
      <h3 id="outline-themes" className="outline-subtitle">
        {tr('outline.themes.title')}
      </h3>
      {themes.map((t) => {
        const list = t.cardIds.map((id) => byId.get(id)).filter((c): c is CardRecord => c !== undefined)
        return (
          <div key={t.id} className="outline-theme" data-theme-id={t.id}>
            <h4 className="outline-subtitle">
              {t.name} <span className="muted">({tr('common.cardCount', { count: list.length })})</span>
            </h4>
            <ul className="outline-cards" aria-label={tr('outline.themes.theme', { name: t.name })}>
              {list.map((c) => (
                <li key={c.id}>{c.props.text}</li>
              ))}
            </ul>
          </div>
        )
      })}
    </section>
  )
}
