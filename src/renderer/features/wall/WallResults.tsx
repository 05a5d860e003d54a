import type * as Y from 'yjs'
import { selectCards } from '../../../core/common/cards/cardRecord'
import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import { readRecords } from '../../../core/common/session/read'
import { roundResults } from '../../../core/common/voting/tally'
import type { VotingRound } from '../../../core/common/voting/round'
import { cardSummary, formatMeasure, roundHow, type VoteT } from '../../../core/common/voting/describe'
import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../shared/model/roles'
import { useDocValue } from '../../session/useDoc'
import { kindLabel, roleLabel, roleShort, useT } from '../../device/i18n'

/** How many ranked cards the wall shows (the rest are in the Facilitation view and the exports). */
const TOP = 8

function readResults(doc: Y.Doc, round: VotingRound, t?: VoteT) {
  const res = roundResults(doc, round.id)
  const wanted = new Set(res.cards.slice(0, TOP).map((c) => c.cardId))
  const cards = new Map(
    selectCards(readRecords(doc))
      .cards.filter((c) => wanted.has(c.id))
      .map((c) => [c.id, { text: c.props.text, kind: c.props.kind }]),
  )
  return {
    ballots: res.ballots,
    headline: res.headlineLabel,
    rows: res.cards.slice(0, TOP).map((c) => {
      const m = c.measures[0]
      // a mean's bar is split by how many of each role scored (each part labelled with that role's mean)
      const weight = (role: (typeof COPRO_ROLES)[number]) =>
        m?.answers ? m.answers.byRole[role] : c.byRole[role]
      const label = (role: (typeof COPRO_ROLES)[number]) =>
        m ? formatMeasure(m, c.byRole[role], m.answers?.byRole[role]) : String(c.byRole[role])
      return {
        ...c,
        card: cards.get(c.cardId) ?? null,
        weight,
        label,
        shownTotal: m ? formatMeasure(m, c.total, m.answers?.overall) : String(c.total),
        summary: res.method === 'dots' ? null : cardSummary(c, t),
      }
    }),
  }
}

/**
 * The results of a closed voting round on the wall: cards ranked by the round's headline (dots, agrees,
 * mean of the first criterion, Borda points), every other measure in words under the text, its
 * kind (icon and label) and a bar split by co-production role — each part labelled, never colour
 * alone. The same tally as the Facilitation view and the exports (voting/tally.ts).
 */
export function WallResults({ doc, round }: { doc: Y.Doc; round: VotingRound }) {
  const t = useT()
  const r = useDocValue(doc, (d) => readResults(d, round, t), [round.id, t], 500)
  if (!r) return null
  const max = Math.max(1, ...r.rows.map((x) => x.total))
  const roles = COPRO_ROLES.filter((role) => r.rows.some((x) => x.weight(role) > 0))
  return (
    <section className="wall-results" aria-label={t('wall.results.label')} data-testid="wall-results">
      <h1 className="wall-title">
        {t('wall.results.title', { title: round.title || t('wall.results.untitled') })}
      </h1>
      <p className="wall-prompt">{t('wall.results.voted', { count: r.ballots, how: roundHow(round, t) })}</p>
      {r.rows.length === 0 ? (
        <p className="wall-prompt">
          {round.method === 'dots' ? t('wall.results.noDots') : t('wall.results.noAnswers')}
        </p>
      ) : (
        <ol className="wall-ranking">
          {r.rows.map((row, i) => {
            const kind = row.card ? CARD_KIND_INFO[row.card.kind] : null
            return (
              <li key={row.cardId} className="wall-rank" data-testid="wall-result">
                <span className="wall-rank__n">{i + 1}</span>
                <div className="wall-rank__body">
                  <p className="wall-rank__text">
                    {kind && (
                      <span className="wall-rank__kind" style={{ background: kind.colour }}>
                        <span aria-hidden="true">{kind.icon}</span> {row.card && kindLabel(t, row.card.kind)}
                      </span>
                    )}{' '}
                    {row.card?.text || <em>{t('wall.results.removed')}</em>}
                  </p>
                  {row.summary && (
                    <p className="wall-rank__summary" data-testid="wall-result-summary">
                      {row.summary}
                    </p>
                  )}
                  {row.total > 0 && (
                    <div
                      className="wall-bar"
                      style={{ width: `${(row.total / max) * 100}%` }}
                      aria-label={COPRO_ROLES.filter((role) => row.weight(role) > 0)
                        .map((role) => `${roleShort(t, role)}: ${row.label(role)}`)
                        .join(', ')}
                    >
                      {COPRO_ROLES.filter((role) => row.weight(role) > 0).map((role) => (
                        <span
                          key={role}
                          className="wall-bar__part"
                          data-role={role}
                          style={{ flexGrow: row.weight(role), background: COPRO_ROLE_INFO[role].colour }}
                          title={`${roleLabel(t, role)}: ${row.label(role)}`}
                        >
                          {roleShort(t, role)} {row.label(role)}
                        </span>
                      ))}
                    </div>
                  )}
                </div>
                <span className="wall-rank__total" data-testid="wall-result-total">
                  {row.shownTotal}
                  {r.headline !== 'dots' && <span className="wall-rank__unit">{r.headline}</span>}
                </span>
              </li>
            )
          })}
        </ol>
      )}
      {roles.length > 0 && (
        <p className="wall-legend">
          {t('wall.results.legend')}{' '}
          {roles.map((role) => (
            <span key={role} className="wall-legend__item">
              <span className="wall-legend__swatch" style={{ background: COPRO_ROLE_INFO[role].colour }} />
              {roleLabel(t, role)}
            </span>
          ))}
        </p>
      )}
    </section>
  )
}
