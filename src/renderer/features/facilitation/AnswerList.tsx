import type { CardRecord } from '../../../core/common/cards/cardRecord'
import type { VotingRound } from '../../../core/common/voting/round'
import { CHOICES, choiceOn, setChoice } from '../../../core/common/voting/methods/agreement'
import { SCALE_POINTS, scoreOn, setScore } from '../../../core/common/voting/methods/scale'
import { move, pick, positionOf, unpick } from '../../../core/common/voting/methods/rank'
import type { LocalVotes } from '../../session/localVotes'
import { kindLabel, useT, type TFunction } from '../../device/i18n'

const snippet = (s: string, empty: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s) || empty

/** Words of the voting panel, kept together for the message catalogues (issue 19). */
export const answerCopy = (t: TFunction) => ({
  method: t('facilitation.round.method'),
  criteria: t('facilitation.round.criteria'),
  criterion: (n: number) => t('facilitation.round.criterion', { n }),
  needCriterion: t('facilitation.round.needCriterion'),
  topN: t('facilitation.round.topN'),
  choice: {
    agree: t('voting.label.agree'),
    disagree: t('voting.label.disagree'),
    pass: t('voting.label.pass'),
  } as const,
  ranked: (n: number, of: number) => t('facilitation.answer.rankedCount', { n, of }),
  rankPick: t('facilitation.answer.rankPick'),
  rankUp: t('facilitation.answer.rankUp'),
  rankDown: t('facilitation.answer.rankDown'),
  rankRemove: t('facilitation.answer.rankRemove'),
})

/** Answers for agreement, scale and rank rounds on this device (dots use VoteList). */
export function AnswerList(props: {
  round: VotingRound
  cards: CardRecord[]
  votes: LocalVotes
  voterId: string
}) {
  const { round, cards, votes, voterId } = props
  const t = useT()
  const COPY = answerCopy(t)
  const answers = votes.answers(round.id, voterId)
  const change = (f: Parameters<LocalVotes['update']>[2]) => votes.update(round.id, voterId, f)
  const label = (c: CardRecord) =>
    `${kindLabel(t, c.props.kind)}: ${snippet(c.props.text, t('facilitation.answer.emptyCard'))}`
  if (round.method === 'rank') {
    const ranked = answers.cardIds.map((id) => cards.find((c) => c.id === id)).filter((c) => c !== undefined)
    return (
      <>
        <p role="status">{COPY.ranked(answers.cardIds.length, round.topN)}</p>
        <ol className="facil-vote-list" aria-label={t('facilitation.answer.yourRanking')}>
          {ranked.map((c, i) => (
            <li key={c.id}>
              {label(c)}
              <span className="row-actions">
                <button
                  type="button"
                  className="button small"
                  disabled={i === 0}
                  aria-label={`${COPY.rankUp}: ${label(c)}`}
                  onClick={() => change((a) => move(a, c.id, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={i === ranked.length - 1}
                  aria-label={`${COPY.rankDown}: ${label(c)}`}
                  onClick={() => change((a) => move(a, c.id, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`${COPY.rankRemove}: ${label(c)}`}
                  onClick={() => change((a) => unpick(a, c.id))}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        <ul className="facil-vote-list" aria-label={t('facilitation.answer.canRank')}>
          {cards
            .filter((c) => positionOf(answers, c.id) < 0)
            .map((c) => (
              <li key={c.id}>
                {label(c)}
                <button
                  type="button"
                  className="button small"
                  disabled={answers.cardIds.length >= round.topN}
                  onClick={() => change((a) => pick(a, c.id, round.topN))}
                >
                  {COPY.rankPick}
                </button>
              </li>
            ))}
        </ul>
      </>
    )
  }
  return (
    <ul className="facil-vote-list" aria-label={t('facilitation.answer.canVote')}>
      {cards.map((c) => (
        <li key={c.id}>
          <span>{label(c)}</span>
          {round.method === 'agreement' ? (
            <span className="row-actions" role="group" aria-label={label(c)}>
              {CHOICES.map((ch) => (
                <button
                  key={ch}
                  type="button"
                  className="button small"
                  aria-pressed={choiceOn(answers, c.id) === ch}
                  onClick={() => change((a) => setChoice(a, c.id, choiceOn(a, c.id) === ch ? null : ch))}
                >
                  {COPY.choice[ch]}
                </button>
              ))}
            </span>
          ) : (
            round.criteria.map((crit, i) => (
              <span key={crit} className="row-actions" role="group" aria-label={`${crit}: ${label(c)}`}>
                {crit}{' '}
                {SCALE_POINTS.map((n) => (
                  <button
                    key={n}
                    type="button"
                    className="button small"
                    aria-pressed={scoreOn(answers, c.id, i) === n}
                    onClick={() => change((a) => setScore(a, c.id, i, scoreOn(a, c.id, i) === n ? null : n))}
                  >
                    {n}
                  </button>
                ))}
              </span>
            ))
          )}
        </li>
      ))}
      {cards.length === 0 && <li className="muted">{t('facilitation.answer.noCards')}</li>}
    </ul>
  )
}
