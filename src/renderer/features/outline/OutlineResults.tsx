import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { readRounds } from '../../../core/common/voting/round'
import { roundResults } from '../../../core/common/voting/tally'
import {
  cardSummary,
  distributionText,
  measureLabel,
  roleSummary,
  roundHow,
} from '../../../core/common/voting/describe'
import { useT } from '../../device/i18n'
import type { SessionBoard } from '../../session/BoardSession'
import { useMapsValue } from '../../session/useDoc'

/** Closed rounds with their results (the same tally as the wall and every export). */
const readClosed = (d: Y.Doc) =>
  readRounds(d)
    .filter((r) => r.status === 'closed')
    .map((round) => ({ round, results: roundResults(d, round.id) }))

/**
 * Voting results in the outline: each closed round (any method) as a heading saying how people
 * decided, then its cards in result order with every measure overall and per co-production role.
 */
export function OutlineResults({ board, cards }: { board: SessionBoard; cards: readonly CardRecord[] }) {
  const t = useT()
  const rounds = useMapsValue(board.doc, ['voting', 'ballots', 'participants', 'withdrawn'], readClosed)
  if (rounds.length === 0) return null
  const text = new Map(cards.map((c) => [c.id, c.props.text]))
  return (
    <section className="outline-zone" data-testid="outline-results" aria-labelledby="outline-results">
      <h3 id="outline-results" className="outline-subtitle">
        {t('outline.results.title')}
      </h3>
      {rounds.map(({ round, results }) => (
        <div key={round.id} className="outline-theme" data-round-id={round.id}>
          <h4 className="outline-subtitle">{round.title || t('outline.results.untitled')}</h4>
          <p className="muted">
            {t('phone.results.how', { how: roundHow(round, t), count: results.ballots })}
          </p>
          {results.cards.length === 0 ? (
            <p className="muted">{t('outline.results.none')}</p>
          ) : (
            <ol className="outline-cards">
              {results.cards.map((c) => (
                <li key={c.cardId} data-testid="outline-result">
                  {text.get(c.cardId) ?? t('phone.results.removed')} — <strong>{cardSummary(c, t)}</strong>
                  <ul>
                    {c.measures.map((m) => (
                      <li key={m.key} className="muted">
                        {t('outline.results.byRole', {
                          label: measureLabel(m, t),
                          roles: roleSummary(m, t) || '—',
                        })}
                        {m.distribution &&
                          ` ${t('outline.results.scores', { scores: distributionText(m.distribution.overall) })}`}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  )
}
