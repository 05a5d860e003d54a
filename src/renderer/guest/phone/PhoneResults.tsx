import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import { cardSummary, distributionText, roleSummary, roundHow } from '../../../core/common/voting/describe'
import type { Phone } from './usePhone'
import './decide.css'

/**
 * The results the facilitator shows, on the phone after the round closed: cards in result order, each
 * with every measure of its method overall and per role (the same tally as the wall and the exports).
 */
export function PhoneResults({ phone }: { phone: Phone }) {
  const shown = phone.snap.results
  if (!shown) return null
  const { round, results } = shown
  const text = new Map(phone.snap.cards.map((c) => [c.id, c]))
  return (
    <div className="phone-panel" data-testid="phone-results">
      <h2 className="phone-h2">Results: {round.title || 'Voting round'}</h2>
      <p className="phone-hint">
        {roundHow(round)} · {results.ballots} {results.ballots === 1 ? 'person' : 'people'} took part
      </p>
      {results.cards.length === 0 && <p className="phone-prompt">No answers were given.</p>}
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
              <span className="phone-card__text">{card?.text ?? '(card removed)'}</span>
              <strong data-testid="phone-result-summary">{cardSummary(c)}</strong>
              {c.measures.map((m) => (
                <span key={m.key} className="phone-hint">
                  {m.label}: {roleSummary(m) || '—'}
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
