import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { readThemes } from '../../../core/common/themes/theme'
import type { SessionBoard } from '../../session/BoardSession'
import { useMapsValue } from '../../session/useDoc'
import { useT } from '../../device/i18n'

/** The board's themes in the outline: each theme's name and the cards grouped under it. */
export function OutlineThemes({ board, cards }: { board: SessionBoard; cards: readonly CardRecord[] }) {
  const t = useT()
  const themes = useMapsValue(board.doc, ['themes'], readThemes)
  if (themes.length === 0) return null
  const byId = new Map(cards.map((c) => [c.id, c]))
  return (
    <section className="outline-zone" data-testid="outline-themes" aria-labelledby="outline-themes">
      <h3 id="outline-themes" className="outline-subtitle">
        {t('outline.themes.title')}
      </h3>
      {themes.map((th) => {
        const list = th.cardIds.map((id) => byId.get(id)).filter((c): c is CardRecord => c !== undefined)
        return (
          <div key={th.id} className="outline-theme" data-theme-id={th.id}>
            <h4 className="outline-subtitle">
              {th.name} <span className="muted">({t('common.cardCount', { count: list.length })})</span>
            </h4>
            <ul className="outline-cards" aria-label={t('outline.themes.theme', { name: th.name })}>
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
