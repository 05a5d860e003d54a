import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import {
  cardSummary,
  distributionText,
  measureLabel,
  roleSummary,
  roundHow,
} from '../../../core/common/voting/describe'
import { useT } from '../../device/i18n'
import type { Phone } from './usePhone'
import './decide.css'

/**
 * The results the facilitator shows, on the phone after the round closed: cards in result order, each
 * with every measure of its method overall and per role (the same tally as the wall and the exports).
 */
export function PhoneResults({ phone }: { phone: Phone }) {
  const t = useT()
  const shown = phone.snap.results
  if (!shown) return null
  const { round, results } = shown
  const text = new Map(phone.snap.cards.map((c) => [c.id, c]))
  return (
    <div className="phone-panel" data-testid="phone-results">
      <h2 className="phone-h2">
        {round.title ? t('phone.results.title', { title: round.title }) : t('phone.results.untitled')}
      </h2>
      <p className="phone-hint">
        {t('phone.results.how', { how: roundHow(round, t), count: results.ballots })}
      </p>
      {results.cards.length === 0 && <p className="phone-prompt">{t('phone.results.none')}</p>}
      <ol className="phone-list">
        {results.cards.map((c) => {
          const card = text.get(c.cardId)
          return (
            <li
              key={c.cardId}
              className="phone-vote-row"
              style={{ borderColor: card ? CARD_KIND_INFO[card.kind].colour : undefined }}
              data-testid="phone-result"
            >
              <span className="phone-card__text">{card?.text ?? t('phone.results.removed')}</span>
              <strong data-testid="phone-result-summary">{cardSummary(c, t)}</strong>
              {c.measures.map((m) => (
                <span key={m.key} className="phone-hint">
                  {measureLabel(m, t)}: {roleSummary(m, t) || '—'}
                  {m.distribution && ` (${distributionText(m.distribution.overall)})`}
                </span>
              ))}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
